/**
 * buildPlan: one pass over the users in export order, as CiviCRM's batch goes, that finds each
 * user's candidates and warnings and makes ufmatch's automatic decision. Pure: data in, Plan out.
 */
import type { Candidate, CivicrmOutcome, Decision, Plan, UserPlan } from '../domain/decisions.js';
import type { ContactEmail, Dataset, ExistingLink, User } from '../domain/types.js';
import { isStrong, type Warning } from '../domain/warnings.js';
import { batchOrder } from '../match/batchOrder.js';
import { CivicrmBatch } from '../match/civicrm.js';
import { buildContactIndex, lookupsFor, Marks, refsOf, type ContactIndex, type EncodedRef, type ExactIndex, type FuzzyLookupIndex, type IndexLookups } from '../match/contactIndex.js';
import { emailKey, mailboxOf } from '../match/email.js';
import { UserKeys } from '../match/userKeys.js';
import { exactRefs, nameHits, refContact, refPrimary, spellingsOf, typoHits, type AliasHit, type NameHit, type TypoHit } from '../match/fuzzy.js';
import { nameKey, type NameKey } from '../match/names.js';
import type { NameRelation } from '../match/predicates.js';
import { chooseAutomatic } from './automatic.js';
import { ExactCarriers, MAX_CANDIDATES } from './exactCandidates.js';
import { candidateScore, sortCandidates } from './scores.js';
import { WarningFactory } from './warningFactory.js';

/** At most this many name-match warnings per user (the best-scored, then lowest ids). */
export const MAX_NAME_MATCHES = 5;

/** At most this many email-typo warnings per user (the best-scored, then lowest ids). */
export const MAX_TYPO_MATCHES = 5;

/** At most this many alias-email warnings per user (the best-scored, then lowest ids). */
export const MAX_ALIAS_MATCHES = 5;

/** A mailbox spelt on at least this many contacts' addresses keeps its spellings for the next user of it. */
const SPELLINGS_KEPT_FROM = 32;

/**
 * The `n` best of `hits` by score, then lowest id, and the best one `free` says no other user
 * holds (the review's proposal may be it), in the order `hits` has them.
 */
function best<T extends { readonly score: number; readonly id: number }>(hits: readonly T[], n: number, free: (id: number) => boolean): T[] {
  const ranked = hits.slice().sort((a, b) => b.score - a.score || a.id - b.id);
  const kept = new Set(ranked.slice(0, n));
  const bestFree = ranked.find((h) => free(h.id));
  if (bestFree !== undefined) kept.add(bestFree);
  return hits.filter((h) => kept.has(h));
}

const ALIAS_SCORE = candidateScore({ basis: 'alias-email', usable: true, primary: false, nameAgrees: false });
const ALIAS_SCORE_NAMED = candidateScore({ basis: 'alias-email', usable: true, primary: false, nameAgrees: true });

const nameScore = (relation: NameRelation): number =>
  candidateScore({ basis: 'name-match', usable: true, primary: false, nameAgrees: relation === 'same', relation });
const NAME_SCORE: Readonly<Record<NameRelation, number>> = { same: nameScore('same'), swapped: nameScore('swapped'), typo: nameScore('typo') };

/**
 * Progress of buildPlan: `done` of `total` units, where indexing the contacts counts one unit
 * per contact and matching one per user (so a large contacts file does not sit at 0%);
 * `users` is how many users are matched so far.
 */
export interface PlanProgress {
  (done: number, total: number, users: number): void;
}

export interface PlanTimings {
  /** Building the contact indexes. */
  indexMs: number;
  /** The pass over the users, fuzzy look-ups included. */
  matchMs: number;
  /** The part of matchMs spent in the fuzzy look-ups (alias, typo, name) and their warnings. */
  warningsMs?: number;
}

/**
 * Who holds what while deciding: the one-link-per-contact and per-email rules. Emails are the
 * users' keys by number (userKeys.ts): a key no user has (a link's uf_name) is never asked for.
 */
export class Claims {
  readonly contact = new Map<number, number>();
  /** The contacts held by existing links (the rest are held by ufmatch's own decisions). */
  private readonly linked = new Set<number>();
  /** Contacts kept for a user in review (their exact-email choice) → that user's key number. */
  private readonly reserved = new Map<number, number>();
  /** Per user key number: the uf_id holding it, or -1. */
  private readonly email: Float64Array;

  constructor(keys: UserKeys) {
    this.email = new Float64Array(keys.count).fill(-1);
  }

  /** @param key the key's number, -1 for none */
  claim(ufId: number, contactId: number | null, key: number): void {
    if (contactId !== null && !this.contact.has(contactId)) this.contact.set(contactId, ufId);
    if (key >= 0 && this.email[key] === -1) this.email[key] = ufId;
  }
  /** An existing link's claim: held against every user, and said to be a link. */
  claimByLink(ufId: number, contactId: number, key: number): void {
    if (!this.contact.has(contactId)) this.linked.add(contactId);
    this.claim(ufId, contactId, key);
  }
  heldByLink(contactId: number): boolean {
    return this.linked.has(contactId);
  }
  /**
   * A user sent to review keeps the contact their exact email picks (often their own contact,
   * held back by a warning elsewhere): a later user whose email that contact also carries is
   * not linked to it automatically before the operator has settled the first.
   */
  reserve(ufId: number, contactId: number, key: number): void {
    if (this.contact.has(contactId)) return;
    this.contact.set(contactId, ufId);
    this.reserved.set(contactId, key);
  }
  /** The key number of the user a contact is reserved for, or undefined when it is not reserved. */
  reservedKey(contactId: number): number | undefined {
    return this.reserved.get(contactId);
  }
  contactHolder(contactId: number, notUf: number): number | null {
    const h = this.contact.get(contactId);
    return h === undefined || h === notUf ? null : h;
  }
  emailHolder(key: number, notUf: number): number | null {
    if (key < 0) return null;
    const h = this.email[key]!;
    return h === -1 || h === notUf ? null : h;
  }
}

