import type { AreaIndex } from '../domain/area-index';
import type { ProgrammeCatalogue } from '../domain/programme';
import type { AreaKind } from '../domain/types';

/** Names for "place:id" and "kind:id" location keys, and for districts by id. */
export function locationNamer(index: AreaIndex, programme: ProgrammeCatalogue) {
  const places = new Map(programme.places.map((p) => [p.id, p.name]));
  return {
    location(key: string): string {
      const [kind, id] = key.split(':') as [string, string];
      if (kind === 'place') return places.get(id) ?? id;
      return index.find(kind as AreaKind, id)?.properties.name ?? id;
    },
    district(id: string): string {
      return index.district(id)?.properties.name ?? id;
    },
  };
}
