/**
 * FuzzyLookups answered by the worker ahead of the plan: each user's typo and name hits as
 * the worker sent them, for the users it was asked about; any other user (or every user
 * once the worker has failed) is looked up here, in the shared indexes, so the plan is the
 * same whatever the worker does.
 *
 * The worker runs ahead of the plan, often by tens of thousands of users, and a common name
 * can match hundreds of contacts: answers stay in the messages' typed arrays (a few slots per
 * user) until their user is planned, and become hit objects only then.
 */
import type { FuzzyLookupIndex } from '../match/contactIndex.js';
import { nameHits, typoHits, type NameHit, type TypoHit } from '../match/fuzzy.js';
import type { NameKey } from '../match/names.js';
import type { FuzzyLookups } from '../decide/plan.js';
import { RELATIONS, TYPO_PARTS } from './protocol.js';
import type { HitsMessage } from './workerFuzzySink.js';

export class RemoteLookups implements FuzzyLookups {
  /** Per user: the message holding its answer (-1: none), and where in it its typo and name hits start. */
  private readonly messageOf: Int32Array;
  private readonly typoAt: Int32Array;
  private readonly namesAt: Int32Array;
  private readonly messages: (HitsMessage | null)[] = [];
  /** Every user before this has been answered (or will be looked up here). */
  readyUpTo = 0;
  failed: string | null = null;
  private wake: (() => void) | null = null;

  /** The shared indexes, for the users the worker did not answer (set once they are built). */
  private ix: FuzzyLookupIndex | null = null;

  /** @param users how many users the plan has */
  constructor(users: number) {
    this.messageOf = new Int32Array(users).fill(-1);
    this.typoAt = new Int32Array(users);
    this.namesAt = new Int32Array(users);
  }

  /** The indexes to look users up in when the worker has not answered them. */
  useIndex(ix: FuzzyLookupIndex): void {
    this.ix = ix;
  }

  /** A block of answers from the worker. */
  add(m: HitsMessage): void {
    const k = this.messages.length;
    this.messages.push(m);
    let t = 0;
    let n = 0;
    for (let i = 0; i < m.users.length; i += 3) {
      const user = m.users[i]!;
      this.messageOf[user] = k;
      this.typoAt[user] = t;
      this.namesAt[user] = n;
      t += m.users[i + 1]!;
      n += m.users[i + 2]!;
    }
    this.readyUpTo = Math.max(this.readyUpTo, m.upTo);
    this.wakeUp();
  }

  /** The worker is gone: every user not answered yet is looked up here. */
  fail(why: string): void {
    this.failed = why;
    this.readyUpTo = Number.MAX_SAFE_INTEGER;
    this.wakeUp();
  }

  /** Resolves at the next block of answers (or failure). */
  next(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  /** Lets go of the answers of users before `user` (planned). */
  release(user: number): void {
    for (let k = 0; k < this.messages.length; k++) {
      const m = this.messages[k];
      if (m && m.upTo <= user) this.messages[k] = null;
    }
  }

  typo(user: number, key: string): readonly TypoHit[] {
    const m = this.answer(user);
    if (m === null) return typoHits(this.index(), key);
    const ix = this.index();
    const hits: TypoHit[] = [];
    const count = m.users[this.slot(m, user) + 1]!;
    const t = m.typo;
    for (let i = 3 * this.typoAt[user]!, end = i + 3 * count; i < end; i += 3) {
      const row = t[i]!;
      hits.push({ pos: ix.emailRowContact[row]!, key: ix.emailRowKey(row), part: TYPO_PARTS[t[i + 1]!]!, distance: t[i + 2]! });
    }
    return hits;
  }

  names(user: number, name: NameKey): readonly NameHit[] {
    const m = this.answer(user);
    if (m === null) return nameHits(this.index(), name);
    const hits: NameHit[] = [];
    const count = m.users[this.slot(m, user) + 2]!;
    for (let n = this.namesAt[user]!, end = n + count; n < end; n++) hits.push({ pos: m.names[2 * n]!, relation: RELATIONS[m.names[2 * n + 1]!]! });
    return hits;
  }

  private index(): FuzzyLookupIndex {
    if (this.ix === null) throw new Error('RemoteLookups: useIndex() first');
    return this.ix;
  }

  private answer(user: number): HitsMessage | null {
    const k = this.messageOf[user]!;
    return k < 0 ? null : this.messages[k] ?? null;
  }

  /** Where the user's [user, typo count, name count] triple is in its message (users ascend: binary search). */
  private slot(m: HitsMessage, user: number): number {
    let lo = 0;
    let hi = m.users.length / 3 - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const u = m.users[3 * mid]!;
      if (u === user) return 3 * mid;
      if (u < user) lo = mid + 1;
      else hi = mid - 1;
    }
    throw new Error(`RemoteLookups: user ${user} is not in its message`);
  }

  private wakeUp(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
