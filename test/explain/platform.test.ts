/** What CiviCRM does and when, in each platform's words (SPEC §3, last paragraph). */
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../src/domain/types.js';
import { renderExplanationText } from '../../src/explain/render.js';
import { build, contact, fixText, named, person, user } from './fixtures.js';

interface PlatformWords {
  readonly platform: Platform;
  readonly label: string;
  /** When CiviCRM's linking runs. */
  readonly runs: readonly string[];
  /** Words that must not appear in the timing (another platform's hooks). */
  readonly notRuns: readonly string[];
  /** How often a failing link comes back. */
  readonly repeats: string;
  /** When a fix takes effect. */
  readonly next: string;
  /** Where the user's email is edited. */
  readonly editAt: string;
  /** How a duplicate account is removed. */
  readonly remove: string;
  /** What the user has done if CiviCRM ran since the export. */
  readonly since: string;
}

const PLATFORMS: readonly PlatformWords[] = [
  {
    platform: 'drupal',
    label: 'Drupal',
    runs: ['at registration', 'at every login'],
    notRuns: ['profile update', 'only when'],
    repeats: 'again at every login',
    next: "at the user's next login",
    editAt: 'in Drupal (People → Edit → Email address)',
    remove: 'cancel account 52 in Drupal',
    since: 'has logged in since these exports',
  },
  {
    platform: 'wordpress',
    label: 'WordPress',
    runs: ['at registration', 'at profile update', 'on any CiviCRM page'],
    notRuns: ['every login', 'only when'],
    repeats: 'again on every CiviCRM page load and profile update',
    next: 'the next time the user opens a CiviCRM page or their profile is saved',
    editAt: 'in WordPress (Users → All Users → Edit → Email)',
    remove: 'delete user 52 in WordPress',
    since: 'has opened a CiviCRM page or saved their profile since these exports',
  },
  {
    platform: 'joomla',
    label: 'Joomla',
    runs: ['when the user first opens a CiviCRM page or form', 'no hook at registration or login'],
    notRuns: ['every login', 'profile update'],
    repeats: 'again each time the user opens a CiviCRM page or form',
    next: 'the next time the user opens a CiviCRM page or form',
    editAt: 'in Joomla (Users → Manage → Edit → Email)',
    remove: 'delete user 52 in Joomla',
    since: 'has opened a CiviCRM page or form since these exports',
  },
];

describe.each(PLATFORMS.map((p) => [p.label, p] as const))('explain on %s', (_label, p) => {
  it('says when CiviCRM links users, and what it would do for a typo user', () => {
    const e = build([user(40, 'rachel.moore@gmial.com', person('Rachel', 'Moore'))], [contact(140, 'rachel.moore@gmail.com', named('Rachel', 'Moore'))], [], p.platform).explain(40);
    expect(e.platform).toBe(p.platform);
    expect(e.civicrm.platform_label).toBe(p.label);
    for (const w of p.runs) {
      expect(e.civicrm.runs).toContain(w);
      expect(e.civicrm.text).toContain(w);
    }
    for (const w of p.notRuns) expect(e.civicrm.runs).not.toContain(w);
    expect(e.civicrm.consequence).toBe('creates-duplicate');
    expect(e.civicrm.duplicates_contact_id).toBe(140);
    expect(e.civicrm.text).toContain('a duplicate of contact 140 (Rachel Moore)');
    expect(fixText(e, 'email-typo')).toContain(p.editAt);
    expect(fixText(e, 'email-typo')).toContain(`links contact 140 (Rachel Moore) ${p.next}`);
    expect(fixText(e, null)).toContain(`If user 40 ${p.since}`);
    const text = renderExplanationText(e, { color: false });
    expect(text).toContain(`What CiviCRM does on ${p.label}`);
    expect(text).toContain(`It links users ${e.civicrm.runs}.`);
  });

  it('says a second user with the same email gets orphan contacts again and again', () => {
    const b = build([user(38, 'kevin.doyle@eircom.net', person('Kevin', 'Doyle')), user(52, 'Kevin.Doyle@eircom.net', person('Kevin', 'Doyle'))], [], [], p.platform);
    const first = b.explain(38);
    expect(first.civicrm.consequence).toBe('creates-contact');
    expect(first.civicrm.repeats).toBe(false);
    const second = b.explain(52);
    expect(second.civicrm.outcome).toEqual({ kind: 'create-unlinked', contact_id: null, taken_contact_id: null, taken_by_uf_id: null, conflict_uf_id: 38 });
    expect(second.civicrm.consequence).toBe('creates-orphans');
    expect(second.civicrm.repeats).toBe(true);
    expect(second.civicrm.text).toContain(p.repeats);
    expect(second.civicrm.text).toContain('orphan');
    const w = second.warnings.find((x) => x.code === 'duplicate-user-email')!;
    expect(w.explanation).toContain(p.repeats);
    expect(fixText(second, 'duplicate-user-email')).toContain(p.remove);
    expect(renderExplanationText(second, { color: false })).toContain('This repeats');
  });

  it('says a linked user keeps the link whatever the emails say', () => {
    const e = build([user(1, 'a@example.org')], [contact(101, 'a@example.org', named('Ann', 'Able'))], [{ ufId: 1, contactId: 101, ufName: 'a@example.org', domainId: 1, line: 2 }], p.platform).explain(1);
    expect(e.civicrm.consequence).toBe('keeps-link');
    expect(e.civicrm.text).toContain('keeps the existing link to contact 101');
  });
});

describe('explain: platform words differ', () => {
  it('gives three different timings', () => {
    const runs = PLATFORMS.map((p) => build([user(1, 'x@example.org')], [], [], p.platform).explain(1).civicrm.runs);
    expect(new Set(runs).size).toBe(3);
  });
});
