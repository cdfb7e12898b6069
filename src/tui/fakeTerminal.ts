/**
 * Stand-in terminal streams for rendering the real App without a terminal (the bench, tests):
 * a stdout with a size that records what is written and can be resized, and a stdin that
 * delivers keys the way a TTY in raw mode does. Part of src/ so it works from dist/.
 */
import { EventEmitter } from 'node:events';

export class FakeStdout extends EventEmitter {
  readonly isTTY = true;
  /** Everything written, unless made with `record` false (a terminal keeps no history either). */
  readonly writes: string[] = [];
  private waiters: ((s: string) => void)[] = [];

  constructor(
    public columns: number,
    public rows: number,
    private readonly record = true,
  ) {
    super();
  }

  write = (s: string): boolean => {
    if (this.record) this.writes.push(s);
    if (isFrame(s)) {
      const w = this.waiters;
      this.waiters = [];
      for (const resolve of w) resolve(s);
    }
    return true;
  };

  /** The next frame written (synchronized-output markers and cursor moves alone do not count). */
  nextFrame(timeoutMs: number): Promise<string | null> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve(null);
      }, timeoutMs);
      const done = (s: string) => {
        clearTimeout(timer);
        resolve(s);
      };
      this.waiters.push(done);
    });
  }

  resize(columns: number, rows: number): void {
    this.columns = columns;
    this.rows = rows;
    this.emit('resize');
  }
}

/** A write that carries screen content, not only escape sequences. */
function isFrame(s: string): boolean {
  // eslint-disable-next-line no-control-regex
  return s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').trim().length > 0;
}

export class FakeStdin extends EventEmitter {
  readonly isTTY = true;
  private chunks: string[] = [];

  /** Type `s` (one key, or several keys typed together). */
  press(s: string): void {
    this.chunks.push(s);
    this.emit('readable');
  }

  read = (): string | null => this.chunks.shift() ?? null;
  setRawMode(): this {
    return this;
  }
  setEncoding(): this {
    return this;
  }
  ref(): this {
    return this;
  }
  unref(): this {
    return this;
  }
  resume(): this {
    return this;
  }
  pause(): this {
    return this;
  }
}
