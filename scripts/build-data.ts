/**
 * Builds what the app loads from data/ and the CC0 polygons of GEODATA_DIR (default
 * ../shared/geodata: stockholm-stadsdelar/stadsdelar.geojson and vatten.geojson, which the
 * repository does not copy): public/data/areas.json (stadsdelar, districts, priority areas,
 * sources) and public/data/water.json. Exits non-zero, naming every record that is wrong, when
 * data/ is inconsistent, and naming every missing file and its source when geodata is missing.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAreas } from '../src/domain/build-areas';
import { buildProgramme } from '../src/domain/programme';
import { buildSites } from '../src/domain/sites';
import { quantize } from '../src/domain/geometry';
import { importGeoJson } from '../src/io/geojson';
import { geodataPath, requireGeodata } from './geodata';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dataDir = join(root, 'data');
const outDir = join(root, 'public', 'data');
const readJson = (name: string): unknown => JSON.parse(readFileSync(join(dataDir, name), 'utf8'));
const geodataDir = requireGeodata(['stadsdelar', 'vatten']);
const readGeodata = (name: 'stadsdelar' | 'vatten'): unknown => JSON.parse(readFileSync(geodataPath(name, geodataDir), 'utf8'));

const documentTexts: Record<string, string> = {};
for (const file of readdirSync(join(dataDir, 'seeds'))) {
  documentTexts[file.slice(0, 3)] = readFileSync(join(dataDir, 'seeds', file), 'utf8');
}

const started = performance.now();
const result = buildAreas({
  sources: readJson('sources.json'),
  districts: readJson('districts.json'),
  priorityAreas: readJson('priority-areas.json'),
  stadsdelar: readGeodata('stadsdelar') as never,
  documentTexts,
});
if (!result.ok) {
  console.error(`data/ is inconsistent (${result.errors.length} problem(s)):`);
  for (const e of result.errors) console.error(`  - ${e}`);
  process.exit(1);
}

const jsonFiles = (dir: string) =>
  readdirSync(join(dataDir, dir)).filter((f) => f.endsWith('.json')).sort()
    .map((f) => ({ name: `${dir}/${f}`, content: readJson(join(dir, f)) }));
const programme = buildProgramme(jsonFiles('programme'), jsonFiles('places'), result.bundle, documentTexts);
if (!programme.ok) {
  console.error(`data/programme or data/places is inconsistent (${programme.errors.length} problem(s)):`);
  for (const e of programme.errors) console.error(`  - ${e}`);
  process.exit(1);
}

const sites = buildSites(readJson('sites.json'), result.bundle, programme.catalogue.places, documentTexts);
if (!sites.ok) {
  console.error(`data/sites.json is inconsistent (${sites.errors.length} problem(s)):`);
  for (const e of sites.errors) console.error(`  - ${e}`);
  process.exit(1);
}
const sitesOut = { sites: sites.sites, lov3: sites.lov3, generalPartners: sites.generalPartners, lov3Application: sites.lov3Application };

const water = readGeodata('vatten') as { features: { geometry: Parameters<typeof quantize>[0] }[] };
const waterOut = {
  type: 'FeatureCollection',
  features: water.features.map((f) => ({ type: 'Feature', properties: {}, geometry: quantize(f.geometry) })),
};

// The example walk is shipped as a file the user may load; it must import cleanly and be marked.
const exampleText = readFileSync(join(dataDir, 'examples', 'example-walk.geojson'), 'utf8');
const example = importGeoJson(exampleText);
if (!example.ok) {
  console.error('data/examples/example-walk.geojson does not import:');
  for (const e of example.errors) console.error(`  - row ${e.row ?? '-'} ${e.field ?? ''}: ${e.message}`);
  process.exit(1);
}
if ([...example.value.walks, ...example.value.findings].some((r) => r.example !== true)) {
  console.error('data/examples/example-walk.geojson: every record must be marked example: true');
  process.exit(1);
}

mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'example-walk.geojson'), exampleText);
const write = (name: string, value: unknown) => {
  const text = JSON.stringify(value);
  writeFileSync(join(outDir, name), text);
  return `${name} ${(text.length / 1024).toFixed(0)} KiB`;
};
const { bundle } = result;
console.log(
  `data: ${bundle.stadsdelar.features.length} stadsdelar, ${bundle.districts.features.length} districts, ` +
    `${bundle.priorityAreas.features.length} priority areas; wrote ${write('areas.json', bundle)}, ` +
    `${write('water.json', waterOut)}; ${programme.catalogue.goals.length} goals, ` +
    `${programme.catalogue.goals.reduce((n, g) => n + g.measures.length, 0)} measures, ${programme.catalogue.places.length} places; ` +
    `wrote ${write('programme.json', programme.catalogue)}; ${sitesOut.sites.features.length} sites, ` +
    `${sitesOut.lov3.features.length} LOV3 areas, wrote ${write('sites.json', sitesOut)} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
