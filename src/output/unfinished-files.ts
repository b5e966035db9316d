import { unlinkSync } from 'node:fs';

/** Temporary files this process is writing and has not renamed into place yet. */
export const unfinishedFiles = new Set<string>();

/** An interrupted run leaves no temporary file behind (a kill -9 still may: the name says whose it is). */
export function removeUnfinishedFiles(): void {
  for (const path of unfinishedFiles) {
    try {
      unlinkSync(path);
    } catch {
      // Renamed or removed meanwhile.
    }
  }
  unfinishedFiles.clear();
}
