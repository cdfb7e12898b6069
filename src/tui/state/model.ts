/**
 * ReviewModel: what does not change during a review session — the plan ufmatch built (its
 * rows are the base the operator's decisions lay over), the contacts by id for the detail
 * pane, and where each user sits.
 */
import type { Plan } from '../../domain/decisions.js';
import { contactList, type ContactList } from '../../domain/contactList.js';
import type { Contact, ExistingLink } from '../../domain/types.js';

export interface ReviewModel {
  readonly plan: Plan;
  /**
   * The candidates' contacts by id (empty when only a plan is known: the detail pane then
   * shows the candidates' own facts). Only candidates can be shown or picked, so the other
   * contacts of the export are not kept: on a million-contact site they would triple the heap
   * the TUI's garbage collector walks between frames.
   */
  readonly contacts: ReadonlyMap<number, Contact>;
  /** Existing links of the chosen domain (they hold contacts and emails too). */
  readonly links: readonly ExistingLink[];
  readonly rowOfUf: ReadonlyMap<number, number>;
  /** Where the outputs and the journal go (shown on the summary screen). */
  readonly outDir: string;
}

export function reviewModel(plan: Plan, contacts: ContactList = contactList([]), links: readonly ExistingLink[] = [], outDir = 'ufmatch-out'): ReviewModel {
  const wanted = new Set<number>();
  for (const r of plan.rows) for (const c of r.candidates) wanted.add(c.contactId);
  const byId = new Map<number, Contact>();
  for (let pos = 0; pos < contacts.length; pos++) {
    const id = contacts.idAt(pos);
    if (wanted.has(id) && !byId.has(id)) byId.set(id, contacts.at(pos));
  }
  const rowOfUf = new Map<number, number>();
  plan.rows.forEach((r, i) => {
    if (!rowOfUf.has(r.user.ufId)) rowOfUf.set(r.user.ufId, i);
  });
  return { plan, contacts: byId, links, rowOfUf, outDir };
}
