import { PerformanceObserver, constants } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { fullCollector, minorCollector } from '../../src/runtime/gc.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The kinds of the collections `run` forced; V8's own, which may coincide, are left out. */
async function forcedKinds(run: () => void): Promise<number[]> {
  const kinds: number[] = [];
  const obs = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      const { kind, flags } = e.detail as { kind: number; flags: number };
      if (flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) kinds.push(kind);
    }
  });
  obs.observe({ entryTypes: ['gc'] });
  try {
    run();
    await sleep(20); // gc entries are delivered asynchronously
  } finally {
    obs.disconnect();
  }
  return kinds;
}

describe('the collectors borrowed from V8', () => {
  it('the full collector runs one full (mark-compact) collection, there and then', async () => {
    const collect = fullCollector();
    expect(collect).toBeTypeOf('function');
    expect(await forcedKinds(collect!)).toEqual([constants.NODE_PERFORMANCE_GC_MAJOR]);
  });

  it('the minor collector runs one scavenge and nothing more', async () => {
    const collect = minorCollector();
    expect(collect).toBeTypeOf('function');
    expect(await forcedKinds(collect!)).toEqual([constants.NODE_PERFORMANCE_GC_MINOR]);
  });
});
