/**
 * npm run streets -- FILE... [--out DIR]
 * npm run streets -- --samples [--out DIR]
 *
 * Builds the street layer (streets, paths, steps, buildings, street names; © OpenStreetMap
 * contributors, ODbL) from OpenStreetMap extracts, clipped to the city's stadsdel polygons, into
 * public/streets/{z}/{x}/{y}.pbf with public/streets/tiles.json. `--samples` builds it from the
 * small extracts in GEODATA_DIR/osm-samples (what the browser tests use).
 */
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { REPO_ROOT, geodataDir, geodataPath, requireGeodata } from './geodata';
import { buildStreets, detectFormat, loadCityOutline } from './streets/build';

const USAGE = `Usage: npm run streets -- FILE... [--out DIR]
       npm run streets -- --samples [--out DIR]

Builds vector tiles of streets, paths, steps, buildings and street names from OpenStreetMap
extracts (.osm XML or .osm.pbf; several files may be given, overlaps are read once), clipped to
the city's stadsdel polygons (GEODATA_DIR/stockholm-stadsdelar/stadsdelar.geojson).

  --out DIR   where to write ({z}/{x}/{y}.pbf and tiles.json); default public/streets
  --samples   read the sample extracts in GEODATA_DIR/osm-samples instead of FILEs
  GEODATA_DIR (environment) the shared geodata folder; default ../shared/geodata`;

function fail(message: string, code = 1): never {
  console.error(message);
  process.exit(code);
}

const args = process.argv.slice(2);
let out = join(REPO_ROOT, 'public', 'streets');
let samples = false;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (a === '--help' || a === '-h') {
    console.log(USAGE);
    process.exit(0);
  } else if (a === '--out') {
    const dir = args[++i];
    if (!dir || dir.startsWith('--')) fail(`--out needs a folder\n\n${USAGE}`, 2);
    out = resolve(dir);
  } else if (a.startsWith('--out=')) out = resolve(a.slice('--out='.length));
  else if (a === '--samples') samples = true;
  else if (a.startsWith('-')) fail(`unknown option ${a}\n\n${USAGE}`, 2);
  else files.push(resolve(a));
}

const dir = geodataDir();
requireGeodata(samples ? ['stadsdelar', 'osmSamples'] : ['stadsdelar'], dir);
if (samples) {
  const folder = geodataPath('osmSamples', dir);
  files.push(...readdirSync(folder).filter((f) => /\.osm(\.pbf)?$/.test(f)).sort().map((f) => join(folder, f)));
  if (files.length === 0) fail(`no .osm or .osm.pbf file in ${folder}`);
}
if (files.length === 0) fail(`no OpenStreetMap extract given\n\n${USAGE}`, 2);

const problems = files.map(detectFormat).filter((f) => f !== 'xml' && f !== 'pbf');
if (problems.length > 0) {
  fail(`streets: ${problems.length} of the ${files.length} file(s) cannot be used:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

const started = performance.now();
try {
  const outline = loadCityOutline(geodataPath('stadsdelar', dir));
  const outlineSeconds = (performance.now() - started) / 1000;
  const r = buildStreets(files, out, outline);
  const kib = (b: number) => `${(b / 1024).toFixed(0)} KiB`;
  const perZoom = Object.entries(r.zooms).map(([z, s]) => `z${z} ${s.tileCount} tiles ${kib(s.bytes)} (${kib(s.gzipBytes)} gzip)`).join(', ');
  const where = relative(process.cwd(), out) || '.';
  console.log(
    `streets: read ${r.read.nodes} nodes, ${r.read.ways} ways, ${r.read.relations} relations from ${files.length} file(s); ` +
      `${r.lines} street lines and ${r.buildings} buildings in the city; wrote ${r.tileCount} tiles, ${kib(r.bytes)} ` +
      `(${kib(r.gzipBytes)} gzip) and tiles.json to ${where} [${perZoom}] in ${((performance.now() - started) / 1000).toFixed(1)} s ` +
      `(outline ${outlineSeconds.toFixed(1)} s, reading ${r.seconds.read.toFixed(1)} s, features ${r.seconds.features.toFixed(1)} s, tiles ${r.seconds.tiles.toFixed(1)} s)`,
  );
} catch (err) {
  fail(`streets: ${(err as Error).message}`);
}
