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

/** True when `quote` occurs in the document, ignoring line breaks and spacing. */
export function documentContains(documentText: string, quote: string): boolean {
  return flattenSourceText(documentText).includes(flattenSourceText(quote));
}
