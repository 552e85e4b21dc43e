import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { palette } from './palette';

/** Pending resident reports (for those who moderate them): drawn above the areas, below walks and findings. */
export const REPORT_SOURCE = 'resident-reports';
export const REPORT_LAYER = 'resident-reports-symbol';
/** A diamond with an exclamation mark: not a finding's dot, a site's ring or a goal's dot. */
export const REPORT_COLOUR = '#86198f';
const ICON = 'resident-report';
const ICON_LARGE = 'resident-report-large';
const HALO = '#facc15';

const flag = (name: string): ExpressionSpecification => ['boolean', ['get', name], false];

/**
 * A halo under the reports the selected walk may look at (its candidates and stops) and under the
 * one open in the queue, then the diamond itself (larger when highlighted).
 */
export function reportLayers(): LayerSpecification[] {
  return [
    {
      id: 'resident-reports-halo', type: 'circle', source: REPORT_SOURCE, filter: ['any', flag('highlighted'), flag('selected')],
      paint: {
        'circle-radius': 19, 'circle-color': HALO, 'circle-opacity': 0.6,
        'circle-stroke-color': ['case', flag('selected'), palette.selected, HALO], 'circle-stroke-width': ['case', flag('selected'), 3, 0],
      },
    },
    {
      id: REPORT_LAYER, type: 'symbol', source: REPORT_SOURCE,
      layout: {
        'icon-image': ['case', ['any', flag('highlighted'), flag('selected')], ICON_LARGE, ICON],
        // Always drawn; labels keep off it (they are placed after it).
        'icon-allow-overlap': true, 'icon-ignore-placement': false,
      },
    },
  ];
}

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
}

/**
 * The diamond as pixels (drawn at twice the size for sharp screens): rings from the outside in
 * (each [width, colour]), then the fill with a white "!".
 */
export function diamondIcon(cssSize: number, rings: [number, string][], fill: string): { width: number; height: number; data: Uint8Array } {
  const size = cssSize * 2;
  const data = new Uint8Array(size * size * 4);
  const half = size / 2;
  const radius = half - 1;
  const white = hex('#ffffff');
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const d = Math.abs(px - half) + Math.abs(py - half);
      const alpha = Math.min(1, Math.max(0, radius - d + 0.5));
      if (alpha === 0) continue;
      let depth = radius - d;
      let colour = hex(fill);
      let inRing = false;
      for (const [width, ring] of rings) {
        if (depth < width * 2) { colour = hex(ring); inRing = true; break; }
        depth -= width * 2;
      }
      if (!inRing) {
        const bar = Math.abs(px - half) < size * 0.06 && py > size * 0.27 && py < size * 0.6;
        const dot = Math.hypot(px - half, py - size * 0.71) < size * 0.065;
        if (bar || dot) colour = white;
      }
      const i = (y * size + x) * 4;
      data.set([...colour, Math.round(alpha * 255)], i);
    }
  }
  return { width: size, height: size, data };
}

/** Adds the icons the reports layer uses (once the style has loaded). */
export function addReportIcons(map: { hasImage(id: string): boolean; addImage(id: string, image: { width: number; height: number; data: Uint8Array }, options?: { pixelRatio?: number }): void }): void {
  if (!map.hasImage(ICON)) map.addImage(ICON, diamondIcon(22, [[1.5, '#ffffff']], REPORT_COLOUR), { pixelRatio: 2 });
  if (!map.hasImage(ICON_LARGE)) map.addImage(ICON_LARGE, diamondIcon(30, [[1.5, palette.selected], [1.5, '#ffffff']], REPORT_COLOUR), { pixelRatio: 2 });
}
