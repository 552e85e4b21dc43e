import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderLockedError, lockFolder } from '../db/folder-lock';
import { migrate, readMigrations, MIGRATIONS_DIR } from '../db/migrate';
import { stripMetadata } from '../photos/strip-metadata';
import { contentSecurityPolicy } from '../static';
import { freshServer } from './harness';

describe('the embedded database folder lock', () => {
  it('refuses a second holder while the first lives, and takes over a stale lock', () => {
    const dir = mkdtempSync(join(tmpdir(), 'omr-lock-'));
    const folder = join(dir, 'db');
    const first = lockFolder(folder);
    expect(() => lockFolder(folder)).toThrow(FolderLockedError);
    first.release();
    // A lock left by a process that no longer runs (pid 2^22 + 1 is above Linux's pid limit).
    writeFileSync(`${folder}.lock`, String(4_194_305));
    const second = lockFolder(folder);
    second.release();
    rmSync(dir, { recursive: true });
  });
});

describe('migrations', () => {
  it('are numbered files applied once and recorded with a checksum', async () => {
    const server = await freshServer();
    const files = readMigrations();
    expect(files.map((m) => m.version)).toEqual(files.map((_, i) => i + 1));
    expect(await migrate(server.db.pool)).toEqual([]);
    const { rows } = await server.db.pool.query<{ version: number; checksum: string }>('select version, checksum from schema_migration order by version');
    expect(rows.map((r) => r.checksum)).toEqual(files.map((m) => m.checksum));
  });

  it('refuse to start when a shipped migration was edited', async () => {
    const server = await freshServer();
    const edited = readMigrations(MIGRATIONS_DIR).map((m, i) => (i === 0 ? { ...m, checksum: 'edited' } : m));
    await expect(migrate(server.db.pool, edited)).rejects.toThrow(/was edited after it was applied/);
  });
});

/** A JPEG with an EXIF segment holding a GPS position, a comment and an XMP packet, then image data. */
function jpegWithMetadata(): Uint8Array {
  const segment = (marker: number, text: string) => {
    const body = Buffer.from(text, 'latin1');
    return Buffer.concat([Buffer.from([0xff, marker, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  };
  return Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0'),
    segment(0xe1, 'Exif\0\0MM\0*GPSLatitude 59.3669 GPSLongitude 17.8451'),
    segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Kamera Exempel</x:xmpmeta>'),
    segment(0xfe, 'Fotograferad av Anna'),
    segment(0xdb, 'quantisation-table'),
    Buffer.from([0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xff, 0xd9]),
  ]);
}

describe('photo metadata', () => {
  it('removes EXIF (GPS), XMP and comments from a JPEG and keeps the image data', () => {
    const { type, bytes } = stripMetadata(jpegWithMetadata());
    const text = Buffer.from(bytes).toString('latin1');
    expect(type).toBe('image/jpeg');
    expect(text).not.toMatch(/Exif|GPS|xmpmeta|Anna/);
    expect(text).toContain('JFIF');
    expect(text).toContain('quantisation-table');
    expect([...bytes.slice(-11)]).toEqual([0xff, 0xda, 0x00, 0x04, 0x01, 0x02, 0x11, 0x22, 0x33, 0xff, 0xd9]);
  });

  it('removes text and eXIf chunks from a PNG', () => {
    const chunk = (name: string, data: string) => {
      const body = Buffer.from(data, 'latin1');
      const head = Buffer.alloc(8);
      head.writeUInt32BE(body.length);
      head.write(name, 4, 'latin1');
      return Buffer.concat([head, body, Buffer.alloc(4)]);
    };
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', 'x'.repeat(13)),
      chunk('tEXt', 'Author\0Anna'), chunk('eXIf', 'GPS 59.36'), chunk('IDAT', 'pixels'), chunk('IEND', '')]);
    const text = Buffer.from(stripMetadata(png).bytes).toString('latin1');
    expect(text).not.toMatch(/Anna|GPS|tEXt|eXIf/);
    expect(text).toMatch(/IHDR[\s\S]*IDAT[\s\S]*IEND/);
  });

  it('refuses what is not an image', () => {
    expect(() => stripMetadata(Buffer.from('<svg onload=alert(1)>'))).toThrow(/not a JPEG, PNG or WebP/);
  });
});

describe('serving the app', () => {
  it('sends the policy the build wrote into index.html', () => {
    expect(contentSecurityPolicy('<head><meta http-equiv="Content-Security-Policy" content="default-src \'self\'" /></head>')).toBe("default-src 'self'");
  });
});
