/**
 * Local time in Stockholm without Intl: CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule, in force since 1996).
 * Years and reports follow the local calendar, so a finding saved at 23:30 on 31 December counts
 * for that year although its UTC timestamp already says January.
 */

/** 01:00 UTC on the last Sunday of `month` (0-based) in `year`, in ms since the epoch. */
function lastSundayAt1Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

/** Minutes to add to UTC to get local time in Stockholm at `ms` (ms since the epoch): 60 or 120. */
export function stockholmOffsetMinutes(ms: number): number {
  const year = new Date(ms).getUTCFullYear();
  return ms >= lastSundayAt1Utc(year, 2) && ms < lastSundayAt1Utc(year, 9) ? 120 : 60;
}

/** The local date YYYY-MM-DD in Stockholm of an ISO 8601 date-time; null when it does not parse. */
export function stockholmDate(isoDateTime: string): string | null {
  const ms = Date.parse(isoDateTime);
  if (Number.isNaN(ms)) return null;
  return new Date(ms + stockholmOffsetMinutes(ms) * 60_000).toISOString().slice(0, 10);
}

/** Local date and time in Stockholm, "YYYY-MM-DD HH:MM"; the input itself when it does not parse. */
export function stockholmDateTimeText(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + stockholmOffsetMinutes(ms) * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The local year in Stockholm of an ISO 8601 date-time; null when it does not parse. */
export function stockholmYear(isoDateTime: string): number | null {
  const date = stockholmDate(isoDateTime);
  return date === null ? null : Number(date.slice(0, 4));
}

/**
 * The moment a local wall-clock time in Stockholm occurs, as ISO 8601 with its offset
 * ("2021-03-04T23:59:59+01:00"). `date` is YYYY-MM-DD, `time` HH:MM or HH:MM:SS.
 */
export function stockholmDateTime(date: string, time: string): string {
  const hms = time.length === 5 ? `${time}:00` : time;
  // The offset at the wall-clock instant read as UTC is right except within an hour of a switch.
  const guess = Date.parse(`${date}T${hms}Z`);
  const offset = stockholmOffsetMinutes(guess - stockholmOffsetMinutes(guess) * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const hh = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const mm = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${date}T${hms}${sign}${hh}:${mm}`;
}
