import pg from 'pg';

/** Tables the app may only read and append to: their history is evidence. */
export const APPEND_ONLY_TABLES = ['audit_log', 'custody_log'] as const;

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The role a postgres URL signs in as (libpq's default when the URL names none). */
export function urlRole(url: string): string {
  return decodeURIComponent(new URL(url).username) || 'postgres';
}

/**
 * Run as the owner after migrations: the app's role may read and write the tables it works on, only read and
 * append the audit and custody logs, and own nothing (so it can neither disable their append-only triggers nor
 * alter the schema). Idempotent; re-run at every start so tables added by a migration are covered.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ rolsuper: boolean; owns: boolean }>(
      `SELECT r.rolsuper, EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tableowner = r.rolname) AS owns
         FROM pg_roles r WHERE r.rolname = $1`,
      [appRole],
    );
    const role = rows[0];
    if (!role) throw new Error(`DATABASE_URL's role "${appRole}" does not exist: create it (LOGIN, no superuser) first`);
    if (role.rolsuper || role.owns) {
      throw new Error(`DATABASE_URL's role "${appRole}" is ${role.rolsuper ? 'a superuser' : 'the owner of the tables'}: the app must run as a role that is neither (see README, Database roles)`);
    }
    // Nodes starting together would race on the same catalog rows ("tuple concurrently updated"): one at a time,
    // under the migrations' lock.
    await client.query('SELECT pg_advisory_lock(7261001)');
    const r = ident(appRole);
    const { rows: db } = await client.query<{ name: string }>('SELECT current_database() AS name');
    await client.query(`GRANT CONNECT ON DATABASE ${ident(db[0]!.name)} TO ${r}`);
    await client.query(`GRANT USAGE ON SCHEMA public TO ${r}`);
    await client.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${r}`);
    await client.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${r}`);
    await client.query(`REVOKE UPDATE, DELETE, TRUNCATE ON ${APPEND_ONLY_TABLES.map(ident).join(', ')} FROM ${r}`);
    await client.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON "_prisma_migrations" FROM ${r}`);
  } finally {
    await client.query('SELECT pg_advisory_unlock(7261001)').catch(() => {});
    await client.end();
  }
}

/** The embedded cluster's app role: created once, its password kept in step with the cluster's record of it. */
export async function ensureLoginRole(ownerUrl: string, role: string, password: string): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const exists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount;
    const { rows } = await client.query<{ q: string }>('SELECT quote_literal($1) AS q', [password]);
    const verb = exists ? 'ALTER' : 'CREATE';
    await client.query(`${verb} ROLE ${ident(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD ${rows[0]!.q}`);
  } finally {
    await client.end();
  }
}
