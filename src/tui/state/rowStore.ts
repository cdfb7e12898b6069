/**
 * RowStore: the current decision of every user, persistent (each change returns a new store
 * and shares everything it did not touch), with counts per action so that the queues
 * (Review · Link · Create · Keep · Skip) can be counted, indexed and ranked in O(log n).
 *
 * Shape: a balanced binary tree over chunks of CHUNK rows. A leaf holds the action code of
 * each of its rows and the decisions that differ from the plan (null when none do); a branch
 * holds the per-action counts of its subtree. A change copies one leaf and one path.
 */
import { ACTIONS, type Action, type Decision, type UserPlan } from '../../domain/decisions.js';

export const CHUNK = 64;
const N_ACTIONS = ACTIONS.length;
const CODE: Record<Action, number> = { keep: 0, link: 1, create: 2, review: 3, skip: 4 };

interface Leaf {
  readonly kind: 'leaf';
  readonly codes: Uint8Array;
  readonly overrides: readonly (Decision | undefined)[] | null;
  readonly counts: Int32Array;
}
interface Branch {
  readonly kind: 'branch';
  readonly left: Node;
  readonly right: Node;
  readonly counts: Int32Array;
}
type Node = Leaf | Branch;

export class RowStore {
  private constructor(
    private readonly base: readonly UserPlan[],
    private readonly root: Node | null,
    private readonly chunks: number,
  ) {}

  static fromRows(rows: readonly UserPlan[]): RowStore {
    const chunks = Math.ceil(rows.length / CHUNK);
    const build = (lo: number, hi: number): Node => {
      if (hi - lo === 1) {
        const start = lo * CHUNK;
        const end = Math.min(rows.length, start + CHUNK);
        const codes = new Uint8Array(end - start);
        const counts = new Int32Array(N_ACTIONS);
        for (let i = start; i < end; i++) {
          const c = CODE[rows[i]!.decision.action];
          codes[i - start] = c;
          counts[c]!++;
        }
        return { kind: 'leaf', codes, overrides: null, counts };
      }
      const mid = (lo + hi) >>> 1;
      const left = build(lo, mid);
      const right = build(mid, hi);
      return { kind: 'branch', left, right, counts: sum(left.counts, right.counts) };
    };
    return new RowStore(rows, chunks === 0 ? null : build(0, chunks), chunks);
  }

  get size(): number {
    return this.base.length;
  }

  /** The plan row (user, candidates, warnings, proposal) — never changes. */
  row(i: number): UserPlan {
    return this.base[i]!;
  }

  decision(i: number): Decision {
    const leaf = this.leafOf(i);
    return leaf.overrides?.[i % CHUNK] ?? this.base[i]!.decision;
  }

  action(i: number): Action {
    return ACTIONS[this.leafOf(i).codes[i % CHUNK]!]!;
  }

  count(a: Action): number {
    return this.root ? this.root.counts[CODE[a]]! : 0;
  }

  /** The row index of the k-th (0-based) user whose action is `a`, or -1. */
  nth(a: Action, k: number): number {
    if (!this.root || k < 0 || k >= this.root.counts[CODE[a]]!) return -1;
    const code = CODE[a];
    let node: Node = this.root;
    let lo = 0;
    let hi = this.chunks;
    while (node.kind === 'branch') {
      const mid = (lo + hi) >>> 1;
      const leftCount = node.left.counts[code]!;
      if (k < leftCount) {
        node = node.left;
        hi = mid;
      } else {
        k -= leftCount;
        node = node.right;
        lo = mid;
      }
    }
    const codes = node.codes;
    for (let j = 0; j < codes.length; j++) {
      if (codes[j] === code && k-- === 0) return lo * CHUNK + j;
    }
    return -1;
  }

  /** How many users before row `i` have action `a` (the position `i` has, or would have, in that queue). */
  rank(a: Action, i: number): number {
    if (!this.root) return 0;
    const code = CODE[a];
    const { leaf, lo, before } = this.descend(i, code);
    let n = before;
    const end = i - lo * CHUNK;
    for (let j = 0; j < end; j++) if (leaf.codes[j] === code) n++;
    return n;
  }

  /** A store where row `i` has decision `d` (everything else shared). */
  set(i: number, d: Decision): RowStore {
    if (!this.root) return this;
    const base = this.base[i]!.decision;
    const update = (node: Node, lo: number, hi: number): Node => {
      if (node.kind === 'leaf') {
        const j = i % CHUNK;
        const codes = node.codes.slice();
        const counts = node.counts.slice();
        counts[codes[j]!]!--;
        codes[j] = CODE[d.action];
        counts[codes[j]!]!++;
        let overrides: (Decision | undefined)[] | null = node.overrides ? node.overrides.slice() : null;
        if (d === base) {
          if (overrides) {
            overrides[j] = undefined;
            if (overrides.every((o) => o === undefined)) overrides = null;
          }
        } else {
          overrides ??= new Array<Decision | undefined>(codes.length).fill(undefined);
          overrides[j] = d;
        }
        return { kind: 'leaf', codes, overrides, counts };
      }
      const mid = (lo + hi) >>> 1;
      const target = Math.floor(i / CHUNK);
      const left = target < mid ? update(node.left, lo, mid) : node.left;
      const right = target < mid ? node.right : update(node.right, mid, hi);
      return { kind: 'branch', left, right, counts: sum(left.counts, right.counts) };
    };
    return new RowStore(this.base, update(this.root, 0, this.chunks), this.chunks);
  }

  private leafOf(i: number): Leaf {
    if (!this.root || i < 0 || i >= this.base.length) throw new RangeError(`row ${i} out of range`);
    return this.descend(i, -1).leaf;
  }

  /**
   * The leaf holding row `i` (root non-null), the index of its first chunk, and how many rows
   * of the leaves before it have action `code` (0 when `code` is -1).
   */
  private descend(i: number, code: number): { leaf: Leaf; lo: number; before: number } {
    const target = Math.floor(i / CHUNK);
    let node: Node = this.root!;
    let lo = 0;
    let hi = this.chunks;
    let before = 0;
    while (node.kind === 'branch') {
      const mid = (lo + hi) >>> 1;
      if (target < mid) {
        node = node.left;
        hi = mid;
      } else {
        if (code >= 0) before += node.left.counts[code]!;
        node = node.right;
        lo = mid;
      }
    }
    return { leaf: node, lo, before };
  }
}

function sum(a: Int32Array, b: Int32Array): Int32Array {
  const s = new Int32Array(N_ACTIONS);
  for (let k = 0; k < N_ACTIONS; k++) s[k] = a[k]! + b[k]!;
  return s;
}