/**
 * What the plan knows of each user (by position) before the contacts are indexed, read once in
 * one pass (planPrep) rather than looked up in maps while planning, where those look-ups were
 * among the costliest lines.
 */
export interface PlanPrep {
  /** The user's existing link in the domain (the first, when the links file has several for its uf_id). */
  readonly linkOf: readonly (ExistingLink | undefined)[];
  /** Another user exporting the same email (the first such other), or -1. */
  readonly dupOther: Float64Array;
  /**
   * That other user's email, where it is not this one's as written (case and spaces aside): the
   * two are one only as the database compares them (`zoë@` and `zoe@`); the warning says so.
   */
  readonly dupOtherEmail: readonly (string | undefined)[];
  /** The user whose existing link holds this user's email as its uf_name (the first such link), or -1. */
  readonly ufNameHolder: Float64Array;
}

export interface PlanContext extends PlanPrep {
  readonly data: Dataset;
  readonly keys: UserKeys;
  readonly ix: ContactIndex;
  readonly wf: WarningFactory;
  /** The exact look-ups civicrmAhead made, when it ran. */
  readonly exactOf: ExactOf | null;
  /** The exact carriers of the user being planned (one gathering reused for every user). */
  readonly exact: ExactCarriers;
  /** spellingsOf for mailboxes spelt on many addresses, by mailbox. */
  readonly spellings: Map<string, readonly AliasHit[]>;
}

/**
 * Where a user's typo and name hits come from: the indexes in this thread, or (parallel/)
 * answers a worker computed ahead from the same indexes. `user` is the user's position.
 */
export interface FuzzyLookups {
  typo(user: number, key: string): readonly TypoHit[];
  names(user: number, name: NameKey): readonly NameHit[];
}

export function localLookups(ix: FuzzyLookupIndex): FuzzyLookups {
  return { typo: (_user, key) => typoHits(ix, key), names: (_user, name) => nameHits(ix, name) };
}

/**
 * @param prebuilt the contact index, when the caller built it (timings.indexMs is then the
 *   caller's to set); else it is built here, with the look-ups these users make
 * @param lookups those look-ups, when the caller made them (the plan reuses their numbering
 *   of the users' keys)
 */
export function buildPlan(data: Dataset, progress?: PlanProgress, timings?: PlanTimings, prebuilt?: ContactIndex, lookups?: IndexLookups): Plan {
  const { run, fuzzy, report } = startPlan(data, progress, timings, prebuilt, lookups);
  const total = data.users.length;
  for (let i = 0; i < total; i += 4096) {
    run.planUsers(i, Math.min(total, i + 4096), fuzzy);
    report();
  }
  return endPlan(run, data, progress);
}

/** How long the plan runs before it lets the event loop in (keys, Ctrl-C, signals, the progress bar). */
export const PLAN_SLICE_MS = 50;

/**
 * buildPlan, giving the event loop a turn every PLAN_SLICE_MS: a terminal's Ctrl-C (a key in
 * raw mode), a signal's handler and the progress display all wait for it. Users whose look-ups
 * are slow (thousands of addresses that differ by a digit) plan in small steps.
 */
export async function buildPlanInSlices(data: Dataset, progress?: PlanProgress, timings?: PlanTimings, prebuilt?: ContactIndex, lookups?: IndexLookups): Promise<Plan> {
  const { run, fuzzy, report } = startPlan(data, progress, timings, prebuilt, lookups);
  const total = data.users.length;
  const slices = new Slices();
  while (run.planned < total) {
    run.planUsers(run.planned, Math.min(total, run.planned + slices.step), fuzzy);
    report();
    await slices.turn();
  }
  return endPlan(run, data, progress);
}

/** What both builds do first: the index (unless given) and the run over it, and how to report progress. */
function startPlan(data: Dataset, progress: PlanProgress | undefined, timings: PlanTimings | undefined, prebuilt: ContactIndex | undefined, lookups: IndexLookups | undefined) {
  const t0 = performance.now();
  const contactsN = data.contacts.length;
  const units = contactsN + data.users.length;
  const made = prebuilt ? lookups : lookups ?? lookupsFor(data.users.map((u) => u.emailKey));
  const ix = prebuilt ?? buildContactIndex(data.contacts, made, progress ? (done) => progress(done, units, 0) : undefined);
  if (timings && !prebuilt) timings.indexMs = performance.now() - t0;
  const run = new PlanRun(data, ix, timings, undefined, made);
  const report = (): void => progress?.(contactsN + run.planned, units, run.planned);
  return { run, fuzzy: localLookups(ix), report };
}

function endPlan(run: PlanRun, data: Dataset, progress: PlanProgress | undefined): Plan {
  const units = data.contacts.length + data.users.length;
  if (progress && data.users.length === 0) progress(units, units, 0);
  return run.finish();
}

/**
 * Steps of users sized to take about a few milliseconds each, and a turn of the event loop
 * every PLAN_SLICE_MS.
 */
export class Slices {
  /** Users to plan in the next step. */
  step = 256;
  private last = performance.now();
  private stepStart = this.last;

