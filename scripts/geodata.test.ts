import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GEODATA_FILES, REPO_ROOT, geodataDir, geodataPath, missingGeodata, missingGeodataMessage } from './geodata';

describe('GEODATA_DIR', () => {
  it('defaults to the shared folder beside the repository', () => {
    expect(geodataDir({}, '/x/main')).toBe(resolve('/x/shared/geodata'));
    expect(geodataDir({ GEODATA_DIR: '  ' }, '/x/main')).toBe(resolve('/x/shared/geodata'));
  });

  it('takes an absolute setting as it is and a relative one from the repository root', () => {
    expect(geodataDir({ GEODATA_DIR: '/data/geo' }, '/x/main')).toBe('/data/geo');
    expect(geodataDir({ GEODATA_DIR: 'geo' }, '/x/main')).toBe(resolve('/x/main/geo'));
  });

  it('finds the files the build reads in the shared folder of this checkout', () => {
    expect(missingGeodata(['stadsdelar', 'vatten', 'licence', 'osmSamples'])).toEqual([]);
    expect(geodataPath('stadsdelar')).toBe(join(geodataDir(), 'stockholm-stadsdelar', 'stadsdelar.geojson'));
  });
});

describe('the message when geodata is missing', () => {
  it('names each missing file, the folder looked in and the public source', () => {
    const missing = missingGeodata(['stadsdelar', 'vatten', 'licence'], '/nowhere', () => false);
    expect(missing).toEqual(['stadsdelar', 'vatten', 'licence']);
    const message = missingGeodataMessage(missing, '/nowhere');
    expect(message).toContain('GEODATA_DIR /nowhere');
    for (const name of missing) expect(message).toContain(GEODATA_FILES[name].path);
    expect(message).toContain('Stockholms stad, öppna data');
    expect(message).toContain('KTHHealthData/stockholm-stadsdelar');
    expect(message).toContain('CC0');
  });

  it('lists only what is missing', () => {
    const missing = missingGeodata(['stadsdelar', 'vatten'], '/geo', (p) => p.endsWith('stadsdelar.geojson'));
    expect(missing).toEqual(['vatten']);
    const message = missingGeodataMessage(missing, '/geo');
    expect(message).toContain('vatten.geojson');
    expect(message).not.toContain('stadsdelar.geojson');
  });

  it('stops the data build with that message (exit code 1)', () => {
    const empty = mkdtempSync(join(tmpdir(), 'omr-geodata-'));
    try {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-data.ts'], {
        cwd: REPO_ROOT, env: { ...process.env, GEODATA_DIR: empty }, encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toContain(`GEODATA_DIR ${empty}`);
      expect(run.stderr).toContain('stockholm-stadsdelar/stadsdelar.geojson');
      expect(run.stderr).toContain('stockholm-stadsdelar/vatten.geojson');
      expect(run.stderr).toContain('Stockholms stad, öppna data');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
