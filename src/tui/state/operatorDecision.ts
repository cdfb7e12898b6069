/**
 * What an operator's key means for one user: the decision it makes, or why it is refused.
 * Pure rules; the reducer applies the result and the holds check the uniqueness rules.
 */
import { article } from '../../domain/article.js';
import { sameDecision, type Candidate, type Decision, type UserPlan } from '../../domain/decisions.js';
import { userRefusal, type ContactFacts, type Refusal } from '../../decide/operatorRules.js';
import { keysSaid } from '../keys.js';

export type OperatorCommand =
  | { readonly kind: 'pick'; readonly n: number }
  | { readonly kind: 'accept' }
  | { readonly kind: 'create' }
  | { readonly kind: 'skip' };

export type Outcome = { readonly ok: Decision } | { readonly refused: string };

const op = { reason: 'operator', decidedBy: 'operator' } as const;

// (the proposal object is reused where a decision equals it, so a journal replay restores it)
export { sameDecision };

function preferProposal(r: UserPlan, d: Decision): Decision {
  return sameDecision(r.proposal, d) ? r.proposal : d;
}

function unusableWhy(type: string | undefined, deleted: boolean | undefined): string {
  if (deleted) return 'is in the trash';
  if (type && type !== 'Individual') return `is ${article(type)}, not an Individual`;
  return 'is in the trash or not an Individual';
}

export type { ContactFacts };

/** A refusal of the rules on the user (decide/operatorRules.ts), in the TUI's words: with the keys that are left. */
function userWords(no: Refusal, who: string): string {
  switch (no.code) {
    case 'has-link':
      return `${who} keeps its link to contact ${no.contactId} — change existing links in CiviCRM itself (CiviCRM keeps them whatever the emails say)`;
    case 'no-email':
      return `${who} has no email — ${keysSaid('skip')} skips it (a link needs the email as its uf_name: add it in the CMS first)`;
    case 'invalid-email':
      return `${who} has an invalid email — ${keysSaid('skip')} skips it (correct the address in the CMS first)`;
    default:
      return `${who}: not possible (${no.code})`; // no key makes a keep, nor names a contact outside the candidates
  }
}

export function operatorDecision(r: UserPlan, cmd: OperatorCommand, contact: ContactFacts): Outcome {
  const who = `user ${r.user.ufId}`;
  const p = r.proposal;
  if (p.action === 'keep') {
    const keepsLink = cmd.kind === 'accept' || (cmd.kind === 'pick' && r.candidates[cmd.n - 1]?.contactId === p.contactId);
    if (keepsLink) return { ok: p };
  }
  if (!(cmd.kind === 'accept' && p.action !== 'review')) {
    const no = userRefusal(r, cmd.kind === 'create' || cmd.kind === 'skip' ? cmd.kind : 'link', null);
    if (no) return { refused: userWords(no, who) };
  }
  switch (cmd.kind) {
    case 'pick': {
      const c = r.candidates[cmd.n - 1];
      if (!c) {
        const n = r.candidates.length;
        return { refused: n === 0 ? `${who} has no candidates: ${keysSaid('create')} creates a contact, ${keysSaid('skip')} skips` : `no candidate ${cmd.n}: ${who} has ${n} (1–${n})` };
      }
      return link(r, c, contact);
    }
    case 'accept': {
      if (p.action !== 'review') return { ok: p };
      if (p.contactId === null) {
        return { refused: `ufmatch has no proposal for ${who}: pick a candidate (1–9), c create or s skip` };
      }
      const c = r.candidates.find((x) => x.contactId === p.contactId);
      if (!c) return { refused: `contact ${p.contactId} is not among ${who}'s candidates` };
      return link(r, c, contact);
    }
    case 'create':
      return { ok: preferProposal(r, { action: 'create', ...op }) };
    case 'skip':
      return { ok: preferProposal(r, { action: 'skip', ...op }) };
  }
}

function link(r: UserPlan, c: Candidate, contact: ContactFacts): Outcome {
  if (!c.usable) {
    const f = contact(c.contactId);
    return {
      refused: `contact ${c.contactId} ${unusableWhy(f?.type, f?.deleted)} — pick another, c create or s skip (CiviCRM links users to Individuals not in the trash)`,
    };
  }
  return { ok: preferProposal(r, { action: 'link', contactId: c.contactId, ...op }) };
}
