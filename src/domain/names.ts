/**
 * Folds a name for comparison: lower case, diacritics removed (å→a, ä→a, ö→o, é→e),
 * runs of white space collapsed. "HÄSSELBY  GÅRD" and "hasselby gard" fold alike.
 */
export function foldName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase('sv')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A stable ascii id from a Swedish name: "Hässelby gård" → "hasselby-gard". */
export function slugify(text: string): string {
  return foldName(text).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}
