import type { WalkData } from '../domain/walks/types';

const KEY = 'omradeskartan.lastFullExport';

/**
 * When everything was last exported from this browser (ISO time), or null. Until the shared server
 * store exists, an export is the only copy outside the browser: records changed after it are shown
 * as "not yet exported".
 */
export function lastFullExport(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function markFullExport(at: string): void {
  try {
    localStorage.setItem(KEY, at);
  } catch {
    // Without storage the marker cannot be kept; records keep showing as not exported.
  }
}

/** The user's own records (not example data) changed after the last full export. */
export function notExported(data: WalkData, since: string | null): { walks: Set<string>; findings: Set<string> } {
  const changed = (r: { updatedAt: string; example?: boolean }) => r.example !== true && (since === null || r.updatedAt > since);
  return {
    walks: new Set(data.walks.filter(changed).map((w) => w.id)),
    findings: new Set(data.findings.filter(changed).map((f) => f.id)),
  };
}
