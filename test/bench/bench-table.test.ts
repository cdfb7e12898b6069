/**
 * Issue 4, point 1: the bench table carries, beside the ratio, the reconcile's CPU time and
 * the lowest ratio that CPU time allows on the machine's cores (what running more of the
 * work in parallel could reach at best).
 */
import { describe, expect, it } from 'vitest';
import { cpuBound, table, type SizeResult } from '../../src/bench/run.js';

function result(wallMs: number, cpuMs: number, parseMs: number): SizeResult {
  const size = { name: 'large', contacts: 1_000_000, users: 200_000, seed: 1 };
  return {
    size,
    manifest: { generator: 1, size, rows: { users: 200_000, contacts: 1_000_000, links: 60_000, emails: 40_000 }, bytes: { users: 0, contacts: 0, links: 0, emails: 0 }, kinds: {} },
    inputRows: 1_300_000,
    parse: { ms: parseMs, cpuMs: parseMs, rows: 1_300_000, bytes: 0, maxRssKb: 100_000 },
    keep: { ms: 2 * parseMs, rows: 1_300_000, hits: 0, maxRssKb: 200_000 },
    reconcile: { ms: wallMs, cpuMs, code: 0, times: { load: 1, index: 1, match: 1, warnings: 1, write: 1 }, maxRssKb: 1_200_000 },
    ratio: wallMs / parseMs,
    keepRatio: 2,
    runs: 1,
  };
}

describe('bench table', () => {
  it('spreads the CPU time over the cores: 18 s of CPU on 2 cores against a 1.2 s parse allows 7.5x at best', () => {
    expect(cpuBound(result(12_000, 18_000, 1_200), 2)).toBeCloseTo(7.5, 10);
    expect(cpuBound(result(12_000, 18_000, 1_200), 4)).toBeCloseTo(3.75, 10);
  });

  it('prints the CPU time and the bound beside the ratio, for the cores given', () => {
    const t = table([result(12_000, 18_000, 1_200)], 2);
    const [head, , row] = t.split('\n');
    const cols = head!.split('|').map((c) => c.trim());
    const cells = row!.split('|').map((c) => c.trim());
    expect(cells[cols.indexOf('**ratio**')]).toBe('**10.00×**');
    expect(cells[cols.indexOf('CPU (all threads)')]).toBe('18.00 s');
    expect(cells[cols.indexOf('CPU ÷ 2 cores ÷ parse-only')]).toBe('7.50×');
  });
});
