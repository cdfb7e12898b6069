import { readFileSync } from 'node:fs';

/**
 * Whether a process with this id runs (EPERM: it does, under another user). Our own id is alive.
 * A zombie — killed, not yet reaped by its parent (a terminal multiplexer may take a while) —
 * answers kill(pid, 0) but holds nothing: on Linux its /proc stat says state Z.
 */
export function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid);
}

/** Whether /proc says this process is a zombie (false where there is no /proc to ask). */
export function isZombie(pid: number, stat: (path: string) => string = (p) => readFileSync(p, 'latin1')): boolean {
  let text: string;
  try {
    text = stat(`/proc/${pid}/stat`);
  } catch {
    return false;
  }
  // "pid (comm) S …": comm may hold spaces and parentheses, so the state follows the last ')'
  const end = text.lastIndexOf(')');
  return end >= 0 && text.charAt(end + 2) === 'Z';
}
