/** CSV as Excel in Sweden reads it: semicolon-separated, CRLF lines, UTF-8 with a byte-order mark. */
export const CSV_SEPARATOR = ';';
const BOM = '\uFEFF';

function quote(cell: string): string {
  return /[";\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/**
 * Writes rows as CSV text with a BOM. A cell starting with = + - @ is prefixed with an apostrophe
 * so that a spreadsheet does not run it as a formula.
 */
export function toCsv(rows: string[][]): string {
  const safe = (cell: string) => (/^\s*[=+\-@]|^[\t\r]/.test(cell) ? `'${cell}` : cell);
  if (rows.length === 0) return BOM;
  return BOM + rows.map((r) => r.map((c) => quote(safe(c))).join(CSV_SEPARATOR)).join('\r\n') + '\r\n';
}

/** Reads CSV written by `toCsv` (or any RFC 4180 text with this separator); strips the BOM. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let inQuotes = false;
  const src = text.startsWith(BOM) ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') inQuotes = false;
      else cell += ch;
    } else if (ch === '"') inQuotes = true;
    else if (ch === CSV_SEPARATOR) { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}
