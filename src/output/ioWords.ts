import { MixedOutputs } from './atomicWrite.js';

/** What a failed file operation means, in a few words for an error line (the code's own message otherwise). */
export function ioWords(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ENOSPC':
      return 'no space left on the device';
    case 'EDQUOT':
      return 'disk quota exceeded';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'EISDIR':
      return 'a folder stands where the output file goes';
    case 'ENOENT':
      // (mkdir under /proc, or a folder removed meanwhile)
      return 'cannot be made or written there: the file system answers "no such file or folder"';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ENAMETOOLONG':
      return 'the name is too long for the file system';
    default:
      return err.message;
  }
}

/**
 * A failed write of the outputs in one line: the file first, then what happened, and whether
 * the folder now mixes old and new outputs; null when the error is no file operation's.
 * @param again what to do once it is fixed (the review says "press w again")
 */
export function writeFailureWords(e: unknown, again = 'run again'): string | null {
  const mixed = e instanceof MixedOutputs ? e : null;
  const err = (mixed ? mixed.cause : e) as NodeJS.ErrnoException;
  if (!err || typeof err.code !== 'string' || !/^E[A-Z]+$/.test(err.code)) return null;
  const where = err.path ? `${err.path}: ` : '';
  const after = mixed ? `and ${mixed.path} could not be put back, so that folder now mixes old and new outputs; fix it and ${again}` : `nothing was overwritten; fix it and ${again}`;
  return `${where}${ioWords(err)} — ${after}`;
}
