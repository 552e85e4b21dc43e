import { indicatorFigure } from '../domain/walks/indicators';
import { formatNumber } from '../i18n/strings';
import { useApp } from '../state/store';
import { walkIndicatorTable } from '../state/walk-indicators';
import { useT } from './use-t';

/**
 * Beside a programme indicator that the walks answer ("Antal trygghetsvandringar", "Aktiviteter
 * som beslutats utifrån trygghetsvandringar är genomförda"): the figure computed from the
 * recorded walks in the goal's district, per year with records. Nothing for other indicators.
 */
export function ComputedIndicator({ text, districtId }: { text: string; districtId: string }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  const walkData = useApp((s) => s.walkData);
  const data = useApp((s) => s.data);
  const figure = indicatorFigure(text);
  if (!figure || data.status !== 'ready') return null;
  const table = walkIndicatorTable(walkData, data.bundle);
  const area = { kind: 'district' as const, id: districtId };
  const values = table.years().map((year) => {
    const f = table.get(area, year);
    const value = figure === 'walks' ? String(f.walks)
      : f.shareDone === null ? t('indicatorNone') : t('indicatorDoneValue', { done: f.decidedDone, decided: f.decided, share: formatNumber(lang, f.shareDone * 100, 0) });
    return `${year}: ${value}`;
  });
  if (values.length === 0) return null;
  return <span className="indicator-figure" data-testid="computed-indicator">{t('indicatorComputed', { value: values.join('; ') })}</span>;
}
