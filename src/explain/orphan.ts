/**
 * A uf_id that is not in the users export but still has an existing link (SPEC §4 orphan-link,
 * a global warning): `explain 77` cannot explain a user, but it can say what the link holds.
 */
import type { Plan } from '../domain/decisions.js';
import type { ExistingLink } from '../domain/types.js';
import type { ContactDirectory } from './contactDirectory.js';
import type { WarningOf } from '../domain/warnings.js';
import type { ContactView, FixStep, WarningView } from './model.js';
import { cref } from './context.js';
import { viewContact, viewWarning } from './explainUser.js';
import { orphanUserWords } from './warningWords.js';

export interface OrphanLinkExplanation {
  readonly uf_id: number;
  readonly headline: string;
  readonly link: { readonly contact_id: number; readonly uf_name: string; readonly domain_id: number; readonly line: number };
  readonly contact: ContactView | null;
  readonly warning: WarningView;
  readonly fix: readonly FixStep[];
}

export function explainOrphanLink(
  plan: Plan,
  ufId: number,
  contactsById: ContactDirectory,
  links: readonly ExistingLink[],
): OrphanLinkExplanation | null {
  const w = plan.globalWarnings.find((x): x is WarningOf<'orphan-link'> => x.code === 'orphan-link' && x.ufId === ufId && x.missing === 'user');
  const link = links.find((l) => l.ufId === ufId && l.domainId === plan.domainId);
  if (!w || !link) return null;
  const lookup = {
    domainId: plan.domainId,
    contact: (id: number) => contactsById.get(id),
    linkOf: (id: number) => links.find((l) => l.ufId === id && l.domainId === plan.domainId),
  };
  const words = orphanUserWords(w, lookup);
  const contact = contactsById.get(link.contactId);
  const warning = viewWarning(w, words);
  return {
    uf_id: ufId,
    headline: `There is no user ${ufId} in the users export, but an existing link still points from uf_id ${ufId} to ${cref(lookup, link.contactId)}.`,
    link: { contact_id: link.contactId, uf_name: link.ufName, domain_id: link.domainId, line: link.line },
    contact: contact ? viewContact(contact) : null,
    warning,
    fix: words.fix,
  };
}