  /** Called after each step: yields when the slice is used up, and sizes the next step. */
  async turn(): Promise<void> {
    const now = performance.now();
    const took = now - this.stepStart;
    // aim at about 10 ms a step: between 16 and 4,096 users
    if (took < 5 && this.step < 4096) this.step *= 2;
    else if (took > 20 && this.step > 16) this.step = Math.max(16, this.step >> 1);
    if (now - this.last >= PLAN_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      this.last = performance.now();
    }
    this.stepStart = performance.now();
  }
}

/**
 * One pass over the users in export order (planUsers on consecutive ranges, then finish):
 * buildPlan drives it at once; parallel/ drives it as a worker's answers come in.
 */
export class PlanRun {
  private readonly prep: PlanPrep;
  private readonly keys: UserKeys;
  private ctx: PlanContext | null = null;
  private readonly claims: Claims;
  /** Null until useIndex when the batch's order is not the export order (then run ahead there). */
  private batch: CivicrmSteps | null;
  private readonly order: Int32Array | null;
  /** CivicrmAhead.stopsAt of the run made in useIndex. */
  private stopsAt: number | null = null;
  private readonly rows: UserPlan[];
  private readonly clock: { ms: number } | null;
  private t0 = 0;
  /** Users planned so far (the next to plan). */
  planned = 0;

  /**
   * @param ix the contact index; null when it is still being built (useIndex gives it, and
   *   what needs no index is done meanwhile)
   * @param ahead CiviCRM's batch run ahead (civicrmAhead): its outcomes are replayed and its
   *   exact look-ups reused; else the batch is simulated here as the users are planned
   * @param lookups the index's look-ups for these users, when there is no `ahead` (their key
   *   numbers are reused, userKeys.ts)
   */
  constructor(
    private readonly data: Dataset,
    ix: ContactIndex | null,
    private readonly timings?: PlanTimings,
    private readonly ahead?: CivicrmAhead,
    private readonly lookups?: IndexLookups,
  ) {
    const start = performance.now();
    const keys = ahead?.keys ?? new UserKeys(data.users, data.links, lookups);
    this.keys = keys;
    this.prep = planPrep(data, keys);
    this.claims = new Claims(keys);
    // Existing links are the database's state before anything runs: they hold their contacts
    // and emails against every user, earlier or later in the export.
    data.links.forEach((l, j) => this.claims.claimByLink(l.ufId, l.contactId, keys.ofLink[j]!));
    data.users.forEach((u, i) => {
      if (this.prep.linkOf[i]) this.claims.claim(u.ufId, null, keys.of[i]!);
    });
    // CiviCRM's batch goes in its own order (batchOrder.ts): when that is not the export order,
    // it is run ahead, over the exact index, before the users are planned in export order
    this.order = ahead ? null : batchOrder(data.users, data.platform);
    this.batch = ahead ? new CivicrmReplay(data.users, ahead.outcomes) : this.order ? null : new CivicrmBatch(data.links, data.users, keys, data.platform);
    this.rows = new Array(data.users.length);
    this.clock = timings ? { ms: 0 } : null;
    if (ix) this.useIndex(ix, start);
  }

  /** The contact index, once built (the plan's time, matchMs, counts from `since`). */
  useIndex(ix: ContactIndex, since = performance.now()): void {
    let exactOf = this.ahead?.exactOf ?? null;
    if (this.batch === null) {
      const run = civicrmAhead(this.data, ix, this.lookups, this.order);
      this.batch = new CivicrmReplay(this.data.users, run.outcomes);
      this.stopsAt = run.stopsAt;
      exactOf = run.exactOf;
    }
    this.ctx = { ...this.prep, data: this.data, keys: this.keys, ix, wf: new WarningFactory(this.data.platform), exactOf, exact: new ExactCarriers(ix, new Marks(ix.contacts.length)), spellings: new Map() };
    this.t0 = since;
  }

  /** Plans users [from, to); from must be `planned`. */
  planUsers(from: number, to: number, lookups: FuzzyLookups): void {
    if (from !== this.planned) throw new Error(`PlanRun: users must be planned in order (${from} after ${this.planned})`);
    const ctx = this.ctx;
    if (!ctx) throw new Error('PlanRun: planUsers before useIndex');
    const users = this.data.users;
    const batch = this.batch!; // set by useIndex at the latest
    for (let i = from; i < to; i++) this.rows[i] = planUser(ctx, this.claims, batch, users[i]!, i, lookups, this.clock);
    this.planned = to;
  }

  finish(): Plan {
    const data = this.data;
    const ix = this.ctx?.ix;
    if (!ix) throw new Error('PlanRun: finish before useIndex');
    const usersById = new Set<number>();
    for (const u of data.users) usersById.add(u.ufId);
    const globalWarnings: Warning[] = [];
    const wf = new WarningFactory(data.platform);
    for (const l of data.links) {
      if (!usersById.has(l.ufId)) globalWarnings.push(wf.orphanLink(l, 'user', ix.byId.has(l.contactId)));
    }
    if (this.timings) {
      this.timings.matchMs = performance.now() - this.t0;
      this.timings.warningsMs = this.clock!.ms;
    }
    const stopsAt = this.batch instanceof CivicrmBatch ? this.batch.stopsAt : (this.ahead?.stopsAt ?? this.stopsAt);
    return { platform: data.platform, domainId: data.domainId, rows: this.rows, globalWarnings, civicrmBatchStopsAt: stopsAt };
  }
}

/** What planUser asks of CiviCRM's batch: CivicrmBatch itself, or its outcomes replayed. */
export interface CivicrmSteps {
  step(user: User, pick: number | null, pickIsPrimary: boolean): CivicrmOutcome;
}

