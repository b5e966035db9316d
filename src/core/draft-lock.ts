// Who holds a draft: one questionnaire at a time per bank and role in a data folder, or two runs would write
// their answers over each other's. The lock is a small file beside the draft naming the process that holds it;
// what is done about one that is found is decided here, as data.

export const LOCK_KIND = 'who-failed-whom questionnaire';

export interface LockHolder {
  pid: number;
  /** When its questionnaire started (ISO 8601). */
  startedAt: string;
}

export function lockDocument(holder: LockHolder): string {
  return `${JSON.stringify({ kind: LOCK_KIND, pid: holder.pid, startedAt: holder.startedAt })}\n`;
}

/** The holder a lock names; undefined for anything that is not a lock of ours. */
export function readLock(text: string): LockHolder | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const lock = (data ?? {}) as { kind?: unknown; pid?: unknown; startedAt?: unknown };
  if (lock.kind !== LOCK_KIND || typeof lock.pid !== 'number' || !Number.isInteger(lock.pid) || lock.pid <= 0)
    return undefined;
  return { pid: lock.pid, startedAt: typeof lock.startedAt === 'string' ? lock.startedAt : '' };
}

/**
 * What a lock found at the start says: none; stale (its process is gone, it names this very process, which
 * holds no lock yet, or it is no lock of ours: a lock appears whole, so a damaged one is no run's); or live.
 */
export type LockState = { state: 'none' } | { state: 'stale' } | { state: 'live'; holder: LockHolder };

/** `text` is the lock's content, undefined when there is none; `running` says whether a process exists. */
export function lockState(
  text: string | undefined,
  self: number,
  running: (pid: number) => boolean,
): LockState {
  if (text === undefined) return { state: 'none' };
  const holder = readLock(text);
  if (!holder || holder.pid === self || !running(holder.pid)) return { state: 'stale' };
  return { state: 'live', holder };
}

export type LockAction = 'take' | 'take-over' | 'refuse';

/** None: take it. Stale: take it over. Live: refuse, before the first question, so nothing is lost. */
export function lockAction(found: LockState): LockAction {
  return found.state === 'none' ? 'take' : found.state === 'stale' ? 'take-over' : 'refuse';
}
