import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import { GoalCard } from './GoalCard';
import { DetailsPanel } from './DetailsPanel';
import { useT } from './use-t';

/** The selected goal (from a point on the map, a list or a link), unfolded. */
export function GoalDetails({ goalId, index, programme }: { goalId: string; index: AreaIndex; programme: ProgrammeCatalogue }) {
  const t = useT();
  const goal = programme.goals.find((g) => g.id === goalId);
  if (!goal) return null;
  return (
    <DetailsPanel kind={<>{t('kindGoal')} · <span lang="sv">{goal.theme}</span></>} title={goal.text} titleLang="sv">
      <GoalCard goal={goal} index={index} programme={programme} open />
    </DetailsPanel>
  );
}
