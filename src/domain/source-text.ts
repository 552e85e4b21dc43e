/**
 * Flattens a seed document's text for quoting: the documents were extracted from PDFs, so
 * sentences are broken over lines (with blank lines between) and words hyphenated at a break.
 */
export function flattenSourceText(text: string): string {
  return text
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .replace(/\s+/g, ' ')
    .trim();
}

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * True when `quote` occurs in the document, ignoring line breaks and spacing. A hyphen at a line
 * end is read both ways: as hyphenation ("för-\nvaltning") and as a real hyphen ("praktik- och").
 */
export function documentContains(documentText: string, quote: string): boolean {
  return flattenSourceText(documentText).includes(flattenSourceText(quote)) ||
    collapse(documentText).includes(collapse(quote));
}
