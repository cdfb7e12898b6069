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
    default:
      return err.message;
  }
}
