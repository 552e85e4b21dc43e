import type { AreaIndex } from '../domain/area-index';
import type { AreaRef } from '../domain/walks/indicators';
import { FINDING_CATEGORIES } from '../domain/walks/types';
import type { AreasBundle } from '../domain/types';
import { formatNumber } from '../i18n/strings';
import { useApp } from '../state/store';
import { walkIndicatorTable } from '../state/walk-indicators';
import { useT } from './use-t';
import { CATEGORY_LABEL } from './walk-labels';

/**
 * The programme's own follow-up figures for an area, computed from the recorded walks: number of
 * walks, findings by category, and the share of decided actions that are done, per year.
 */
export function WalkIndicatorsBlock({ area, bundle }: { area: AreaRef; bundle: AreasBundle; index: AreaIndex }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const walkData = useApp((s) => s.walkData);
  const table = walkIndicatorTable(walkData, bundle);
  const years = table.years().filter((y) => {
    const f = table.get(area, y);
    return f.walks > 0 || f.findings > 0;
  });
  if (years.length === 0) return null;
  return (
    <div className="walk-indicators" data-testid="walk-indicators">
      {years.reverse().map((year) => {
        const f = table.get(area, year);
        return (
          <div key={year}>
            <h3>{t('indicatorsHeading', { year })}</h3>
            <dl>
              <dt>{t('indicatorWalks')}</dt><dd data-testid={`walks-${year}`}>{f.walks}</dd>
              <dt>{t('indicatorDone')}</dt>
              <dd data-testid={`done-${year}`}>
                {f.shareDone === null ? t('indicatorNone') : t('indicatorDoneValue', { done: f.decidedDone, decided: f.decided, share: formatNumber(lang, f.shareDone * 100, 0) })}
              </dd>
            </dl>
            <ul className="counts">
              {FINDING_CATEGORIES.filter((c) => f.findingsByCategory[c] > 0).map((c) => (
                <li key={c}>{t(CATEGORY_LABEL[c])}: {f.findingsByCategory[c]}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </div>
  );
}