/** CiviCRM's batch run ahead (civicrmAhead), replayed: the same outcomes, in the same order. */
export class CivicrmReplay implements CivicrmSteps {
  private next = 0;
  constructor(
    private readonly users: readonly User[],
    private readonly outcomes: readonly CivicrmOutcome[],
  ) {}
  step(user: User): CivicrmOutcome {
    const i = this.next++;
    if (this.users[i] !== user) throw new Error(`CivicrmReplay: user ${user.ufId} out of order`);
    return this.outcomes[i]!;
  }
}

/**
 * CiviCRM's batch over every user, run ahead of the plan with the exact index only: its
 * outcomes (for CivicrmReplay) and the positions of the users planUser will run typo and name
 * look-ups for (no link, a valid email, and CiviCRM would create a contact or no usable
 * contact has the email), which a worker can then answer ahead.
 */
export function civicrmAhead(data: Dataset, ix: Pick<ExactIndex, 'exact' | 'exactForUser'>, lookups?: IndexLookups, order = batchOrder(data.users, data.platform)): CivicrmAhead {
  const forUser = ix.exactForUser;
  const linked = new Set<number>();
  for (const l of data.links) linked.add(l.ufId);
  const keys = new UserKeys(data.users, data.links, lookups);
  const batch = new CivicrmBatch(data.links, data.users, keys, data.platform, order);
  const total = data.users.length;
  const outcomes: CivicrmOutcome[] = new Array(total);
  const needs = new Uint8Array(total);
  const typoWanted = new Uint8Array(total);
  const exactOf: ExactOf = new Array(total);
  for (let s = 0; s < total; s++) {
    const i = order ? order[s]! : s;
    const user = data.users[i]!;
    if (linked.has(user.ufId) || keys.of[i]! < 0) {
      outcomes[i] = batch.step(user, null, false);
      continue;
    }
    let pick = -1;
    let primary = false;
    const found = forUser ? forUser(i, user.emailKey) : ix.exact.get(user.emailKey);
    exactOf[i] = found ?? NO_REFS;
    for (const r of refsOf(found)) {
      if (data.contacts.usableAt(refContact(r))) {
        pick = refContact(r);
        primary = refPrimary(r);
        break;
      }
    }
    const civicrm = batch.step(user, pick < 0 ? null : data.contacts.idAt(pick), primary);
    outcomes[i] = civicrm;
    // (an invalid address is matched by CiviCRM, but planUser skips it without fuzzy look-ups)
    if (keys.validAt(i) && (pick < 0 || civicrm.kind === 'create' || civicrm.kind === 'create-unlinked')) needs[i] = 1;
    // typo look-ups only where no contact carries the exact email (see fuzzy())
    if (needs[i] === 1 && refsOf(found).length === 0) typoWanted[i] = 1;
  }
  // in export order: the worker answers them in the order the plan asks
  const needFuzzy = new Int32Array(total);
  let n = 0;
  for (let i = 0; i < total; i++) if (needs[i] === 1) needFuzzy[n++] = i;
  return { outcomes, needFuzzy: needFuzzy.slice(0, n), typoWanted, exactOf, keys, stopsAt: batch.stopsAt };
}

/** Users' exact refs as the index gave them (ix.exact.get), by position; a hole: not looked up; NO_REFS: none. */
type ExactOf = (EncodedRef | EncodedRef[])[];
const NO_REFS = -1;

/** CiviCRM's batch run ahead: its outcomes, the users that need fuzzy look-ups, and the exact look-ups it made. */
export interface CivicrmAhead {
  readonly outcomes: CivicrmOutcome[];
  readonly needFuzzy: Int32Array;
  /** Per user position: 1 when its look-ups include typos (no contact carries its exact email). */
  readonly typoWanted: Uint8Array;
  readonly exactOf: ExactOf;
  /** The users' keys numbered, for the plan to reuse. */
  readonly keys: UserKeys;
  /** Where CiviCRM's batch stops with an error (CivicrmBatch.stopsAt). */
  readonly stopsAt: number | null;
}

function planPrep(data: Dataset, keys: UserKeys): PlanPrep {
  const users = data.users;
  const n = users.length;
  const linkByUf = new Map<number, ExistingLink>();
  /** Per user key number: the first link holding it as uf_name, or -1. */
  const linkUfName = new Float64Array(keys.count).fill(-1);
  data.links.forEach((l, j) => {
    if (!linkByUf.has(l.ufId)) linkByUf.set(l.ufId, l);
    const k = keys.ofLink[j]!;
    if (k >= 0 && linkUfName[k] === -1) linkUfName[k] = l.ufId;
  });
  const linkOf = new Array<ExistingLink | undefined>(n);
  const dupOther = new Float64Array(n).fill(-1);
  const dupOtherEmail = new Array<string | undefined>(n);
  const ufNameHolder = new Float64Array(n).fill(-1);
  // per key number: the second user exporting it (the first is keys.firstUser), or -1
  const second = new Int32Array(keys.count).fill(-1);
  for (let i = 0; i < n; i++) {
    if (linkByUf.size > 0) linkOf[i] = linkByUf.get(users[i]!.ufId);
    const k = keys.of[i]!;
    if (k < 0) continue;
    ufNameHolder[i] = linkUfName[k]!;
    if (second[k] === -1 && keys.firstUser[k] !== i) second[k] = i;
  }
  // the sharers' first uf_id that is not the user's own (uf_ids are unique: the loader refuses repeats)
  for (let i = 0; i < n; i++) {
    const k = keys.of[i]!;
    if (k < 0 || second[k] === -1) continue;
    const first = keys.firstUser[k]!;
    const other = users[first !== i ? first : second[k]!]!;
    dupOther[i] = other.ufId;
    if (other.email.trim().toLowerCase() !== users[i]!.email.trim().toLowerCase()) dupOtherEmail[i] = other.email.trim();
  }
  return { linkOf, dupOther, dupOtherEmail, ufNameHolder };
}

