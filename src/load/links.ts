/**
 * Loads the existing links (`civicrm_uf_match` export, SPEC §2.3):
 * `id,domain_id,uf_id,uf_name,contact_id,language`; only `uf_id` and `contact_id` are required.
 *
 * Decisions: `domain_id` absent or empty → the domain asked for (`--domain-id`, default 1: a
 * file without the column is taken to be that domain's export); otherwise it, `uf_id` and `contact_id` must be
 * positive whole numbers (InputError naming line and column). `uf_name` is kept as exported
 * ('' when absent). Rows of every domain are returned (the caller keeps `--domain-id`'s).
 * Within a domain, two of the table's unique keys hold in any real export (UI_contact_domain_id
 * since CiviCRM 1.6, UI_uf_name_domain_id since 2.1): a contact_id or a uf_name (compared as
 * the _ci collation would: case, accents and trailing spaces aside) on two rows is an InputError naming
 * both lines — the file was edited or merged, and which row the database holds is unknown.
 * A uf_id on two rows is kept (the first counts): its unique key only came with 5.69, and is not
 * added where such rows exist.
 * A header-only file is fine (no links yet).
 */
import type { ExistingLink, LoadedLinks } from '../domain/types.js';
import { streamCsv, type CsvProgress } from './csvStream.js';
import { InputError } from './errors.js';
import { badId, own, parseId, sqlNull } from './fields.js';
import { refuseOwnOutput } from './ownOutputs.js';
import { Header } from './headers.js';
import { collationFold } from '../match/email.js';

export interface LoadLinksOptions {
  encoding?: string;
  /** The domain of rows that give none (no domain_id column, or an empty cell): `--domain-id`. */
  defaultDomainId?: number;
  onProgress?: (progress: CsvProgress) => void;
  /** Read size in bytes (tests). */
  highWaterMark?: number;
}

interface LinkPlan {
  readonly ufId: number;
  readonly contactId: number;
  readonly ufName: number;
  readonly domainId: number;
  readonly names: readonly string[];
}

export async function loadLinks(path: string, options: LoadLinksOptions = {}): Promise<LoadedLinks> {
  let plan: LinkPlan | null = null;
  const links: ExistingLink[] = [];
  const unique = new UniqueKeys(path);
  const result = await streamCsv(path, options, {
    header(fields, line) {
      const header = new Header(path, fields, line);
      refuseOwnOutput(header, '--links');
      const context = 'an existing-links export (civicrm_uf_match)';
      plan = {
        // CiviCRM's own labels for the same fields (SearchKit / API4 UFMatch export): "CMS ID", "CMS Unique Identifier"
        ufId: header.require(['uf_id', 'CMS ID'], context),
        contactId: header.require(['contact_id'], context),
        ufName: header.find(['uf_name', 'CMS Unique Identifier']),
        domainId: header.find(['domain_id']),
        names: header.names,
      };
    },
    row(fields, line, owned) {
      const p = plan as LinkPlan;
      const id = (col: number): number => {
        const v = parseId(fields[col] as string);
        if (v <= 0) throw badId(path, line, p.names[col] ?? '', col, fields[col]);
        return v;
      };
      const domainCell = p.domainId >= 0 ? (fields[p.domainId] as string) : '';
      const rawName = p.ufName < 0 ? null : owned ? (fields[p.ufName] as string) : own(fields[p.ufName] as string);
      const ufName = rawName === null ? '' : sqlNull(rawName);
      const link: ExistingLink = {
        ufId: id(p.ufId),
        contactId: id(p.contactId),
        ufName,
        domainId: domainCell.trim() === '' ? (options.defaultDomainId ?? 1) : id(p.domainId),
        line,
        ...(rawName !== null && ufName === rawName && /^ *$/.test(rawName) ? { emptyUfName: true } : {}),
      };
      unique.check(link);
      links.push(link);
    },
  });
  return { links, info: { path, rows: result.rows, sha256: result.sha256 } };
}

/** civicrm_uf_match's unique keys on contact_id and uf_name per domain: the line that holds each. */
class UniqueKeys {
  private readonly domains = new Map<number, { contact: Map<number, number>; name: Map<string, number> }>();

  constructor(private readonly path: string) {}

  check(l: ExistingLink): void {
    let d = this.domains.get(l.domainId);
    if (!d) this.domains.set(l.domainId, (d = { contact: new Map(), name: new Map() }));
    this.once(d.contact, l.contactId, l, `contact ${l.contactId}`);
    // as the unique key compares (utf8mb4_unicode_ci): case, accents and trailing spaces aside (as the plan's emailKey)
    const name = collationFold(l.ufName.replace(/ +$/, '').toLowerCase());
    if (name !== '') this.once(d.name, name, l, 'the same uf_name');
  }

  private once<K>(seen: Map<K, number>, key: K, l: ExistingLink, what: string): void {
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, l.line);
      return;
    }
    throw new InputError(
      this.path,
      l.line,
      `${what} is linked again in domain ${l.domainId} (first on line ${first}); civicrm_uf_match holds one link per contact and per uf_name in a domain`,
      'export the table again, or remove the row that is wrong',
    );
  }
}

/** A uf_id on more than one row of one domain's links: how many such uf_ids, and the first one's first two lines. */
export interface RepeatedUfIds {
  readonly count: number;
  readonly first: { readonly ufId: number; readonly lines: readonly [number, number] } | null;
}

/** The uf_ids on two rows or more among `links` (one domain's). */
export function repeatedUfIds(links: readonly ExistingLink[]): RepeatedUfIds {
  const lineOf = new Map<number, number>();
  const counted = new Set<number>();
  let first: RepeatedUfIds['first'] = null;
  for (const l of links) {
    const at = lineOf.get(l.ufId);
    if (at === undefined) {
      lineOf.set(l.ufId, l.line);
      continue;
    }
    if (counted.has(l.ufId)) continue;
    counted.add(l.ufId);
    first ??= { ufId: l.ufId, lines: [at, l.line] };
  }
  return { count: counted.size, first };
}
