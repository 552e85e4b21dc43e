/**
 * Writes data/examples/example-walk.geojson: a made-up safety walk round Hässelby torg, to show
 * how walks work. Every record is marked `example: true`, and the texts say it is an example.
 * Nothing in it is taken from, or claims anything about, the programmes. Run once by hand
 * (`npx tsx scripts/make-example-walk.ts`); the build validates the file it wrote.
 */
import { writeFileSync } from 'node:fs';
import { newFinding, newWalk } from '../src/domain/walks/new-records';
import { transition } from '../src/domain/walks/status';
import type { Finding } from '../src/domain/walks/types';
import { exportGeoJson } from '../src/io/geojson';

const walkId = '00000000-0000-4000-8000-00000000e001';
const walk = newWalk({
  date: '2026-10-15', time: '19:00',
  area: { kind: 'priorityArea', id: 'hasselby-gard' },
  organiser: 'EXEMPEL – påhittad arrangör',
  participants: ['EXEMPEL – polisen', 'EXEMPEL – fastighetsägare', 'EXEMPEL – Trafikkontoret'],
  notes: 'EXEMPELDATA: en påhittad vandring som visar hur funktionen fungerar. Inget här har hänt.',
  route: [[17.8418, 59.3672], [17.8430, 59.3668], [17.8441, 59.3663], [17.8452, 59.3657], [17.8463, 59.3651]],
  example: true,
}, '2026-10-15T17:00:00.000Z', walkId);

const at = '2026-10-15T17:20:00.000Z';
const base = (n: number, position: [number, number], category: Finding['category'], description: string, responsible: Finding['responsible']) =>
  newFinding({ walkId, position, category, description: `EXEMPEL: ${description}`, responsible, example: true },
    at, `00000000-0000-4000-8000-00000000f00${n}`,
    { stadsdelId: 'hasselby-gard', districtId: 'hasselby-vallingby', priorityAreaIds: ['hasselby-gard'] });

const decided = (f: Finding) => {
  const r = transition(f, 'beslutad', '2026-11-05T09:00:00.000Z', 'EXEMPEL: beslutat på trygghetsrådets möte');
  if (!r.ok) throw new Error(r.errors[0]!.message);
  return { ...r.value, deadline: '2026-12-31' };
};

const findings = [
  base(1, [17.8433, 59.3667], 'belysning', 'trasig gatlampa vid gångvägen', { kind: 'trafikkontoret' }),
  decided(base(2, [17.8447, 59.3660], 'vegetation', 'buskage skymmer sikten vid entrén', { kind: 'fastighetsagare', name: 'EXEMPEL Fastighets AB' })),
  base(3, [17.8458, 59.3654], 'nedskrapning', 'nedskräpat kring återvinningen', { kind: 'sdf' }),
];

writeFileSync('data/examples/example-walk.geojson', `${exportGeoJson({ walks: [walk], findings })}\n`);
console.log('wrote data/examples/example-walk.geojson');
