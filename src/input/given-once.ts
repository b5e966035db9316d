import { andMore } from '../core/suggest.js';
import type { Io } from '../io.js';

/** Past this many, files given more than once are counted in one line, not named. */
const MAX_NAMED = 20;
/** The other names a file was given as, listed up to this many. */
const MAX_ALIASES = 3;

/**
 * Counts each file once, however it was reached: named twice, named and found in a folder, through a link,
 * or a folder given twice. One person's answers given three times would otherwise count as three people,
 * enough to pass the anonymity minimum alone. Files are told apart by device and inode (Io.fileId).
 */
export class GivenOnce {
  /** File id → the name it was first met by. */
  private readonly first = new Map<string, string>();
  /** File id → the names it was met by again, for the files met more than once. */
  private readonly again = new Map<string, string[]>();

  constructor(private readonly io: Io) {}

  /** Whether this is the first time the file at `path` is met; one that cannot be looked at counts as new. */
  async isFirst(path: string): Promise<boolean> {
    return this.isFirstId(await this.io.fileId(path), path);
  }

  /** The same, for a file whose id is known already (it was just read); null counts as new. */
  isFirstId(id: string | null, path: string): boolean {
    if (id === null) return true;
    const first = this.first.get(id);
    if (first === undefined) {
      this.first.set(id, path);
      return true;
    }
    const names = this.again.get(id);
    if (names) names.push(path);
    else this.again.set(id, [path]);
    return false;
  }

  /** One line per file met more than once: "x.yaml was given 3 times; counted once". */
  notes(): string[] {
    const lines: string[] = [];
    for (const [id, names] of this.again) {
      if (lines.length === MAX_NAMED) {
        lines.push(
          andMore(this.again.size - MAX_NAMED, 'files were given more than once; each counted once'),
        );
        break;
      }
      const first = this.first.get(id) as string;
      const others = [...new Set(names)].filter((name) => name !== first);
      const listed = others.slice(0, MAX_ALIASES).join(', ') + (others.length > MAX_ALIASES ? ', …' : '');
      const also = others.length > 0 ? ` (also as ${listed})` : '';
      lines.push(`${first} was given ${names.length + 1} times${also}; counted once`);
    }
    return lines;
  }
}
