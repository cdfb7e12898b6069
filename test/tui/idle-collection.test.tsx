import { Text } from 'ink';
import { cleanup, render } from 'ink-testing-library';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useIdleCollect } from '../../src/tui/hooks/useIdleCollect.js';
import { minorCollector } from '../../src/tui/idleCollect.js';

afterEach(() => cleanup());

describe('young-generation collection between keystrokes', () => {
  // that the collector runs one scavenge, and only that: test/runtime/collectors.test.ts

  it('leaves the global scope alone (no gc() appears beside the application)', () => {
    expect(process.execArgv.some((a) => a.includes('expose-gc'))).toBe(false);
    minorCollector();
    expect((globalThis as { gc?: unknown }).gc).toBeUndefined();
  });

  function Frame({ n, collect }: { n: number; collect: () => void }) {
    useIdleCollect(200, collect);
    return <Text>{`frame ${n}`}</Text>;
  }

  // setTimeout/clearTimeout are faked so the idle window is exact, whatever the machine's load;
  // React's own scheduling (setImmediate, MessageChannel) stays real
  const tick = () => new Promise((r) => setImmediate(r));

  it('collects once the screen has been idle, not while frames keep coming', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let calls = 0;
      const collect = () => void calls++;
      const ui = render(<Frame n={0} collect={collect} />);
      await tick();
      for (let n = 1; n <= 5; n++) {
        vi.advanceTimersByTime(199);
        ui.rerender(<Frame n={n} collect={collect} />);
        await tick();
      }
      expect(ui.lastFrame()).toBe('frame 5');
      expect(calls).toBe(0);
      vi.advanceTimersByTime(199);
      expect(calls).toBe(0);
      vi.advanceTimersByTime(1);
      expect(calls).toBe(1);
      vi.advanceTimersByTime(1000);
      expect(calls).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stops when the screen is unmounted', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      let calls = 0;
      const ui = render(<Frame n={0} collect={() => void calls++} />);
      await tick();
      ui.unmount();
      vi.advanceTimersByTime(1000);
      expect(calls).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });
});
