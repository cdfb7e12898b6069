/**
 * A throwaway MariaDB server for the uf_match.sql tests: its own data folder and socket in a
 * temp folder, no network, stopped after the tests. Needs the Debian packages
 * `mariadb-server mariadb-client` (CI installs them in .ci/run).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SERVER_CANDIDATES = ['/usr/sbin/mariadbd', '/usr/sbin/mysqld', '/usr/bin/mariadbd'];

export function findMariadb(): { server: string; client: string; installDb: string } | null {
  const server = SERVER_CANDIDATES.find((p) => existsSync(p));
  const which = (name: string) => {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    return r.status === 0 ? r.stdout.trim() : null;
  };
  const client = which('mariadb') ?? which('mysql');
  const installDb = which('mariadb-install-db') ?? which('mysql_install_db');
  return server && client && installDb ? { server, client, installDb } : null;
}

export interface Mariadb {
  /** Runs SQL text (statements) in database `civi`; returns stdout (tab-separated, no header). */
  query(sql: string): string;
  /**
   * Feeds a file to the client as `mysql civi < file` would, with the given connection
   * character set (old clients default to latin1); returns the exit code and stderr.
   */
  load(file: string, charset?: string): { code: number | null; stderr: string };
  stop(): Promise<void>;
}

/** CiviCRM's civicrm_uf_match with its three unique keys and the contact foreign key. */
export const SCHEMA = `
CREATE DATABASE civi CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
USE civi;
CREATE TABLE civicrm_contact (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TABLE civicrm_uf_match (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT,
  domain_id INT UNSIGNED NOT NULL,
  uf_id INT UNSIGNED NOT NULL,
  uf_name VARCHAR(128) DEFAULT NULL,
  contact_id INT UNSIGNED DEFAULT NULL,
  language VARCHAR(5) DEFAULT NULL,
  PRIMARY KEY (id),
  UNIQUE KEY UI_uf_name_domain_id (uf_name, domain_id),
  UNIQUE KEY UI_contact_domain_id (contact_id, domain_id),
  UNIQUE KEY UI_uf_domain_id (uf_id, domain_id),
  CONSTRAINT FK_civicrm_uf_match_contact_id FOREIGN KEY (contact_id) REFERENCES civicrm_contact (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
`;

export async function startMariadb(dir: string): Promise<Mariadb> {
  const bins = findMariadb();
  if (!bins) {
    throw new Error('MariaDB is not installed: apt-get install -y mariadb-server mariadb-client (see .ci/run)');
  }
  const data = join(dir, 'data');
  const sock = join(dir, 'mysqld.sock');
  mkdirSync(dir, { recursive: true });
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  const init = spawnSync(bins.installDb, ['--no-defaults', `--datadir=${data}`, ...asRoot, '--auth-root-authentication-method=normal', '--skip-test-db'], { encoding: 'utf8' });
  if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr || init.stdout}`);
  const server: ChildProcess = spawn(
    bins.server,
    ['--no-defaults', `--datadir=${data}`, `--socket=${sock}`, '--skip-networking', ...asRoot, `--pid-file=${join(dir, 'mysqld.pid')}`, `--log-error=${join(dir, 'error.log')}`, '--innodb-buffer-pool-size=16M', '--skip-log-bin'],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => server.on('exit', () => resolve()));
  const client = (args: string[], input: string, charset = 'utf8mb4') =>
    spawnSync(bins.client, ['--no-defaults', `--socket=${sock}`, '-uroot', '--batch', '--skip-column-names', `--default-character-set=${charset}`, ...args], { input, encoding: 'utf8' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (existsSync(sock) && client([], 'SELECT 1').status === 0) break;
    if (server.exitCode !== null || Date.now() > deadline) {
      const log = existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8').slice(-2000) : '';
      server.kill('SIGKILL');
      throw new Error(`MariaDB did not start:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const schema = client([], SCHEMA);
  if (schema.status !== 0) throw new Error(schema.stderr);
  return {
    query(sql) {
      const r = client(['civi'], sql);
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout;
    },
    load(file, charset) {
      const r = client(['civi'], readFileSync(file, 'utf8'), charset);
      return { code: r.status, stderr: r.stderr };
    },
    async stop() {
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    },
  };
}
