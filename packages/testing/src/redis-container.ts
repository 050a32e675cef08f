// Redis in a container when a container runtime answers (CI, laptops with Docker). Without one,
// testcontainers fails in milliseconds ("Could not find a working container runtime strategy").
import { freePort } from './ports';
import { pingRedis } from './redis-local';
import { waitFor } from './wait';

export type ContainerRedis = {
  readonly url: string;
  stopServer: () => Promise<void>;
  startServer: () => Promise<void>;
  dispose: () => Promise<void>;
};

export async function startContainerRedis(opts: { appendOnly?: boolean } = {}): Promise<ContainerRedis> {
  const { GenericContainer, Wait, getContainerRuntimeClient } = await import('testcontainers');
  // A fixed host port, so a stopped-and-started container comes back at the same URL
  // (a random mapping would change on `docker start`).
  const hostPort = await freePort();
  const started = await new GenericContainer('redis:7')
    .withCommand(['redis-server', '--save', '', ...(opts.appendOnly ? ['--appendonly', 'yes', '--appendfsync', 'everysec'] : ['--appendonly', 'no'])])
    .withExposedPorts({ container: 6379, host: hostPort })
    .withWaitStrategy(Wait.forLogMessage('Ready to accept connections'))
    .start();
  const host = started.getHost();
  const client = await getContainerRuntimeClient();
  const container = client.container.getById(started.getId());
  let down = false;
  return {
    url: `redis://${host}:${hostPort}`,
    async stopServer() {
      await client.container.stop(container, { timeout: 5 });
      down = true;
    },
    async startServer() {
      await client.container.start(container);
      down = false;
      await waitFor(() => pingRedis(hostPort, host), { timeoutMs: 15_000, what: 'the redis container to answer PING' });
    },
    async dispose() {
      // testcontainers' own stop() expects a running container; a stopped one is removed directly.
      if (down) await client.container.remove(container, { removeVolumes: true });
      else await started.stop();
    },
  };
}
