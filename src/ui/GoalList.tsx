import type { AreaIndex } from '../domain/area-index';
import type { GoalRecord, ProgrammeCatalogue } from '../domain/programme';
import { familyColours } from '../map/layers/palette';
import { GoalCard } from './GoalCard';

/** Goals grouped under their theme as written, in document order. */
export function GoalList({ goals, index, programme, headingLevel = 3 }: {
  goals: GoalRecord[]; index: AreaIndex; programme: ProgrammeCatalogue; headingLevel?: 3 | 4;
}) {
  const groups = new Map<string, GoalRecord[]>();
  for (const g of goals) {
    const key = `${g.districtId}|${g.theme}`;
    groups.set(key, [...(groups.get(key) ?? []), g]);
  }
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="goal-list">
      {[...groups.values()].map((group) => {
        const first = group[0]!;
        return (
          <section key={`${first.districtId}|${first.theme}`} className="theme-group">
            <Heading className="theme-heading">
              <span className="dot" style={{ background: familyColours[first.family] }} aria-hidden="true" />
              <span lang="sv">{first.theme}</span>
              <span className="theme-district"> · {index.district(first.districtId)?.properties.name}</span>
            </Heading>
            {group.map((g) => <GoalCard key={g.id} goal={g} index={index} programme={programme} />)}
          </section>
        );
      })}
    </div>
  );
}
