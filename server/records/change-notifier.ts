/**
 * Tells open event streams that the change log grew. One poll of the log's newest sequence number
 * per process (twice a second, only while someone listens) rather than one per client, and an
 * immediate check after a write through this process. Several servers on one PostgreSQL each poll,
 * so no server holds state another would miss.
 */

import type { Queryable } from '../db/database';
import { latestSeq } from './change-log';

export type SeqListener = (seq: number) => void;

export interface ChangeNotifier {
  subscribe(listener: SeqListener): () => void;
  /** Check now (after a commit through this process). */
  poke(): void;
  close(): void;
}

export function createChangeNotifier(db: Queryable, intervalMs = 500): ChangeNotifier {
  const listeners = new Set<SeqListener>();
  let last = -1;
  let timer: NodeJS.Timeout | null = null;
  let checking = false;
  const check = async () => {
    if (checking || listeners.size === 0) return;
    checking = true;
    try {
      const seq = await latestSeq(db);
      if (seq !== last) {
        last = seq;
        for (const l of listeners) l(seq);
      }
    } catch (error) {
      console.warn('change notifier: could not read the change log', (error as Error).message);
    } finally {
      checking = false;
    }
  };
  return {
    subscribe(listener) {
      listeners.add(listener);
      timer ??= setInterval(() => void check(), intervalMs);
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && timer) { clearInterval(timer); timer = null; }
      };
    },
    poke: () => void check(),
    close() {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
