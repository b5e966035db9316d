import { unlinkSync } from 'node:fs';

/** Files this process must not leave behind: temporary files not renamed into place yet, and the locks it holds. */
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
