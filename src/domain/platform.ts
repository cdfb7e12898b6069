/** What each CMS does, in words shared by warnings, `explain` and the TUI. */
import type { Platform } from './types.js';

export const PLATFORM_LABEL: Record<Platform, string> = {
  drupal: 'Drupal',
  wordpress: 'WordPress',
  joomla: 'Joomla',
};

/** When CiviCRM's automatic linking runs for a user on this platform (SPEC §3). */
export const SYNC_WHEN: Record<Platform, string> = {
  drupal: 'at registration and at every login (and on any CiviCRM page)',
  wordpress: 'at registration, at profile update and on any CiviCRM page',
  joomla: 'only when the user first opens a CiviCRM page or form (no hook at registration or login)',
};

/**
 * SYNC_WHEN for an outcome that repeats (a link that fails, a contact created again): Joomla's
 * "only when … first" would contradict the "again each time" that follows it.
 */
export const SYNC_WHEN_REPEATING: Record<Platform, string> = {
  ...SYNC_WHEN,
  joomla: 'when the user first opens a CiviCRM page or form (no hook at registration or login)',
};

/** How often a failing link repeats on this platform. */
export const REPEATS: Record<Platform, string> = {
  drupal: 'again at every login',
  wordpress: 'again on every CiviCRM page load and profile update',
  joomla: 'again each time the user opens a CiviCRM page or form',
};
