import { EventEmitter } from 'node:events';
import { emitKeypressEvents, type Key } from 'node:readline';
import type { InputStream } from '../io.js';
import { hasUnsafe } from '../render/sanitize.js';

export interface TypedRuns {
  /** What the text prompt reads its keys from. */
  input: InputStream;
  /** Whether typed text was dropped at the length limit. */
  readonly truncated: boolean;
  /** Stops listening to the real input; call once the prompt is over. */
  release(): void;
}

/** A typed character, not a key that edits or moves: it may join a run. */
function isTyped(s: string | undefined, key: Key): s is string {
  if (typeof s !== 'string' || s === '' || key.ctrl || key.meta) return false;
  const named = key.name === undefined || key.name === 'space' || /^[a-z0-9]$/.test(key.name);
  return named && !hasUnsafe(s);
}

/**
 * The keys of a text prompt, with text that arrives together passed on as one key.
 *
 * The prompt library redraws the whole answer after each key, and readline measures the whole line for each
 * character it inserts, so a paste of n characters cost n redraws of up to n characters each (10 KB took 36 s,
 * with Ctrl-C unheard). Keys come in chunks as they are read from the terminal: here the typed characters of a
 * chunk become one key whose sequence is the whole run, which readline inserts in one step and the prompt draws
 * once; a key that does something (Enter, Backspace, an arrow, Ctrl-C) is passed on as it is, after the run
 * before it. A single character typed by hand is passed on unchanged.
 *
 * Characters a terminal would obey (C1 controls, bidi and zero-width ones, which a paste can carry) never reach
 * the line, a tab becomes a space, and typed text past `maxLength` characters is dropped.
 */
export function typedRuns(real: InputStream, maxLength: number): TypedRuns {
  const proxy = new EventEmitter() as EventEmitter & Partial<InputStream>;
  // What readline asks of its input besides events: a terminal that reads and can be put in raw mode.
  Object.assign(proxy, {
    isTTY: true,
    resume: () => {
      real.resume();
      return proxy;
    },
    pause: () => {
      real.pause();
      return proxy;
    },
    setRawMode: (mode: boolean) => real.setRawMode?.(mode),
  });
  Object.defineProperty(proxy, 'isRaw', { get: () => (real as { isRaw?: boolean }).isRaw });

  let run = '';
  let first: { s: string; key: Key } | undefined;
  let keys = 0;
  /** Typed characters passed on, less those erased: never less than the line's length. */
  let length = 0;
  let truncated = false;

  const flush = () => {
    if (run === '') return;
    const text = run;
    const single = keys === 1 ? first : undefined;
    length += text.length;
    run = '';
    first = undefined;
    keys = 0;
    if (single) proxy.emit('keypress', single.s, single.key);
    else proxy.emit('keypress', text, { sequence: text, ctrl: false, meta: false, shift: false });
  };

  const onKeypress = (sequence: string | undefined, pressed: Key = {}) => {
    let s = sequence;
    let key = pressed;
    // Readline would insert a tab as it is, which throws the prompt's cursor off: it is a space here.
    if (key.name === 'tab' && !key.ctrl && !key.meta) {
      s = ' ';
      key = { sequence: ' ', name: 'space', ctrl: false, meta: false, shift: false };
    }
    if (isTyped(s, key)) {
      if (length + run.length + s.length > maxLength) {
        truncated = true;
        return;
      }
      // A chunk's keys are emitted one after another, synchronously: the run ends when they all have been.
      if (run === '') queueMicrotask(flush);
      run += s;
      keys += 1;
      first ??= { s, key };
      return;
    }
    flush();
    // An unnamed key that is not text (a C1 control, a bidi override) would be inserted as it is.
    if (key.name === undefined && typeof s === 'string' && hasUnsafe(s)) return;
    if (key.name === 'backspace' || key.name === 'delete') length = Math.max(0, length - 1);
    proxy.emit('keypress', s, key);
  };

  emitKeypressEvents(real);
  real.on('keypress', onKeypress);
  const forwardEnd = () => proxy.emit('end');
  const forwardError = (error: Error) => proxy.emit('error', error);
  real.on('end', forwardEnd);
  real.on('error', forwardError);
  return {
    input: proxy as InputStream,
    get truncated() {
      return truncated;
    },
    release() {
      run = '';
      real.removeListener('keypress', onKeypress);
      real.removeListener('end', forwardEnd);
      real.removeListener('error', forwardError);
    },
  };
}
