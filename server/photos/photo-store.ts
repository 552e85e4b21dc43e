/** Photos kept by the server: decoded from the client's data: URL, metadata removed, stored by content hash. */

import { createHash } from 'node:crypto';
import type { Photo } from '../../src/domain/walks/types';
import type { Queryable } from '../db/database';
import { invalid } from '../http/problem';
import { stripMetadata, UnreadablePhotoError } from './strip-metadata';

/** Largest photo stored, in bytes after decoding (photos are downscaled by the app before upload). */
export const PHOTO_MAX_BYTES = 3 * 1024 * 1024;

/** Stores the photo of a data: URL; resolves with the photo as the finding then holds it (by id). */
export async function storePhoto(db: Queryable, photo: Photo, accountId: string): Promise<Photo> {
  const base64 = photo.dataUrl!.slice(photo.dataUrl!.indexOf(',') + 1);
  const raw = Buffer.from(base64, 'base64');
  if (raw.length > PHOTO_MAX_BYTES) throw invalid([{ field: 'photo', message: `a photo may be at most ${PHOTO_MAX_BYTES} bytes`, code: 'too_long' }]);
  let clean: ReturnType<typeof stripMetadata>;
  try {
    clean = stripMetadata(raw);
  } catch (error) {
    if (error instanceof UnreadablePhotoError) throw invalid([{ field: 'photo.dataUrl', message: error.message, code: 'invalid_photo' }]);
    throw error;
  }
  const id = createHash('sha256').update(clean.bytes).digest('hex');
  await db.query('insert into photo (id, mime, bytes, created_by) values ($1, $2, $3, $4) on conflict (id) do nothing',
    [id, clean.type, Buffer.from(clean.bytes), accountId]);
  return { name: photo.name, type: clean.type, id, ...(photo.public !== undefined ? { public: photo.public } : {}) };
}

export async function readPhoto(db: Queryable, id: string): Promise<{ mime: string; bytes: Buffer } | null> {
  const { rows } = await db.query<{ mime: string; bytes: Buffer }>('select mime, bytes from photo where id = $1', [id]);
  return rows[0] ?? null;
}