/** duplicate-user-email: another user exports the same email, or else a link holds it as uf_name. */
function duplicateUserWarning(ctx: PlanContext, user: User, index: number, dupOther: number | undefined, civicrm: CivicrmOutcome, warnings: Warning[]): void {
  if (dupOther !== undefined) warnings.push(ctx.wf.duplicateUser(user, dupOther, 'user', civicrm, ctx.dupOtherEmail[index]));
  else {
    const holder = ctx.ufNameHolder[index]!;
    if (holder >= 0 && holder !== user.ufId) warnings.push(ctx.wf.duplicateUser(user, holder, 'link', civicrm));
  }
}

function planUser(ctx: PlanContext, claims: Claims, batch: CivicrmSteps, user: User, index: number, lookups: FuzzyLookups, clock: { ms: number } | null): UserPlan {
  const { ix, wf } = ctx;
  const list = ix.contacts;
  const warnings: Warning[] = [];
  const candidates: Candidate[] = [];
  const key = user.emailKey;
  const uname = nameKey(user.firstName, user.lastName, user.displayName);

  // duplicate-user-email: another user exports the same email (or holds it as a link's uf_name)
  const other = ctx.dupOther[index]!;
  const dupOther = other < 0 ? undefined : other;

  const link = ctx.linkOf[index];
  if (link) {
    let notKept = 0;
    const civicrm = batch.step(user, null, false);
    const pos = ix.byId.get(link.contactId);
    const linkedKey = ctx.keys.of[index]!;
    const validKey = linkedKey >= 0 && ctx.keys.validAt(index);
    if (pos === undefined) {
      warnings.push(wf.orphanLink(link, 'contact', false));
      // the contact is not in the export, but its uf_name is: SPEC §4's stale-link "(or whose uf_name differs from it)"
      if (ufNameDiffers(link, key)) warnings.push(wf.staleUfName(user, link, civicrm));
      // the linked contact is not in the export: show the contacts that carry the email (CiviCRM keeps the link)
      if (validKey) notKept = exactBesideLink(ctx, user, index, uname, link.contactId, candidates);
    } else {
      const emails = list.emailsAt(pos);
      const stale = staleness(list.deletedAt(pos), emails, link, key);
      if (stale) warnings.push(wf.staleLink(user, list.at(pos), link, stale, civicrm));
      candidates.push({
        contactId: list.idAt(pos),
        score: 1,
        basis: 'existing-link',
        primaryEmail: emails.some((e) => e.primary && e.key === key),
        email: emails.find((e) => e.key === key)?.email ?? '',
        usable: list.usableAt(pos),
        nameAgrees: ctx.exact.agrees(uname, pos),
      });
      // a stale link's user: the contacts that do carry the email, to show beside the link (CiviCRM keeps the link)
      if ((stale === 'contact-lacks-email' || stale === 'contact-deleted') && validKey) {
        notKept = exactBesideLink(ctx, user, index, uname, link.contactId, candidates);
      }
    }
    if (dupOther !== undefined) warnings.push(wf.duplicateUser(user, dupOther, 'user', civicrm, ctx.dupOtherEmail[index]));
    // the link stays, but the user still has no usable email (SPEC §4 raises these for every user)
    if (!validKey) warnings.push(key === '' ? wf.noEmail(user, civicrm) : wf.invalidEmail(user, civicrm));
    const decision: Decision = { action: 'keep', contactId: link.contactId, reason: 'existing-link', decidedBy: 'auto' };
    return userPlan(user, candidates, warnings, decision, civicrm, notKept);
  }

  const keyNo = ctx.keys.of[index]!;
  if (keyNo < 0 || !ctx.keys.validAt(index)) {
    const noEmail = key === '';
    // CiviCRM matches an invalid address like any other (ufmatch does not link it: see README)
    let pick: number | null = null;
    let pickPrimary = false;
    // with no usable one, the contacts carrying the address that CiviCRM passes over (as for a valid address)
    const carriers = new Set<number>();
    let deleted = -1;
    let nonIndividual = -1;
    if (!noEmail) {
      const known = ctx.exactOf?.[index];
      for (const r of known === undefined ? exactRefs(ix, key, index) : refsOf(known === NO_REFS ? undefined : known)) {
        const pos = refContact(r);
        carriers.add(pos);
        if (!list.usableAt(pos)) {
          if (list.deletedAt(pos)) deleted = deleted < 0 ? pos : deleted;
          else if (nonIndividual < 0) nonIndividual = pos;
          continue;
        }
        pick = list.idAt(pos);
        pickPrimary = refPrimary(r);
        break;
      }
    }
    const civicrm = batch.step(user, pick, pickPrimary);
    warnings.push(noEmail ? wf.noEmail(user, civicrm) : wf.invalidEmail(user, civicrm));
    // CiviCRM matches an invalid address too: its only carrier in the trash is a duplicate it makes
    // (duplicates_avoided counts it, as for a valid address; the plan skips the user)
    if (pick === null) {
      if (deleted >= 0) warnings.push(wf.deletedMatch(user, list.at(deleted), civicrm, carriers.size === 1));
      if (nonIndividual >= 0) warnings.push(wf.nonIndividualMatch(user, list.at(nonIndividual), civicrm, carriers.size === 1));
    }
    if (!noEmail) duplicateUserWarning(ctx, user, index, dupOther, civicrm, warnings);
    const decision: Decision = { action: 'skip', reason: noEmail ? 'no-email' : 'invalid-email', decidedBy: 'auto' };
    return { user, candidates: fit(candidates), warnings: fitWarnings(warnings), decision, proposal: decision, civicrm };
  }

  // exact matches, in CiviCRM's order (contacts are built only for the warnings that name them;
  // candidates only for the best of them and those the decision may take: exactCandidates.ts)
  const known = ctx.exactOf?.[index];
  const refs = known === undefined ? exactRefs(ix, key, index) : refsOf(known === NO_REFS ? undefined : known);
  const ex = ctx.exact;
  ex.gather(refs, key, uname, claims, user.ufId, candidates);
  const pick = ex.pick;
  const civicrm = batch.step(user, pick ? pick.id : null, pick ? pick.primary : false);

  duplicateUserWarning(ctx, user, index, dupOther, civicrm, warnings);

  if (ex.usableCount === 0) {
    const alone = ex.count === 1;
    if (ex.deleted >= 0) warnings.push(wf.deletedMatch(user, list.at(ex.deleted), civicrm, alone));
    if (ex.nonIndividual >= 0) warnings.push(wf.nonIndividualMatch(user, list.at(ex.nonIndividual), civicrm, alone));
  }
  if (ex.usableCount >= 2) warnings.push(wf.sharedEmail(user, ex.usableIds(), ex.usableCount, civicrm));

  // the contact ufmatch would link: CiviCRM's pick, or among several the one with the user's name
  const usableCount = ex.usableCount;
  const hasExact = ex.count > 0;
  const notKept = ex.notKept;
  const choice = usableCount === 1 ? pick! : ex.namedCount === 1 ? ex.named! : null;
  const checkTaken = choice ?? pick;
  if (checkTaken) {
    const holder = claims.contactHolder(checkTaken.id, user.ufId);
    const reservedFor = claims.reservedKey(checkTaken.id);
    // kept for another user of the same email: duplicate-user-email says it already
    if (holder !== null && !(reservedFor !== undefined && reservedFor === keyNo && keyNo >= 0)) {
      const via = claims.heldByLink(checkTaken.id) ? 'link' : reservedFor !== undefined ? 'review' : 'plan';
      warnings.push(wf.contactTaken(user, list.at(checkTaken.pos), holder, via, civicrm));
    }
  }

  // fuzzy look-ups where CiviCRM would create a contact (no usable exact match, or it is taken) —
  // unless this plan links the user's exact match itself: CiviCRM's create may come only from
  // its login order, another user of that contact's other address logging in first, and the
  // plan's uf_match.sql link is in place before anyone does; another contact of the user's name
  // is then a duplicate to merge, not a reason to hold the link (README: the link is authoritative)
  const planLinksChoice =
    choice !== null && claims.contactHolder(choice.id, user.ufId) === null && claims.emailHolder(keyNo, user.ufId) === null && !warnings.some((w) => isStrong(w.code));
  if ((civicrm.kind === 'create' || civicrm.kind === 'create-unlinked' || usableCount === 0) && !planLinksChoice) {
    const tf = clock ? performance.now() : 0;
    fuzzy(ctx, claims, user, index, lookups, uname, key, hasExact, ex.carries, candidates, warnings, wf, civicrm);
    if (clock) clock.ms += performance.now() - tf;
  } else if (usableCount === 1 && pick !== null && ix.nameDiffersAt(pick.pos, uname.first, uname.last)) {
    // the one contact with the user's email has another person's name (a family's or an office's
    // address, or the wrong person): a contact with the user's own name is a probable duplicate
    // of theirs, the operator's call (SPEC §4: name-match ★ stops the automatic link)
    const tf = clock ? performance.now() : 0;
    nameMatches(ctx, user, index, lookups, uname, ex.carries, candidates, warnings, wf, civicrm);
    if (clock) clock.ms += performance.now() - tf;
  }

  sortCandidates(candidates);
  const decision = chooseAutomatic({
    warnings,
    usableCount,
    choice: choice ? { contactId: choice.id, byName: usableCount > 1 } : null,
    bestCandidate: bestFree(candidates, claims, user.ufId),
    emailHolder: claims.emailHolder(keyNo, user.ufId),
  });
  if (decision.action === 'link') claims.claim(user.ufId, decision.contactId, keyNo);
  else if (decision.action === 'create') claims.claim(user.ufId, null, keyNo);
  else if (decision.action === 'review') {
    // the contact its exact email picks: the one choice, else the review's proposal among them
    const kept = choice ? choice.id : decision.contactId !== null && candidates.some((c) => c.contactId === decision.contactId && c.basis === 'exact-email' && c.usable) ? decision.contactId : null;
    if (kept !== null) claims.reserve(user.ufId, kept, keyNo);
  }
  if (decision.action === 'link' || decision.action === 'review') proposedFirstAmongEquals(candidates, decision.contactId);
  return userPlan(user, candidates, warnings, decision, civicrm, notKept);
}

