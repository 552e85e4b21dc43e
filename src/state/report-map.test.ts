import { describe, expect, it } from 'vitest';
import type { ResidentReport } from '../domain/reports';
import { diamondIcon } from '../map/layers/reports';
import { reportFeatures } from './report-map';

const report = (id: string, position: [number, number]) => ({ id, position, category: 'klotter' }) as ResidentReport;

describe('pending reports on the map', () => {
  it('one point per report, with the flags the layer reads', () => {
    const fc = reportFeatures([report('a', [17.9, 59.4]), report('b', [17.91, 59.41])], new Set(['b']), 'a');
    expect(fc.features.map((f) => [f.id, f.properties, f.geometry.coordinates])).toEqual([
      ['a', { id: 'a', category: 'klotter', highlighted: false, selected: true }, [17.9, 59.4]],
      ['b', { id: 'b', category: 'klotter', highlighted: true, selected: false }, [17.91, 59.41]],
    ]);
  });

  it('draws a diamond: opaque in the middle, transparent in the corners, at twice the size', () => {
    const icon = diamondIcon(22, [[1.5, '#ffffff']], '#86198f');
    expect([icon.width, icon.height]).toEqual([44, 44]);
    const alpha = (x: number, y: number) => icon.data[(y * icon.width + x) * 4 + 3];
    expect(alpha(0, 0)).toBe(0);
    expect(alpha(43, 43)).toBe(0);
    expect(alpha(22, 22)).toBe(255);
    // The fill left of the exclamation mark is the colour; the edge is the white ring.
    const rgb = (x: number, y: number) => [...icon.data.slice((y * icon.width + x) * 4, (y * icon.width + x) * 4 + 3)];
    expect(rgb(14, 22)).toEqual([0x86, 0x19, 0x8f]);
    expect(rgb(2, 22)).toEqual([255, 255, 255]);
  });
});
