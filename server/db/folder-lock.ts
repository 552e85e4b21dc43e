/**
 * An exclusive lock on the embedded database's folder. PGlite takes none, and two processes
 * writing one folder lose writes, so the server refuses to open a folder another live process holds.
 */

import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

export interface FolderLock {
  readonly path: string;
  release(): void;
}

export class FolderLockedError extends Error {
  constructor(readonly folder: string, readonly pid: number) {
    super(`The database folder ${folder} is in use by process ${pid}. Stop that process first; ` +
      'to run several servers, use PostgreSQL (DATABASE_URL).');
    this.name = 'FolderLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes `<folder>.lock` (beside the folder), holding this process's pid; a stale lock is taken over. */
export function lockFolder(folder: string): FolderLock {
  const path = `${resolve(folder)}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        rmSync(path, { force: true });
      };
      process.once('exit', release);
      return { path, release };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8'));
      if (Number.isInteger(pid) && pid > 0 && alive(pid)) throw new FolderLockedError(folder, pid);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${folder}`);
}
