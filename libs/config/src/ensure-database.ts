import { Client } from 'pg';

const INVALID_CATALOG_NAME = '3D000'; // database "…" does not exist
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505'; // concurrent CREATE DATABASE can also end in this

/**
 * Creates the database named in `databaseUrl` if it does not exist yet, so that `npm start` works
 * on a fresh PostgreSQL server. Safe when several processes start at once.
 */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  // Connecting to the target first needs no rights on the `postgres` database (managed servers).
  const probe = new Client({ connectionString: databaseUrl });
  try {
    await probe.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== INVALID_CATALOG_NAME) {
      throw cannotConnect(databaseUrl, error);
    }
  } finally {
    await probe.end().catch(() => undefined);
  }

  const database = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  const maintenance = new URL(databaseUrl);
  maintenance.pathname = '/postgres';
  const admin = new Client({ connectionString: maintenance.toString() });
  await admin.connect().catch((error: unknown) => {
    throw cannotConnect(maintenance.toString(), error);
  });
  try {
    await admin.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } catch (error) {
    // Another process created it between our probe and our CREATE: that is what we wanted.
    const code = (error as { code?: string }).code;
    if (code !== DUPLICATE_DATABASE && code !== UNIQUE_VIOLATION) throw error;
  } finally {
    await admin.end();
  }
}

/** Names the server and database (never the password) next to the driver's message. */
function cannotConnect(databaseUrl: string, cause: unknown): Error {
  const url = new URL(databaseUrl);
  const where = `${url.username ? `${url.username}@` : ''}${url.host}${url.pathname}`;
  return new Error(`Cannot connect to PostgreSQL at ${where}: ${(cause as Error).message}`, {
    cause,
  });
}
