/**
 * `ufmatch explain QUERY` (SPEC §7): the thin shell. Loads and plans like a scripted run
 * (prepare(), --decisions replayed), resolves the query, prints the answer on stdout (personal
 * data stays on the terminal; nothing is written to files) and returns the exit code:
 * 0 answered (one user explained, or several listed), 1 no user matches.
 */
import type { Options } from './args.js';
import type { Io } from './io.js';
import { colorWanted } from './color.js';
import { silentProgress } from './progress.js';
import { prepare } from './scripted.js';
import { contactDirectory } from '../explain/contactDirectory.js';
import { explainLookups, explainUser } from '../explain/explainUser.js';
import { emailKey } from '../match/email.js';
import type { Plan } from '../domain/decisions.js';
import type { ExistingLink } from '../domain/types.js';
import { explainOrphanLink } from '../explain/orphan.js';
import {
  manyJson,
  noneJson,
  oneJson,
  renderAlsoText,
  renderExplanationText,
  renderHitsText,
  renderJson,
  renderNoneLine,
  renderOrphanText,
} from '../explain/render.js';
import { resolveQuery } from '../explain/resolveQuery.js';

export const EXPLAIN_EXIT = { answered: 0, noMatch: 1 } as const;

/** Colour only for a terminal, as colorWanted allows. */
export function useColor(io: Pick<Io, 'stdout' | 'env'>): boolean {
  return io.stdout.isTTY === true && colorWanted(io.env);
}

/** The first link in the plan's domain, of a uf_id not in the users export, that `holds` says holds what was asked. */
function goneAccountLink(plan: Plan, links: readonly ExistingLink[], holds: (l: ExistingLink) => boolean): ExistingLink | undefined {
  const users = new Set(plan.rows.map((r) => r.user.ufId));
  return links.find((l) => l.domainId === plan.domainId && holds(l) && !users.has(l.ufId));
}

export async function runExplain(o: Options, io: Io): Promise<number> {
  // SPEC §1 gives explain the run's [options]: a script may pass --out (or --yes) by habit; --yes
  // changes nothing (explain never asks), --out would be ignored without a word
  if (o.outGiven) io.stderr.write(`ufmatch: explain writes no files: --out ${o.out} is not used\n`);
  const { loaded, plan } = await prepare(o, io, silentProgress);
  const query = o.query;
  const color = { color: useColor(io) };
  const res = resolveQuery(plan.rows, query);
  const contactsById = contactDirectory(loaded.data.contacts);
  const links = loaded.data.links;

  switch (res.kind) {
    case 'one': {
      // without --links, "no link" is what the files say, not what CiviCRM holds
      const expl = explainUser(plan, res.row, contactsById, links, explainLookups(plan, links, o.links !== null));
      io.stdout.write(o.json ? renderJson(oneJson(query, res.by, expl, res.also)) : renderExplanationText(expl, color) + renderAlsoText(query, res.also, color));
      return EXPLAIN_EXIT.answered;
    }
    case 'many':
      io.stdout.write(o.json ? renderJson(manyJson(query, res.by, res.rows)) : renderHitsText(query, res.by, res.rows, color));
      return EXPLAIN_EXIT.answered;
    case 'none': {
      const q = query.trim();
      // a uf_id not in the users export, or the email a link of such a uf_id holds as uf_name (the
      // volunteer support asks about may be the account that is gone): what that link holds
      const key = emailKey(q);
      // (`#N`: a contact only such a link holds)
      const holds = /^#\d+$/.test(q) ? (l: ExistingLink) => l.contactId === Number(q.slice(1)) : key !== '' ? (l: ExistingLink) => emailKey(l.ufName) === key : null;
      const orphanUf = /^\d+$/.test(q) ? Number(q) : holds ? goneAccountLink(plan, links, holds)?.ufId : undefined;
      const orphan = orphanUf !== undefined ? explainOrphanLink(plan, orphanUf, contactsById, links) : null;
      io.stderr.write(renderNoneLine(query, res.nearest));
      if (o.json) io.stdout.write(renderJson(noneJson(query, res.nearest, orphan)));
      else if (orphan) io.stdout.write(renderOrphanText(orphan, color));
      return EXPLAIN_EXIT.noMatch;
    }
  }
}
