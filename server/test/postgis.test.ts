/**
 * Cross-check of the shared area lookup (createAreaLookup, src/domain/walks/area-lookup.ts, which
 * the server places every finding with) against PostGIS: for many seeded random points in the
 * bundle's bbox, `ST_Covers` (boundary included, as the lookup documents) must name the same
 * stadsdel, district and priority areas. Only on PostgreSQL with PostGIS (CI's second server run);
 * everything it creates lives in temporary tables on one connection and is dropped at the end.
 */

import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AreasBundle } from '../../src/domain/types';
import type { FindingPlace, LonLat } from '../../src/domain/walks/types';
import { seededRandom } from '../../scripts/bench-data';
import { freshServer, type TestServer } from './harness';

const POINTS = 20_000;
const SEED = 20260412;

/** Why the test cannot run here, or null when it can. */
async function skipReason(): Promise<string | null> {
  const url = process.env.DATABASE_URL;
  if (!url) return 'DATABASE_URL is not set (runs on PostgreSQL with PostGIS only)';
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ available: boolean; installed: boolean; superuser: boolean }>(
      `select exists (select 1 from pg_available_extensions where name = 'postgis') as available,
              exists (select 1 from pg_extension where extname = 'postgis') as installed,
              (select rolsuper from pg_roles where rolname = current_user) as superuser`);
    const r = rows[0]!;
    if (!r.available) return 'the PostGIS extension is not available on this PostgreSQL (install postgresql-15-postgis-3)';
    if (!r.installed && !r.superuser) {
      return 'PostGIS is available but not created in this database and this role may not create it: run "create extension postgis" as a superuser';
    }
    return null;
  } finally {
    await client.end();
  }
}

const reason = await skipReason();

type Layer = 'stadsdel' | 'district' | 'priority';

describe.skipIf(reason !== null)(`area lookup vs PostGIS ST_Covers${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let server: TestServer;
  let client: pg.PoolClient;
  let createdExtension = false;

  beforeAll(async () => {
    server = await freshServer();
    client = await server.db.pool.connect();
    const installed = await client.query(`select 1 from pg_extension where extname = 'postgis'`);
    if (installed.rowCount === 0) {
      await client.query('create extension postgis');
      createdExtension = true;
    }
  });

  afterAll(async () => {
    if (!client) return;
    await client.query('drop table if exists pg_temp.xcheck_area, pg_temp.xcheck_point');
    if (createdExtension) await client.query('drop extension postgis');
    client.release();
  });

  it(`names the same stadsdel, district and priority areas for ${POINTS} random points`, async () => {
    const bundle = JSON.parse(readFileSync('public/data/areas.json', 'utf8')) as AreasBundle;
    const rows: { layer: Layer; ord: number; id: string; district: string; geometry: string }[] = [];
    const add = (layer: Layer, features: AreasBundle['stadsdelar']['features'] | AreasBundle['districts']['features'] | AreasBundle['priorityAreas']['features']) =>
      features.forEach((f, ord) => rows.push({
        layer, ord, id: f.properties.id,
        district: 'districtId' in f.properties ? f.properties.districtId : f.properties.id,
        geometry: JSON.stringify(f.geometry),
      }));
    add('stadsdel', bundle.stadsdelar.features);
    add('district', bundle.districts.features);
    add('priority', bundle.priorityAreas.features);

    await client.query(`create temporary table xcheck_area (
      layer text not null, ord integer not null, id text not null, district_id text not null, geom geometry(MultiPolygon, 4326) not null)`);
    await client.query(
      `insert into xcheck_area (layer, ord, id, district_id, geom)
       select layer, ord, id, district, ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(geometry), 4326))
       from unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::text[]) as t(layer, ord, id, district, geometry)`,
      [rows.map((r) => r.layer), rows.map((r) => r.ord), rows.map((r) => r.id), rows.map((r) => r.district), rows.map((r) => r.geometry)]);
    // Four polygons of the bundle are not OGC-valid (bromma-kyrka, riksby and
    // ulvsunda-industriomrade have a ring that touches itself; enskedefaltet has crossing edges).
    // They are loaded as they are: the point is to compare with the same coordinates the lookup uses.
    await client.query('create index on xcheck_area using gist (geom)');
    await client.query('analyze xcheck_area');

    const rng = seededRandom(SEED);
    const [w, s, e, n] = bundle.bbox;
    const points: LonLat[] = Array.from({ length: POINTS }, () => [w + rng() * (e - w), s + rng() * (n - s)]);
    await client.query('create temporary table xcheck_point (i integer primary key, geom geometry(Point, 4326) not null)');
    await client.query(
      `insert into xcheck_point (i, geom) select i, ST_SetSRID(ST_MakePoint(x, y), 4326)
       from unnest($1::int[], $2::float8[], $3::float8[]) as t(i, x, y)`,
      [points.map((_, i) => i), points.map((p) => p[0]), points.map((p) => p[1])]);
    // The lookup's rules, with ST_Covers as the point-in-polygon test: the first stadsdel in
    // bundle order, its district (or the first district when in no stadsdel), every priority area.
    const { rows: sql } = await client.query<{ i: number; stadsdel: string | null; district: string | null; priority: string[] }>(
      `select p.i, s.id as stadsdel, coalesce(s.district_id, d.id) as district, coalesce(pa.ids, '{}') as priority
       from xcheck_point p
       left join lateral (select id, district_id from xcheck_area a where a.layer = 'stadsdel' and ST_Covers(a.geom, p.geom) order by a.ord limit 1) s on true
       left join lateral (select id from xcheck_area a where a.layer = 'district' and ST_Covers(a.geom, p.geom) order by a.ord limit 1) d on true
       left join lateral (select array_agg(id order by a.ord) as ids from xcheck_area a where a.layer = 'priority' and ST_Covers(a.geom, p.geom)) pa on true
       order by p.i`);
    expect(sql).toHaveLength(POINTS);

    const places: FindingPlace[] = server.areas.lookup.locateAll(points);
    const mismatches: string[] = [];
    const count = { stadsdel: 0, district: 0, priority: 0 };
    let inStadsdel = 0;
    for (const row of sql) {
      const app = places[row.i]!;
      if (row.stadsdel) inStadsdel++;
      const where = `[${points[row.i]!.join(', ')}]`;
      if (app.stadsdelId !== row.stadsdel) { count.stadsdel++; mismatches.push(`${where} stadsdel: lookup ${app.stadsdelId}, PostGIS ${row.stadsdel}`); }
      if (app.districtId !== row.district) { count.district++; mismatches.push(`${where} district: lookup ${app.districtId}, PostGIS ${row.district}`); }
      if (app.priorityAreaIds.join(',') !== row.priority.join(',')) {
        count.priority++;
        mismatches.push(`${where} priority areas: lookup [${app.priorityAreaIds.join(', ')}], PostGIS [${row.priority.join(', ')}]`);
      }
    }
    // Most of the bbox is outside the city or in water outside every stadsdel: make sure the points tested something.
    expect(inStadsdel, 'points that PostGIS puts in a stadsdel').toBeGreaterThan(POINTS / 10);
    expect(mismatches, `${count.stadsdel} stadsdel, ${count.district} district and ${count.priority} priority-area mismatches `
      + `of ${POINTS} points (${inStadsdel} in a stadsdel); first ones:\n${mismatches.slice(0, 20).join('\n')}`).toEqual([]);
  });
});
