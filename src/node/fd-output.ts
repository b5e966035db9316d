import { fstatSync, statSync, writeSync } from 'node:fs';
import type { OutputStream } from '../io.js';

/**
 * stdout or stderr for this process, built on first use.
 *
 * On a pipe, process.stdout is a socket, and building it loads the network stack, which costs as much as a
 * whole scoring run's own work (see the README's Performance section). So a pipe, a file or /dev/null is written directly and synchronously
 * (as Node writes files and terminals anyway); a terminal, or a pipe that is full and will not block, gets the
 * real stream. A reader that went away (`| head -1`) ends the writing quietly, and the run finishes as it would;
 * any other failure (a full disk) ends the writing too, and goes to `onFailure`, once.
 */
export function fdOutput(
  fd: 1 | 2,
  realStream: () => NodeJS.WriteStream,
  onFailure: (error: NodeJS.ErrnoException) => void = () => {},
): OutputStream {
  let stream: NodeJS.WriteStream | undefined;
  let closed = false;
  const fail = (error: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (error.code !== 'EPIPE') onFailure(error);
  };
  const real = () => {
    if (!stream) {
      stream = realStream();
      stream.on('error', fail);
    }
    return stream;
  };
  if (!isPipeOrFile(fd)) real();

  return {
    get isTTY() {
      return stream?.isTTY === true;
    },
    get columns() {
      return stream?.columns;
    },
    write(text: string) {
      if (closed) return true;
      if (stream) return stream.write(text);
      const bytes = Buffer.from(text);
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
      } catch (error) {
        // A non-blocking pipe that is full: the stream waits for the reader instead of failing.
        if ((error as NodeJS.ErrnoException).code === 'EAGAIN') return real().write(bytes.subarray(done));
        fail(error as NodeJS.ErrnoException);
      }
      return true;
    },
  };
}

/** A pipe, a file, a socket, or the null device (`> /dev/null`, common in CI): anything but a terminal. */
function isPipeOrFile(fd: number): boolean {
  try {
    const info = fstatSync(fd);
    if (info.isFIFO() || info.isFile() || info.isSocket()) return true;
    return info.isCharacterDevice() && info.rdev === statSync('/dev/null').rdev;
  } catch {
    return false;
  }
}
