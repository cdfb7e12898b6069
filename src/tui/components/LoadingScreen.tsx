/** While the exports load and match: a progress bar per file with rows, % and rows/s. */
import { Text } from 'ink';
import { Clip } from './Clip.js';
import { bar, count, fit } from '../format.js';
import type { FileProgress } from '../state/app.js';

export function progressLine(f: FileProgress, width: number): string {
  const frac = f.finished ? 1 : f.total > 0 ? f.done / f.total : 0;
  const secs = (f.updatedAt - f.startedAt) / 1000;
  const barWidth = Math.max(10, Math.min(40, width - 60));
  const pct = `${Math.floor(frac * 100)}%`.padStart(4);
  // a file's first report comes with its start: no time has passed to give a rate yet
  const rate = secs > 0 ? `${count(Math.round(f.rows / secs))} rows/s` : '… rows/s';
  // finished at its first report: done out of sight (the worker indexes while the contacts load), no time to give
  const tail = f.finished ? (f.updatedAt > f.startedAt ? `done in ${secs.toFixed(1)}s` : 'done') : rate;
  return `${fit(f.label, 9)} ${bar(frac, barWidth)} ${pct} ${count(f.rows).padStart(10)} rows  ${tail}`;
}

/** @param note what is under way once the files are in (the review being prepared), under their bars */
export function LoadingScreen({ files, note, width, height }: { files: readonly FileProgress[]; note?: string; width: number; height: number }) {
  return (
    <Clip width={width} height={height}>
      <Text bold>{note === undefined ? 'ufmatch — loading the exports' : 'ufmatch — preparing the review'}</Text>
      <Text> </Text>
      {files.length === 0 && note === undefined ? <Text>opening files…</Text> : null}
      {files.map((f) => (
        <Text key={f.label} wrap="truncate-end">{progressLine(f, width)}</Text>
      ))}
      {note === undefined ? null : <Text wrap="truncate-end">{note}</Text>}
      <Text> </Text>
      <Text dimColor>Ctrl-c aborts</Text>
    </Clip>
  );
}