/** The addresses spelling a mailbox (spellingsOf), kept for the next user of it when there are many. */
function spellings(ctx: PlanContext, mb: string): readonly AliasHit[] {
  const kept = ctx.spellings.get(mb);
  if (kept !== undefined) return kept;
  const found = spellingsOf(ctx.ix, mb);
  if (found.length >= SPELLINGS_KEPT_FROM) ctx.spellings.set(mb, found);
  return found;
}

/** The row, with how many contacts carrying the email its candidates do not keep (ExactCarriers.gather). */
function userPlan(user: User, candidates: Candidate[], warnings: Warning[], decision: Decision, civicrm: CivicrmOutcome, notKept: number): UserPlan {
  // one shape for the 200,000 rows the writers read: literals, in one property order
  return notKept > 0
    ? { user, candidates: fit(candidates), warnings: fitWarnings(warnings), decision, proposal: decision, civicrm, moreCandidates: notKept }
    : { user, candidates: fit(candidates), warnings: fitWarnings(warnings), decision, proposal: decision, civicrm };
}

/**
 * The contacts other than the linked one that carry the user's email, as exact-email
 * candidates (each once, best first), after the link: it stays candidate 1 whatever they score.
 */
function exactBesideLink(ctx: PlanContext, user: User, index: number, uname: NameKey, linked: number, candidates: Candidate[]): number {
  const ix = ctx.ix;
  const beside: Candidate[] = [];
  ctx.exact.gather(exactRefs(ix, user.emailKey, index), user.emailKey, uname, null, user.ufId, beside, MAX_CANDIDATES, linked);
  sortCandidates(beside);
  for (const c of beside) candidates.push(c);
  return ctx.exact.notKept;
}

