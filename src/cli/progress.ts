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

export function terminalProgress(out: NodeJS.WriteStream, now: () => number = () => performance.now()): ProgressSink {
  let last = 0;
  const started = new Map<string, number>();
  return {
    update(label, done, total, _unit, rows) {
      const t = now();
      if (!started.has(label)) started.set(label, t);
      if (t - last < 100) return;
      last = t;
      const secs = (t - started.get(label)!) / 1000;
      const frac = total > 0 ? Math.min(1, done / total) : 0;
      const rate = secs > 0 ? rows / secs : 0;
      const eta = frac > 0 ? (secs / frac) * (1 - frac) : NaN;
      const width = 20;
      const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
      out.write(`\r\x1b[2K${label} [${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${rows.toLocaleString('en')} rows ${Math.round(rate).toLocaleString('en')} rows/s ETA ${fmtEta(eta)}`);
    },
    finish(label, rows) {
      const secs = (now() - (started.get(label) ?? now())) / 1000;
      out.write(`\r\x1b[2K${label}: ${rows.toLocaleString('en')} rows in ${secs.toFixed(1)}s\n`);
    },
  };
}
