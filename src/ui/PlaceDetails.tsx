import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import { foldName } from '../domain/names';
import { PlaceNames } from './FindingDetails';
import { GoalList } from './GoalList';
import { SourceNote } from './SourceNote';
import { DetailsPanel } from './DetailsPanel';
import { useT } from './use-t';

/** A named place: where it is, which documents name it, and the goals and measures that mention it. */
export function PlaceDetails({ placeId, index, programme }: { placeId: string; index: AreaIndex; programme: ProgrammeCatalogue }) {
  const t = useT();
  const place = programme.places.find((p) => p.id === placeId);
  if (!place) return null;
  // Linked in the data, or naming the place in their own words.
  const name = foldName(place.name);
  const mentions = (text: string) => foldName(text).includes(name);
  const goals = programme.goals.filter((g) => g.places.includes(place.id) || g.measures.some((m) => m.places?.includes(place.id) || mentions(m.text)) || mentions(g.text));
  return (
    <DetailsPanel kind={<>{t('kindPlace')} · <span lang="sv">{place.category}</span></>} title={place.name}>
      <dl>
        <dt>{t('findingPlace')}</dt>
        <dd><PlaceNames place={{ stadsdelId: place.stadsdelId, districtId: place.districtId, priorityAreaIds: place.priorityAreaIds }} index={index} /></dd>
      </dl>
      <p className="hint">{t('placePosition')}</p>
      {place.sources.map((s, i) => <SourceNote key={i} source={s} index={index} />)}
      <h3>{t('placeGoals', { n: goals.length })}</h3>
      <GoalList goals={goals} index={index} programme={programme} headingLevel={4} />
    </DetailsPanel>
  );
}
