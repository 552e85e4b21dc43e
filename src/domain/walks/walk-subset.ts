import type { WalkData } from './types';

/** One walk and the findings recorded on it (for "export this walk"); empty when the id is unknown. */
export function walkSubset(data: WalkData, walkId: string): WalkData {
  const walks = data.walks.filter((w) => w.id === walkId);
  return { walks, findings: walks.length > 0 ? data.findings.filter((f) => f.walkId === walkId) : [] };
}

/** The records marked as example data (to show or remove them), or all others. */
export function exampleRecords(data: WalkData, example = true): WalkData {
  const keep = (r: { example?: boolean }) => (r.example === true) === example;
  return { walks: data.walks.filter(keep), findings: data.findings.filter(keep) };
}
