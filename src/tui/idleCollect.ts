/**
 * Young-generation garbage collection while the operator is not typing.
 *
 * Ink lays out the whole screen on every frame, allocating about 7 MB at 200×60, so V8's young
 * generation fills every second or third keypress, and the scavenge then runs inside that
 * keypress's frame: 5–10 ms with a 200k-user review in the heap (the old generation's size
 * makes each scavenge dearer). Emptying the young generation once the screen has been idle
 * for a moment moves that work between keystrokes, as browsers do with idle-time GC. Only
 * minor collections are forced: a full one over a heap of hundreds of MB would take longer
 * than any pause between keys.
 *
 * How `gc` is obtained: runtime/gc.ts.
 */
export { minorCollector } from '../runtime/gc.js';
