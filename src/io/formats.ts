import { csvFormat } from './csv';
import type { WalkFormat } from './format';
import { geojsonFormat } from './geojson';
import { open311Format } from './open311';

/** Every format walks and findings can be exported to; those with `import` can be read back. */
export const WALK_FORMATS: readonly WalkFormat[] = [geojsonFormat, csvFormat, open311Format];

/** The format with this id, if any. */
export function walkFormat(id: string): WalkFormat | undefined {
  return WALK_FORMATS.find((f) => f.id === id);
}
