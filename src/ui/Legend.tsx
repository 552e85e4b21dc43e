import { useState } from 'react';
import { palette } from '../map/layers/palette';
import { useT } from './use-t';

/** Explains the map's layers with the colours the layers use. */
export function Legend() {
  const t = useT();
  // On a phone the open legend would cover most of the map; it starts folded there.
  const [narrow] = useState(() => window.matchMedia?.('(max-width: 720px)').matches ?? false);
  const rows: { key: Parameters<typeof t>[0]; swatch: React.CSSProperties }[] = [
    { key: 'legendDistrict', swatch: { borderTop: `3px solid ${palette.districtLine}`, height: 0 } },
    { key: 'legendStadsdel', swatch: { borderTop: `1px solid ${palette.stadsdelLine}`, height: 0 } },
    { key: 'legendPriority', swatch: { background: `${palette.priority}55`, border: `2px solid ${palette.priority}` } },
    { key: 'legendApproximate', swatch: { background: `${palette.approximate}30`, border: `2px dashed ${palette.approximate}` } },
    { key: 'legendSelected', swatch: { border: `3px solid ${palette.selected}` } },
    { key: 'legendWater', swatch: { background: palette.water } },
  ];
  return (
    <details className="legend" open={!narrow}>
      <summary>{t('legendTitle')}</summary>
      <ul>
        {rows.map((r) => (
          <li key={r.key}>
            <span className="swatch" style={r.swatch} aria-hidden="true" />
            {t(r.key)}
          </li>
        ))}
      </ul>
    </details>
  );
}
