/**
 * Progress on stderr (rows, %, rows/s, ETA), redrawn in place at most ten times a second,
 * only when stderr is a terminal: logs of scripted runs get no escape codes.
 */
export interface ProgressSink {
  update(label: string, done: number, total: number, unit: 'bytes' | 'rows', rows: number): void;
  finish(label: string, rows: number): void;
}

export const silentProgress: ProgressSink = { update() {}, finish() {} };

function fmtEta(s: number): string {
  if (!Number.isFinite(s) || s < 0) return '--';
  return s >= 60 ? `${Math.floor(s / 60)}m${Math.round(s % 60)}s` : `${s.toFixed(0)}s`;
}

/** The ETA is taken from the progress of about the last few seconds (RATE_WINDOW_MS). */
export const RATE_WINDOW_MS = 3000;
/** No ETA until progress has been measured over at least this long. */
const MIN_RATE_SPAN_MS = 500;

/**
 * The ETA comes from the recent rate, not the average since the phase began: the pace within
 * a phase changes (the first rows wait for the worker's first answers, the garbage collector
 * or the other thread takes the core for a while), and the average would carry an early burst
 * or stall to the end.
 */
class RecentRate {
  private readonly t: number[] = [];
  private readonly done: number[] = [];

  /** Records a sample and returns the seconds left at the recent rate (NaN while unknown). */
  eta(now: number, done: number, total: number): number {
    this.t.push(now);
    this.done.push(done);
    // keep the newest sample at or before the window's start, and everything after it
    let drop = 0;
    while (drop + 1 < this.t.length && this.t[drop + 1]! <= now - RATE_WINDOW_MS) drop++;
    if (drop > 0) {
      this.t.splice(0, drop);
      this.done.splice(0, drop);
    }
    const span = now - this.t[0]!;
    const moved = done - this.done[0]!;
    if (span < MIN_RATE_SPAN_MS || moved <= 0) return NaN;
    return (Math.max(0, total - done) * span) / moved / 1000;
  }
}

export function terminalProgress(out: NodeJS.WriteStream, now: () => number = () => performance.now()): ProgressSink {
  let last = 0;
  const started = new Map<string, number>();
  const rates = new Map<string, RecentRate>();
  return {
    update(label, done, total, _unit, rows) {
      const t = now();
      if (!started.has(label)) {
        started.set(label, t);
        rates.set(label, new RecentRate());
      }
      if (t - last < 100) return;
      last = t;
      const secs = (t - started.get(label)!) / 1000;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const rate = secs > 0 ? rows / secs : 0;
      const eta = rates.get(label)!.eta(t, done, total);
      const width = 20;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      const line = `${label} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${rows.toLocaleString('en')} rows ${Math.round(rate).toLocaleString('en')} rows/s ETA ${fmtEta(eta)}`;
      // within one terminal line: \r and erase-line reach back over one line only, so a line the
      // terminal wrapped left its first part behind on every update (a trail at 60 columns)
      const room = (out.columns ?? 0) - 1;
      out.write(`\r\x1b[2K${room > 0 && Array.from(line).length > room ? Array.from(line).slice(0, room).join('') : line}`);
    },
    finish(label, rows) {
      const t = now();
      const secs = (t - (started.get(label) ?? t)) / 1000; // 0.0s for a phase never updated
      out.write(`\r\x1b[2K${label}: ${rows.toLocaleString('en')} rows in ${secs.toFixed(1)}s\n`);
    },
  };
}
