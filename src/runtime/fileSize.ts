import { statSync } from 'node:fs';

/** A file's size in bytes; 0 when there is no path or it cannot be read (its loader reports that). */
export function fileSize(path: string | null | undefined): number {
  if (!path) return 0;
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
