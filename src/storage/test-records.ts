/**
 * Test helpers for the storage tests: small records shaped like real ones, and a clock.
 * Only imported by *.test.ts files and the shared contract suite.
 */
import { openDB } from 'idb';
import type { Finding, Walk } from '../domain/walks/types';

/** A 1×1 PNG as a data URL, standing in for a downscaled photo. */
export const PHOTO_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

export function walk(id: string, overrides: Partial<Walk> = {}): Walk {
  return {
    id,
    date: '2021-10-14',
    time: '18:30',
    area: { kind: 'stadsdel', id: 'hasselby-gard' },
    organiser: 'Hässelby-Vällingby stadsdelsförvaltning',
    participants: ['Polisen', 'Trafikkontoret', 'Svenska Bostäder'],
    notes: 'Start vid Hässelby gårds tunnelbanestation.',
    route: [
      [17.8433, 59.3666],
      [17.8461, 59.3672],
      [17.8489, 59.3659],
    ],
    createdAt: '2021-10-01T08:00:00.000Z',
    updatedAt: '2021-10-01T08:00:00.000Z',
    revision: 0,
    ...overrides,
  };
}

export function finding(id: string, walkId: string | null, overrides: Partial<Finding> = {}): Finding {
  return {
    id,
    walkId,
    position: [17.8451, 59.3669],
    category: 'belysning',
    description: 'Trasig gatlykta vid gångtunneln <img src=x onerror=alert(1)>',
    photo: { name: 'lykta.png', type: 'image/png', dataUrl: PHOTO_DATA_URL },
    responsible: { kind: 'trafikkontoret' },
    priority: 'hog',
    status: 'ny',
    history: [{ status: 'ny', at: '2021-10-14T19:05:00.000Z' }],
    deadline: null,
    public: false,
    stadsdelId: 'hasselby-gard',
    districtId: 'hasselby-vallingby',
    priorityAreaIds: ['hasselby-gard'],
    createdAt: '2021-10-14T19:05:00.000Z',
    updatedAt: '2021-10-14T19:05:00.000Z',
    revision: 0,
    ...overrides,
  };
}

/** A clock that returns a later second at each call: 2024-01-01T00:00:01Z, …02Z, … */
export function steppingClock(): () => string {
  let t = Date.UTC(2024, 0, 1);
  return () => {
    t += 1000;
    return new Date(t).toISOString();
  };
}

/**
 * Writes a database exactly as version 1 of the app left it on disk, without the app's own
 * schema code (which may change), so that upgrades are tested from what users really have.
 */
export async function writeVersion1Database(name: string, walks: Walk[], findings: Finding[]): Promise<void> {
  const db = await openDB(name, 1, {
    upgrade(db) {
      db.createObjectStore('walks', { keyPath: 'id' });
      const f = db.createObjectStore('findings', { keyPath: 'id' });
      f.createIndex('by-walkId', 'walkId');
      f.createIndex('by-status', 'status');
    },
  });
  const tx = db.transaction(['walks', 'findings'], 'readwrite');
  await Promise.all([
    ...walks.map((w) => tx.objectStore('walks').put(w)),
    ...findings.map((f) => tx.objectStore('findings').put(f)),
    tx.done,
  ]);
  db.close();
}
