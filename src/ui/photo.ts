import type { Photo } from '../domain/walks/types';

/** Longest side of a stored photo, in pixels: enough to see a broken lamp, small enough to keep. */
const MAX_SIDE = 1280;

/**
 * Reads an image file and downscales it to a JPEG data URL, so that a phone photo of several MB
 * is stored as a few hundred kB. Rejects files that are not images.
 */
export async function readPhoto(file: File): Promise<Photo> {
  if (!file.type.startsWith('image/')) throw new Error(`not an image: ${file.type || 'unknown type'}`);
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  return { name: file.name, type: 'image/jpeg', dataUrl: canvas.toDataURL('image/jpeg', 0.8) };
}
