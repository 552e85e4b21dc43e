/**
 * Removes location and other metadata from a photo before it is stored: EXIF (GPS position,
 * camera, time), XMP, IPTC and comments. Works on the container (JPEG segments, PNG chunks, WebP
 * RIFF chunks) without decoding the image, so pixels are untouched. Pure.
 */

export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';

export class UnreadablePhotoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadablePhotoError';
  }
}

/** The type the bytes really are, by their signature; null when none of ours. */
export function sniffPhotoType(bytes: Uint8Array): PhotoType | null {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return 'image/png';
  if (bytes.length > 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'image/webp';
  return null;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

export function stripMetadata(bytes: Uint8Array): { type: PhotoType; bytes: Uint8Array } {
  const type = sniffPhotoType(bytes);
  if (type === 'image/jpeg') return { type, bytes: stripJpeg(bytes) };
  if (type === 'image/png') return { type, bytes: stripPng(bytes) };
  if (type === 'image/webp') return { type, bytes: stripWebp(bytes) };
  throw new UnreadablePhotoError('not a JPEG, PNG or WebP image');
}

/** JPEG: keeps APP0 (JFIF) and APP14 (Adobe colour transform); drops APP1–APP13, APP15 and comments. */
function stripJpeg(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [bytes.subarray(0, 2)];
  let i = 2;
  while (i < bytes.length) {
    if (bytes[i] !== 0xff) throw new UnreadablePhotoError('JPEG segment expected');
    const marker = bytes[i + 1]!;
    if (marker === 0xff) { i++; continue; }
    if (marker === 0xd9) { out.push(bytes.subarray(i, i + 2)); break; }
    if (marker >= 0xd0 && marker <= 0xd7) { out.push(bytes.subarray(i, i + 2)); i += 2; continue; }
    if (i + 4 > bytes.length) throw new UnreadablePhotoError('JPEG ends inside a segment');
    const length = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    const end = i + 2 + length;
    if (length < 2 || end > bytes.length) throw new UnreadablePhotoError('JPEG segment length out of range');
    if (marker === 0xda) {
      // Start of scan: image data follows until the end; no metadata segments come after it in practice.
      out.push(bytes.subarray(i));
      break;
    }
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const keep = !(isApp && marker !== 0xe0 && marker !== 0xee) && marker !== 0xfe;
    if (keep) out.push(bytes.subarray(i, end));
    i = end;
  }
  return concat(out);
}

/** PNG chunks that carry the image (and its colour); everything else, text and eXIf included, is dropped. */
const PNG_KEEP = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'acTL', 'fcTL', 'fdAT']);

function stripPng(bytes: Uint8Array): Uint8Array {
  const out: Uint8Array[] = [bytes.subarray(0, 8)];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 8;
  while (i + 12 <= bytes.length) {
    const length = view.getUint32(i);
    const name = ascii(bytes, i + 4, 4);
    const end = i + 12 + length;
    if (end > bytes.length) throw new UnreadablePhotoError('PNG chunk length out of range');
    if (PNG_KEEP.has(name)) out.push(bytes.subarray(i, end));
    i = end;
    if (name === 'IEND') break;
  }
  return concat(out);
}

/** WebP: drops the EXIF and XMP chunks and clears their flags in the VP8X header. */
function stripWebp(bytes: Uint8Array): Uint8Array {
  const chunks: Uint8Array[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let i = 12;
  while (i + 8 <= bytes.length) {
    const name = ascii(bytes, i, 4);
    const length = view.getUint32(i + 4, true);
    const end = i + 8 + length + (length % 2);
    if (i + 8 + length > bytes.length) throw new UnreadablePhotoError('WebP chunk length out of range');
    if (name !== 'EXIF' && name !== 'XMP ') {
      const chunk = bytes.slice(i, Math.min(end, bytes.length));
      if (name === 'VP8X') chunk[8] = chunk[8]! & ~0x0c;
      chunks.push(chunk);
    }
    i = end;
  }
  const body = concat(chunks);
  const header = new Uint8Array(12);
  header.set(bytes.subarray(0, 12));
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
