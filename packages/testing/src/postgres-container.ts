// PostgreSQL with TimescaleDB in a container when a container runtime answers (CI, laptops with
// Docker): the only way the Timescale path gets tested, as no registry reachable here has it.
// Without a runtime, testcontainers fails in milliseconds and the caller falls back.
import { freePort } from './ports';
import { waitForPostgres } from './postgres-db';

export const TIMESCALE_IMAGE = 'timescale/timescaledb:latest-pg16';

export type ContainerPostgres = {
  readonly url: string;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  dispose(): Promise<void>;
};

function waitUntilReady(url: string): Promise<void> {
  return waitForPostgres(url, { timeoutMs: 60_000, what: 'the postgres container to accept connections' });
}

export async function startContainerPostgres(image = TIMESCALE_IMAGE): Promise<ContainerPostgres> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  // A fixed host port, so a stopped-and-started container comes back at the same URL.
  const hostPort = await freePort();
  const started = await new GenericContainer(image)
    .withEnvironment({
      POSTGRES_USER: 'postgres',
      POSTGRES_PASSWORD: 'postgres',
      POSTGRES_DB: 'postgres',
      TIMESCALEDB_TELEMETRY: 'off',
      NO_TS_TUNE: 'true',
    })
    .withCommand(['postgres', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'])
    .withExposedPorts({ container: 5432, host: hostPort })
    // The image's entrypoint runs a temporary server for its init scripts first: ready twice.
    .withWaitStrategy(Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .withStartupTimeout(120_000)
    .start();
  const host = started.getHost();
  const url = `postgres://postgres:postgres@${host}:${hostPort}/postgres`;
  await waitUntilReady(url);

  const client = await getContainerRuntimeClient();
  const container = client.container.getById(started.getId());
  let down = false;
  return {
    url,
    async stopServer() {
      await client.container.stop(container, { timeout: 10 });
      down = true;
    },
    async startServer() {
      await client.container.start(container);
      down = false;
      await waitUntilReady(url);
    },
    async dispose() {
      // testcontainers' own stop() expects a running container; a stopped one is removed directly.
      if (down) await client.container.remove(container, { removeVolumes: true });
      else await started.stop();
    },
  };
}
