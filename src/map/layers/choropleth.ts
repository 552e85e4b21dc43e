import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { AreaKind } from '../../domain/types';
import { SOURCES } from './basemap';
import { choroplethColours } from './palette';

export const CHOROPLETH_LAYER: Record<AreaKind, string> = {
  district: 'choropleth-district', stadsdel: 'choropleth-stadsdel', priorityArea: 'choropleth-priority-area',
};
const SOURCE_OF: Record<AreaKind, string> = { district: SOURCES.districts, stadsdel: SOURCES.stadsdelar, priorityArea: SOURCES.priorityAreas };

/**
 * Fill colour for counts held in feature-state `count`, given class upper bounds (see
 * classBreaks): zero stays transparent, class i is coloured from the sequential palette.
 */
export function choroplethColour(breaks: number[]): ExpressionSpecification {
  const stops = breaks.flatMap((_, i) => [
    i === 0 ? 1 : breaks[i - 1]! + 1,
    choroplethColours[Math.min(i, choroplethColours.length - 1)]!,
  ]);
  return ['step', ['coalesce', ['feature-state', 'count'], 0], 'rgba(0,0,0,0)', ...stops] as unknown as ExpressionSpecification;
}

/** One hidden fill layer per area level; the adapter shows one and sets its colours. */
export function choroplethLayers(): LayerSpecification[] {
  return (Object.keys(CHOROPLETH_LAYER) as AreaKind[]).map((kind) => ({
    id: CHOROPLETH_LAYER[kind], type: 'fill', source: SOURCE_OF[kind],
    layout: { visibility: 'none' },
    paint: { 'fill-color': choroplethColour([1]), 'fill-opacity': 0.85 },
  }));
}