function fuzzy(
  ctx: PlanContext,
  claims: Claims,
  user: User,
  index: number,
  lookups: FuzzyLookups,
  uname: NameKey,
  key: string,
  hasExact: boolean,
  flagged: Marks,
  candidates: Candidate[],
  warnings: Warning[],
  wf: WarningFactory,
  civicrm: CivicrmOutcome,
): void {
  const { ix } = ctx;
  // `flagged` marks the contacts (by position) already candidates: the exact ones, then each hit.
  // Aliases: the best MAX_ALIAS_MATCHES, as typos below (a mailbox spelt thousands of ways —
  // john+1@, john+2@… — ran out of heap with a warning for each user and spelling)
  // the best by score then lowest id, kept as they rank while found, then put back in the order
  // found; and the best one no other user holds, wherever it ranks (the review's proposal may be it)
  const aliases: { h: AliasHit; id: number; score: number; nameAgrees: boolean; seq: number }[] = [];
  let free: (typeof aliases)[number] | null = null;
  const found = spellings(ctx, mailboxOf(key));
  for (let seq = 0; seq < found.length; seq++) {
    const h = found[seq]!;
    if (h.key === key || !flagged.mark(h.pos)) continue;
    const id = ix.contacts.idAt(h.pos);
    const nameAgrees = ctx.exact.agrees(uname, h.pos);
    const score = nameAgrees ? ALIAS_SCORE_NAMED : ALIAS_SCORE;
    const isFree = (free === null || score > free.score || (score === free.score && id < free.id)) && claims.contactHolder(id, user.ufId) === null;
    let i = aliases.length;
    while (i > 0 && (score > aliases[i - 1]!.score || (score === aliases[i - 1]!.score && id < aliases[i - 1]!.id))) i--;
    if (i >= MAX_ALIAS_MATCHES && !isFree) continue;
    const entry: (typeof aliases)[number] = { h, id, score, nameAgrees, seq };
    if (isFree) free = entry;
    if (i >= MAX_ALIAS_MATCHES) continue;
    aliases.splice(i, 0, entry);
    if (aliases.length > MAX_ALIAS_MATCHES) aliases.pop();
  }
  if (free !== null && !aliases.includes(free)) aliases.push(free);
  if (aliases.length > 1) aliases.sort((a, b) => a.seq - b.seq);
  for (const { h, id, score, nameAgrees } of aliases) {
    candidates.push({ contactId: id, score, basis: 'alias-email', primaryEmail: h.primary, email: h.key, usable: true, nameAgrees });
    warnings.push(wf.aliasEmail(user, ix.contacts.refAt(h.pos), h.key, score, civicrm));
  }
  // the best MAX_TYPO_MATCHES by score, then lowest id, kept in the order they were found:
  // addresses that differ only by a number (member000123@…) can put hundreds of contacts
  // within two edits of one user, and a warning for each would bury the operator (and, at
  // 40,000 such users, exhaust the heap). Every hit is still flagged, so none of them comes
  // back as a name-match.
  // (whether the address is the contact's primary is read for the kept ones only: the score does
  // not depend on it, and numbered mailboxes put hundreds of hits on one user)
  const typos: { h: TypoHit; id: number; score: number; nameAgrees: boolean; namesDiffer: boolean }[] = [];
  // email-typo only where no contact carries the exact email (SPEC §4: "no exact match"): a
  // trashed, non-Individual or taken exact match is what the user meant, not a look-alike
  // address of someone else (kate@ is two edits from dave@)
  for (const h of hasExact ? [] : lookups.typo(index, key)) {
    if (!flagged.mark(h.pos)) continue;
    const id = ix.contacts.idAt(h.pos);
    const nameAgrees = ctx.exact.agrees(uname, h.pos);
    const namesDiffer = !nameAgrees && ix.nameDiffersAt(h.pos, uname.first, uname.last);
    const score = candidateScore({ basis: 'email-typo', usable: true, primary: false, nameAgrees, namesDiffer, distance: h.distance });
    typos.push({ h, id, score, nameAgrees, namesDiffer });
  }
  for (const t of typos.length > MAX_TYPO_MATCHES ? best(typos, MAX_TYPO_MATCHES, (id) => claims.contactHolder(id, user.ufId) === null) : typos) {
    const { h, id, score, nameAgrees, namesDiffer } = t;
    const primary = ix.contacts.primaryKeyIs(h.pos, h.key);
    candidates.push({ contactId: id, score, basis: 'email-typo', primaryEmail: primary, email: h.key, usable: true, nameAgrees });
    warnings.push(wf.emailTypo(user, ix.contacts.refAt(h.pos), h.key, h.part, h.distance, namesDiffer, score, civicrm));
  }
  nameMatches(ctx, user, index, lookups, uname, flagged, candidates, warnings, wf, civicrm);
}

