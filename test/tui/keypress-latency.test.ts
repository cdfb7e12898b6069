import { describe, expect, it } from 'vitest';
import { measureKeypressLatency } from '../../src/tui/benchKeypress.js';
import { reviewModel } from '../../src/tui/state/model.js';
import { syntheticPlan } from './helpers/synthetic.js';

describe('keypress latency through the real component tree', () => {
  it('200,000 users move as fast as 2,000: the key → frame time does not grow with the file', async () => {
    const size = { rows: 30, columns: 100, presses: 40 };
    const modelOf = ({ plan, data }: ReturnType<typeof syntheticPlan>) => reviewModel(plan, data.contacts);
    const small = modelOf(syntheticPlan(2_000));
    const large = modelOf(syntheticPlan(200_000));
    // alternate the runs and keep each one's better median: other test files share the CPU
    const p50 = { small: Infinity, large: Infinity };
    for (let round = 0; round < 2; round++) {
      p50.small = Math.min(p50.small, (await measureKeypressLatency(small, size)).p50);
      p50.large = Math.min(p50.large, (await measureKeypressLatency(large, size)).p50);
    }
    console.log(`keypress → frame at 100×30, median: ${p50.small} ms with 2k users, ${p50.large} ms with 200k users`);
    expect(p50.large).toBeLessThan(p50.small * 2 + 10);
    expect(p50.large).toBeLessThan(50);
  }, 240_000);
});
