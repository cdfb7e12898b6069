/** Loads every input named on the command line into a Dataset, with progress. */
import type { Dataset, InputInfo, User } from '../domain/types.js';
import { loadContacts, loadEmails, type ContactColumns } from '../load/contacts.js';
import { loadLinks } from '../load/links.js';
import { loadUsers } from '../load/users.js';
import type { LoadHooks } from '../parallel/contactIndexing.js';
import type { Options } from './args.js';
import type { ProgressSink } from './progress.js';

export interface LoadedDataset {
  readonly data: Dataset;
  /** Links in other domains, and email rows for unknown contacts: counted, not used. */
  readonly ignored: { readonly otherDomainLinks: number; readonly unknownEmailContacts: number };
  /** Contacts whose primary address the --emails file set to another than the contacts file's primary column. */
  readonly primaryOverrides: number;
  /** The contacts file's columns set aside (related contacts' emails) or missing (type, trash). */
  readonly contactColumns: ContactColumns;
  readonly loadMs: number;
}

function progressFor(sink: ProgressSink, label: string) {
  return (p: { bytesRead: number; totalBytes: number; rows: number }) =>
    sink.update(label, p.bytesRead, p.totalBytes, 'bytes', p.rows);
}

/**
 * @param onUsers called once the users are loaded, before the contacts: may return hooks that
 *   see each contact (and each --emails address added) as it loads
 */
export async function loadDataset(o: Options, sink: ProgressSink, onUsers?: (users: readonly User[]) => LoadHooks | null): Promise<LoadedDataset> {
  const t0 = performance.now();
  const enc = o.encoding ?? undefined;
  const users = await loadUsers(o.users, { encoding: enc, platform: o.platform ?? undefined, onProgress: progressFor(sink, 'users') });
  sink.finish('users', users.users.length);
  const hooks = onUsers?.(users.users) ?? null;
  const contacts = await loadContacts(o.contacts, {
    encoding: enc,
    requireEmailColumn: !o.emails,
    onProgress: progressFor(sink, 'contacts'),
    ...(hooks ? { onStored: hooks.onStored, sharedTable: hooks.sharedTable } : {}),
  });
  sink.finish('contacts', contacts.contacts.length);
  let emailsInfo: InputInfo | undefined;
  let unknownEmailContacts = 0;
  let primaryOverrides = 0;
  if (o.emails) {
    const r = await loadEmails(o.emails, contacts.contacts, {
      encoding: enc,
      onProgress: progressFor(sink, 'emails'),
      ...(hooks ? { onAdded: hooks.onAdded, onChanged: hooks.onChanged } : {}),
    });
    emailsInfo = { path: r.path, rows: r.rows, sha256: r.sha256 };
    unknownEmailContacts = r.unknownContacts;
    primaryOverrides = r.primaryOverrides;
    sink.finish('emails', r.rows);
  }
  hooks?.onIndexInputsDone();
  let linksInfo: InputInfo | undefined;
  let links: Dataset['links'] = [];
  let otherDomainLinks = 0;
  if (o.links) {
    const r = await loadLinks(o.links, { encoding: enc, defaultDomainId: o.domainId, onProgress: progressFor(sink, 'links') });
    linksInfo = r.info;
    links = r.links.filter((l) => l.domainId === o.domainId);
    otherDomainLinks = r.links.length - links.length;
    sink.finish('links', r.links.length);
  }
  return {
    data: {
      platform: users.platform,
      domainId: o.domainId,
      users: users.users,
      contacts: contacts.contacts,
      links,
      inputs: { users: users.info, contacts: contacts.info, ...(linksInfo ? { links: linksInfo } : {}), ...(emailsInfo ? { emails: emailsInfo } : {}) },
    },
    ignored: { otherDomainLinks, unknownEmailContacts },
    primaryOverrides,
    contactColumns: contacts.columns,
    loadMs: performance.now() - t0,
  };
}
