/**
 * After each frame, once no other frame has followed for `idleMs`, empties V8's young
 * generation (idleCollect.ts), so the next keystroke's frame does not pay for a scavenge.
 * Keys typed faster than `idleMs` apart (auto-repeat) simply leave collection to V8.
 */
import { useEffect } from 'react';
import { minorCollector } from '../idleCollect.js';

/** Long enough to stay out of auto-repeat (~30 keys a second), short against human typing. */
export const IDLE_MS = 30;

export function useIdleCollect(idleMs = IDLE_MS, collect: (() => void) | null = minorCollector()): void {
  useEffect(() => {
    if (!collect) return;
    const timer = setTimeout(collect, idleMs);
    timer.unref?.();
    return () => clearTimeout(timer);
  });
}
