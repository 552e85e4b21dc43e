import type {
  AreaKind, AreasBundle, DistrictFeature, PriorityAreaFeature, SourceDocument, StadsdelFeature,
} from './types';

export type AreaFeature = DistrictFeature | StadsdelFeature | PriorityAreaFeature;

/** Lookups over the loaded areas; built once when the bundle arrives. */
export interface AreaIndex {
  /** Districts in Swedish alphabetical order. */
  districts: DistrictFeature[];
  district(id: string): DistrictFeature | undefined;
  stadsdel(id: string): StadsdelFeature | undefined;
  priorityArea(id: string): PriorityAreaFeature | undefined;
  /** Priority areas of a district in alphabetical order. */
  priorityAreasOf(districtId: string): PriorityAreaFeature[];
  find(kind: AreaKind, id: string): AreaFeature | undefined;
  document(id: string): SourceDocument | undefined;
}

const byName = (a: { properties: { name: string } }, b: { properties: { name: string } }) =>
  a.properties.name.localeCompare(b.properties.name, 'sv');

export function indexAreas(bundle: AreasBundle): AreaIndex {
  const districts = new Map(bundle.districts.features.map((f) => [f.properties.id, f]));
  const stadsdelar = new Map(bundle.stadsdelar.features.map((f) => [f.properties.id, f]));
  const areas = new Map(bundle.priorityAreas.features.map((f) => [f.properties.id, f]));
  const documents = new Map(bundle.sources.map((d) => [d.id, d]));
  const sortedDistricts = [...bundle.districts.features].sort(byName);
  return {
    districts: sortedDistricts,
    district: (id) => districts.get(id),
    stadsdel: (id) => stadsdelar.get(id),
    priorityArea: (id) => areas.get(id),
    priorityAreasOf: (districtId) =>
      bundle.priorityAreas.features.filter((f) => f.properties.districtId === districtId).sort(byName),
    find: (kind, id) =>
      kind === 'district' ? districts.get(id) : kind === 'stadsdel' ? stadsdelar.get(id) : areas.get(id),
    document: (id) => documents.get(id),
  };
}
