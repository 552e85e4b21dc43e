import { useEffect, useRef } from 'react';
import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import { appStore, useApp } from '../state/store';
import { GoalCard } from './GoalCard';
import { useT } from './use-t';

/** The selected goal (from a point on the map, a list or a link), unfolded. */
export function GoalDetails({ goalId, index, programme }: { goalId: string; index: AreaIndex; programme: ProgrammeCatalogue }) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusRequest = useApp((s) => s.focusRequest);
  useEffect(() => {
    if (focusRequest > 0) heading.current?.focus();
  }, [focusRequest]);
  const goal = programme.goals.find((g) => g.id === goalId);
  if (!goal) return null;
  return (
    <section className="details" aria-labelledby="details-heading" data-testid="details">
      <div className="details-head">
        <p className="kind">{t('kindGoal')} · <span lang="sv">{goal.theme}</span></p>
        <button type="button" className="close" onClick={() => appStore.getState().select(null)} aria-label={t('close')}>×</button>
      </div>
      <h2 id="details-heading" ref={heading} tabIndex={-1} lang="sv">{goal.text}</h2>
      <GoalCard goal={goal} index={index} programme={programme} open />
    </section>
  );
}
