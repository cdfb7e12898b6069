/**
 * Loads the existing links (`civicrm_uf_match` export, SPEC §2.3):
 * `id,domain_id,uf_id,uf_name,contact_id,language`; only `uf_id` and `contact_id` are required.
 *
 * Decisions: `domain_id` absent or empty → 1; otherwise it, `uf_id` and `contact_id` must be
 * positive whole numbers (InputError naming line and column). `uf_name` is kept as exported
 * ('' when absent). Rows of every domain are returned (the caller keeps `--domain-id`'s);
 * repeated uf_id/contact_id rows are returned as they are — judging them is the matcher's job.
 * A header-only file is fine (no links yet).
 */
import type { ExistingLink, LoadedLinks } from '../domain/types.js';
import { streamCsv, type CsvProgress } from './csvStream.js';
import { badId, own, parseId } from './fields.js';
import { Header } from './headers.js';

export interface LoadLinksOptions {
  encoding?: string;
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
  const result = await streamCsv(path, options, {
    header(fields, line) {
      const header = new Header(path, fields, line);
      const context = 'an existing-links export (civicrm_uf_match)';
      plan = {
        ufId: header.require(['uf_id'], context),
        contactId: header.require(['contact_id'], context),
        ufName: header.find(['uf_name']),
        domainId: header.find(['domain_id']),
        names: header.names,
      };
    },
    row(fields, line, owned) {
      const p = plan as LinkPlan;
      const id = (col: number): number => {
        const v = parseId(fields[col] as string);
        if (v <= 0) throw badId(path, line, p.names[col] ?? '', col);
        return v;
      };
      const domainCell = p.domainId >= 0 ? (fields[p.domainId] as string) : '';
      links.push({
        ufId: id(p.ufId),
        contactId: id(p.contactId),
        ufName: p.ufName < 0 ? '' : owned ? (fields[p.ufName] as string) : own(fields[p.ufName] as string),
        domainId: domainCell.trim() === '' ? 1 : id(p.domainId),
        line,
      });
    },
  });
  return { links, info: { path, rows: result.rows, sha256: result.sha256 } };
}
