import { useId, useMemo, useState } from 'react';
import type { AreaIndex } from '../domain/area-index';
import { stockholmDate } from '../domain/walks/stockholm-time';
import type { Finding } from '../domain/walks/types';
import type { AreaKind } from '../domain/types';
import { findingsInArea, fixedAt, reportedAt } from '../state/area-findings';
import { isOpen } from '../domain/walks/status';
import { appStore, useApp } from '../state/store';
import { usePermissions } from './permissions';
import { StatusChip } from './StatusChip';
import { useT } from './use-t';
import { CATEGORY_LABEL, RESPONSIBLE_LABEL } from './walk-labels';

/** How many findings the list shows at first, and how many more each "show more" adds. */
const PAGE = 25;

/** A date that does not break over lines. */
const day = (iso: string | undefined) => (iso ? (stockholmDate(iso) ?? iso.slice(0, 10)).replaceAll('-', '\u2011') : '–');

/**
 * The findings in an area that the viewer may see, newest first: category, status with its colour
 * and date, when it was reported and fixed, and who is responsible. Only fields a public finding
 * has (PublicFinding) are shown, whoever looks.
 */
export function AreaFindings({ area, index }: { area: { kind: AreaKind; id: string }; index: AreaIndex }) {
  const t = useT();
  const id = useId();
  const findings = useApp((s) => s.walkData.findings);
  const selection = useApp((s) => s.selection);
  const can = usePermissions(index);
  const [shown, setShown] = useState(PAGE);
  const inThisArea = useMemo(() => findingsInArea(findings, area), [findings, area.kind, area.id]); // eslint-disable-line react-hooks/exhaustive-deps
  const open = inThisArea.filter((f) => isOpen(f.status)).length;
  const fixed = inThisArea.filter((f) => f.status === 'atgardad').length;
  const responsible = (f: Finding) => f.responsible.name ?? t(RESPONSIBLE_LABEL[f.responsible.kind]);

  return (
    <section className="area-findings" aria-labelledby={`${id}-h`} data-testid="area-findings">
      <h3 id={`${id}-h`}>{t('areaFindingsHeading', { n: inThisArea.length })}</h3>
      {!can.local && !can.canPin && <p className="hint">{t('areaFindingsPublicNote')}</p>}
      {inThisArea.length === 0 ? <p>{t('areaFindingsNone')}</p> : (
        <>
          <p>{t('areaFindingsSummary', { open, fixed })}</p>
          <ul className="finding-list area-finding-list">
            {inThisArea.slice(0, shown).map((f) => {
              const statusAt = f.history.at(-1)?.at ?? f.updatedAt;
              const fixedDate = fixedAt(f);
              return (
                <li key={f.id} className="finding-item">
                  <button type="button" data-finding-id={f.id} aria-current={selection?.kind === 'finding' && selection.id === f.id ? 'true' : undefined}
                    onClick={() => appStore.getState().select({ kind: 'finding', id: f.id }, { focus: true })}>
                    <span className="finding-list-head">
                      <strong>{t(CATEGORY_LABEL[f.category])}</strong> <StatusChip status={f.status} /> <span className="meta">{t('areaFindingsSince', { date: day(statusAt) })}</span>
                    </span>
                    <span className="finding-text">{f.description.length > 90 ? `${f.description.slice(0, 89)}…` : f.description}</span>
                    <span className="meta">
                      {t('areaFindingsReported', { date: day(reportedAt(f)) })}
                      {fixedDate && <>, {t('areaFindingsFixed', { date: day(fixedDate) })}</>}
                      {' · '}{t('areaFindingsResponsible', { name: responsible(f) })}
                    </span>
                  </button>
                </li>
              );
            })}
          </ul>
          {inThisArea.length > shown && (
            <button type="button" className="secondary" onClick={() => setShown((n) => n + PAGE)}>
              {t('areaFindingsMore', { n: inThisArea.length - shown })}
            </button>
          )}
        </>
      )}
    </section>
  );
}