/** The name-match candidates and warnings of a user: contacts not `flagged` (already candidates) with the same or near-same name. */
function nameMatches(
  ctx: PlanContext,
  user: User,
  index: number,
  lookups: FuzzyLookups,
  uname: NameKey,
  flagged: Marks,
  candidates: Candidate[],
  warnings: Warning[],
  wf: WarningFactory,
  civicrm: CivicrmOutcome,
): void {
  const { ix } = ctx;
  // the best MAX_NAME_MATCHES by score, then lowest id (what sorting every hit would keep):
  // a common name can match hundreds of contacts, so none of them is copied or sorted
  const names: { h: NameHit; score: number; id: number }[] = [];
  for (const h of lookups.names(index, uname)) {
    const id = ix.ids[h.pos]!;
    if (flagged.has(h.pos)) continue;
    const score = NAME_SCORE[h.relation];
    let i = names.length;
    while (i > 0 && (score > names[i - 1]!.score || (score === names[i - 1]!.score && id < names[i - 1]!.id))) i--;
    if (i >= MAX_NAME_MATCHES) continue;
    names.splice(i, 0, { h, score, id });
    if (names.length > MAX_NAME_MATCHES) names.pop();
  }
  for (const { h, score, id } of names) {
    const main = ix.contacts.mainEmailAt(h.pos);
    candidates.push({
      contactId: id,
      score,
      basis: 'name-match',
      primaryEmail: main.primary,
      email: main.email,
      usable: true,
      nameAgrees: h.relation === 'same',
    });
    warnings.push(wf.nameMatch(user, ix.contacts.refAt(h.pos), ix.contacts.personNameAt(h.pos), h.relation, main.email, score, civicrm));
  }
}

/** An array grown by push() keeps room for 16 or more elements; 200,000 rows of them add up. */
/**
 * The proposed contact first among the candidates of its score: a tie (primary email against
 * the user's name, both +0.05) falls to the lowest id, which listed ufmatch's own pick second —
 * and "best first" is what a reader of links.csv or the review's candidate 1 goes by.
 */
function proposedFirstAmongEquals(cs: Candidate[], contactId: number | null): void {
  if (contactId === null || cs.length < 2) return;
  const at = cs.findIndex((c) => c.contactId === contactId);
  if (at <= 0) return;
  let to = at;
  while (to > 0 && cs[to - 1]!.score === cs[at]!.score) to--;
  if (to === at) return;
  const [c] = cs.splice(at, 1);
  cs.splice(to, 0, c!);
}

function fit<T>(a: T[]): T[] {
  return a.length === 0 ? a : a.slice();
}

let flatSink = 0;

/**
 * The warnings, their details made flat strings now: a template literal builds a tree of
 * string pieces that V8 flattens on first reading (when warnings.csv is written, long after
 * the pieces have left the young generation); flattened here, the pieces die young and the
 * writer does not double the memory of every detail at the end of the run.
 */
function fitWarnings(ws: Warning[]): Warning[] {
  for (let i = 0; i < ws.length; i++) {
    const d = ws[i]!.detail;
    if (d.length > 0) flatSink ^= d.charCodeAt(d.length - 1); // reading a character flattens
  }
  return fit(ws);
}

function staleness(deleted: boolean, emails: readonly ContactEmail[], link: ExistingLink, key: string): 'contact-deleted' | 'contact-lacks-email' | 'uf-name-differs' | null {
  if (deleted) return 'contact-deleted';
  if (key !== '' && !emails.some((e) => e.key === key)) return 'contact-lacks-email';
  return ufNameDiffers(link, key) ? 'uf-name-differs' : null;
}

/** Whether the link's uf_name differs from the user's email key (as the table's collation compares). */
function ufNameDiffers(link: ExistingLink, key: string): boolean {
  // an empty uf_name as exported (not NULL) is a value: it differs from any email, and holds the empty one
  return (link.ufName !== '' || link.emptyUfName === true) && emailKey(link.ufName) !== key;
}


function bestFree(candidates: readonly Candidate[], claims: Claims, ufId: number): number | null {
  // a usable contact carrying the user's email and name is the proposal, a free one first, but
  // even when another user holds or waits for it: a free contact of another name, or of the
  // user's name under another email, is a guess at another person (a second account of Åsa's,
  // sharing her email with the first, was proposed her husband's contact; one of Hassan's, a
  // namesake's that ufmatch links to another user further down)
  let named: Candidate | null = null;
  for (const c of candidates) {
    if (!c.usable || !c.nameAgrees || c.basis !== 'exact-email') continue;
    if (claims.contactHolder(c.contactId, ufId) === null) return c.contactId;
    named ??= c;
  }
  if (named !== null) return named.contactId;
  // the best free one, and among free ones of its score the one with the user's name (as below
  // when none is free): a namesake under another address, not someone else's look-alike one
  let free: Candidate | null = null;
  for (const c of candidates) {
    if (free !== null && c.score !== free.score) break;
    if (!c.usable || claims.contactHolder(c.contactId, ufId) !== null) continue;
    if (free === null) free = c;
    if (c.nameAgrees) return c.contactId;
  }
  if (free !== null) return free.contactId;
  // none free: the best, and among the best the one with the user's name (a trashed contact of
  // the user's name rather than an Organization holding the email: restoring it is explain's fix)
  const top = candidates[0];
  if (top === undefined) return null;
  for (const c of candidates) {
    if (c.score !== top.score) break;
    if (c.nameAgrees) return c.contactId;
  }
  return top.contactId;
}

