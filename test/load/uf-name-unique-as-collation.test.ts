/**
 * civicrm_uf_match's unique key on uf_name compares through utf8mb4_unicode_ci: blind to accents
 * (and ß = ss) as well as case, as the plan compares uf_names (emailKey). A links export holding
 * `josé@x.org` and `JOSE@x.org` in one domain was read without a word, while `Jose@` and `jose@`
 * were refused — the plan then had two links holding one uf_name, which the table cannot hold
 * (from-spec oracle, generated non-ASCII uf_names).
 */
import { describe, expect, it } from 'vitest';
import { loadLinks } from '../../src/load/links.js';
import { expectInputError, tempDir } from './helpers.js';

const tmp = tempDir();

describe('a uf_name linked twice in one domain, as the collation compares', () => {
  it('is an InputError when the two differ only by accents or ß / ss', async () => {
    const a = tmp.write('accents.csv', 'domain_id,uf_id,uf_name,contact_id\n1,1,josé@x.org,10\n1,2,JOSE@x.org,11\n');
    await expectInputError(loadLinks(a), a, 3, /the same uf_name is linked again in domain 1 \(first on line 2\)/);
    const s = tmp.write('sharp-s.csv', 'domain_id,uf_id,uf_name,contact_id\n1,1,straße@x.org,10\n1,2,strasse@x.org,11\n');
    await expectInputError(loadLinks(s), s, 3, /the same uf_name is linked again in domain 1/);
  });

  it('letters of their own in the collation (ø, ł) and leading spaces still make two uf_names; other domains too', async () => {
    const p = tmp.write('distinct.csv', 'domain_id,uf_id,uf_name,contact_id\n1,1,øle@x.org,10\n1,2,ole@x.org,11\n1,3,łukasz@x.org,12\n1,4,lukasz@x.org,13\n1,5, ann@x.org,14\n1,6,ann@x.org,15\n2,7,josé@x.org,16\n1,8,jose@x.org,17\n');
    expect((await loadLinks(p)).links).toHaveLength(8);
  });
});
