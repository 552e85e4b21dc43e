import type { ExpressionSpecification, FilterSpecification, LayerSpecification } from 'maplibre-gl';

/**
 * Markers drawn as circles take no part in MapLibre's label placement, so names were drawn under
 * goal clusters and findings. Each kind of marker gets an invisible symbol of its size in a
 * "blocker" layer above every label: always placed (allow-overlap), it takes its place in the
 * collision index (no ignore-placement), and labels placed after it (every label layer is lower
 * in the style) move to another anchor or give way.
 */
export const BLOCKER_IMAGE = 'marker-blocker';
const SIZE = 16;

/** A transparent square image, added once the style has loaded. */
export function addBlockerImage(map: { hasImage(id: string): boolean; addImage(id: string, image: { width: number; height: number; data: Uint8Array }): void }): void {
  if (!map.hasImage(BLOCKER_IMAGE)) map.addImage(BLOCKER_IMAGE, { width: SIZE, height: SIZE, data: new Uint8Array(SIZE * SIZE * 4) });
}

/** A blocker over the markers of `source`, `diameter` pixels across (may depend on the feature). */
export function blockerLayer(id: string, source: string, diameter: number | ExpressionSpecification, options: { filter?: FilterSpecification; minzoom?: number; maxzoom?: number } = {}): LayerSpecification {
  const size: number | ExpressionSpecification = typeof diameter === 'number' ? diameter / SIZE : ['/', diameter, SIZE];
  return {
    id, type: 'symbol', source, ...options,
    layout: {
      'icon-image': BLOCKER_IMAGE, 'icon-size': size, 'icon-allow-overlap': true, 'icon-ignore-placement': false,
      'icon-padding': 0,
    },
    paint: { 'icon-opacity': 0 },
  };
}
