/**
 * A review killed with kill -9 whose parent has not yet reaped it (tmux took its time) is a
 * zombie: kill(pid, 0) still answers, and the next run on the folder was refused as "in use by
 * another ufmatch" (install audit). A zombie holds nothing.
 */
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { isZombie, processAlive } from '../../src/runtime/processAlive.js';

describe('a lock holder that is a zombie', () => {
  it('is read from /proc stat, whatever the command name holds', () => {
    expect(isZombie(7, () => '7 (node) Z 1 7 7 0 -1')).toBe(true);
    expect(isZombie(7, () => '7 (a) b) Z 1 7')).toBe(true);
    expect(isZombie(7, () => '7 (node) S 1 7 7 0 -1')).toBe(false);
    expect(isZombie(7, () => {
      throw new Error('ENOENT');
    })).toBe(false);
  });

  it('a real child killed and not yet reaped is not alive; running, it is', async () => {
    const child = spawn('sleep', ['30'], { stdio: 'ignore' });
    const pid = child.pid!;
    expect(processAlive(pid)).toBe(true);
    // keep Node from reaping it: the exit is only collected when the event loop gets to it
    process.kill(pid, 'SIGKILL');
    const deadline = Date.now() + 2000;
    while (!isZombie(pid) && Date.now() < deadline) {
      /* spin: no turn of the event loop, so the child stays unreaped */
    }
    expect(isZombie(pid)).toBe(true);
    expect(processAlive(pid)).toBe(false);
    await new Promise((r) => child.once('exit', r));
  });
});
