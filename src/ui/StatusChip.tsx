import type { FindingStatus } from '../domain/walks/types';
import { statusColours } from '../map/layers/palette';
import { useT } from './use-t';
import { STATUS_LABEL } from './walk-labels';

/** A finding's status as a coloured label (the same colour as on the map). */
export function StatusChip({ status }: { status: FindingStatus }) {
  const t = useT();
  // Yellow needs dark text to be readable; the others take white.
  const dark = status === 'pagar';
  return <span className="status-chip" style={{ background: statusColours[status], color: dark ? '#1f2933' : '#fff' }}>{t(STATUS_LABEL[status])}</span>;
}
