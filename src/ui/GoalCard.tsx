import type { AreaIndex } from '../domain/area-index';
import { formatPeriod, type GoalRecord } from '../domain/programme';
import { familyColours } from '../map/layers/palette';
import { appStore } from '../state/store';
import { locationNamer } from './location-names';
import { SourceNote } from './SourceNote';
import { useT } from './use-t';
import type { ProgrammeCatalogue } from '../domain/programme';
import { ComputedIndicator } from './ComputedIndicator';

/**
 * One goal with everything the documents say about it: measures (with dates and places),
 * indicators with targets, partners, control, dialogue, period and source. Folded by default in
 * lists; `open` shows it unfolded.
 */
export function GoalCard({ goal, index, programme, open = false }: { goal: GoalRecord; index: AreaIndex; programme: ProgrammeCatalogue; open?: boolean }) {
  const t = useT();
  const names = locationNamer(index, programme);
  const period = formatPeriod(goal.period) || t('periodNone');
  return (
    <details className="goal" open={open} data-goal-id={goal.id}>
      <summary>
        <span className="dot" style={{ background: familyColours[goal.family] }} aria-hidden="true" />
        <span className="goal-text" lang="sv">{goal.text}</span>
        <span className="goal-meta">{goal.level} · {period} · {t('measures').toLowerCase()}: {goal.measures.length}</span>
      </summary>
      <div className="goal-body">
        <dl>
          <dt>{t('filterTheme')}</dt><dd lang="sv">{goal.theme}</dd>
          <dt>{t('district')}</dt><dd>{names.district(goal.districtId)}</dd>
          <dt>{t('where')}</dt><dd>{goal.locations.map(names.location).join(', ')}</dd>
          <dt>{t('period')}</dt><dd>{period}</dd>
          {goal.control && <><dt>{t('control')}</dt><dd lang="sv">{goal.control}</dd></>}
        </dl>
        {goal.measures.length > 0 && (
          <>
            <h4>{t('measures')}</h4>
            <ol className="measures">
              {goal.measures.map((m) => (
                <li key={m.id} value={m.number}>
                  <span lang="sv">{m.text}</span>
                  {(m.start || m.end) && <span className="meta"> ({t('startEnd', { start: m.start ?? '', end: m.end ?? '' })})</span>}
                  {m.responsible && <span className="meta" lang="sv"> – {m.responsible}</span>}
                  {goal.measureLocations[m.id] && <span className="meta"> · {goal.measureLocations[m.id]!.map(names.location).join(', ')}</span>}
                </li>
              ))}
            </ol>
          </>
        )}
        {goal.indicators.length > 0 && (
          <>
            <h4>{t('indicators')}</h4>
            <ul className="indicators">
              {goal.indicators.map((i) => (
                <li key={i.id}>
                  <span lang="sv">{i.text}</span>
                  {i.annualTarget && <span className="target"> · {t('annualTarget')} {i.annualTarget}</span>}
                  {i.kfTarget && <span className="target"> · {t('kfTarget')} {i.kfTarget}</span>}
                  {i.periodicity && <span className="meta"> · {t('periodicity')}: {i.periodicity}</span>}
                  <ComputedIndicator text={i.text} districtId={goal.districtId} />
                </li>
              ))}
            </ul>
          </>
        )}
        {goal.partners.length > 0 && (
          <p><strong>{t('partners')}:</strong> <span lang="sv">{goal.partners.join(', ')}</span></p>
        )}
        {goal.dialogue && <p><strong>{t('dialogue')}:</strong> <span lang="sv">{goal.dialogue}</span></p>}
        <SourceNote source={goal.source} index={index} />
        {!open && (
          <button type="button" className="link" onClick={() => appStore.getState().select({ kind: 'goal', id: goal.id }, { focus: true })}>
            {t('showGoal')}
          </button>
        )}
      </div>
    </details>
  );
}
