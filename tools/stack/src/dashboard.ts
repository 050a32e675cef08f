// The dashboard for the local stack: adapter-node's build (made on the first start, or with
// --rebuild), run either as its own process (`node build`) or, in the single-process mode, as the
// build's request `handler` mounted on an HTTP server in this process. Either way it is the built
// artifact, loaded at run time — the dashboard's sources are never imported (module boundaries).
import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startChild, type Child } from './children';

export type DashboardSettings = {
  port: number;
  /** The public origin (`http://localhost:3000`): form POSTs are checked against it. */
  origin: string;
  /** The query service as this server reaches it. */
  queryUrl: string;
  /** The fanout as the browser reaches it. */
  fanoutPublicUrl: string;
};

export async function ensureDashboardBuild(root: string, rebuild: boolean): Promise<void> {
  const dir = join(root, 'apps/dashboard');
  if (!rebuild && existsSync(join(dir, 'build', 'handler.js'))) return;
  process.stdout.write('building the dashboard (first start; --rebuild builds it again) …\n');
  const build = startChild('build', 'npm', ['run', 'build', '-w', '@tickstock/dashboard'], { cwd: root, quiet: true });
  if ((await build.exited) !== 0) throw new Error('the dashboard build failed: run `npm run build -w @tickstock/dashboard` to see why');
}

/** adapter-node reads DASHBOARD_PORT/HOST/ORIGIN (svelte.config.js envPrefix); the app reads QUERY_URL and FANOUT_PUBLIC_URL. */
function dashboardEnv(s: DashboardSettings): Record<string, string> {
  return {
    DASHBOARD_PORT: String(s.port),
    DASHBOARD_HOST: '127.0.0.1',
    DASHBOARD_ORIGIN: s.origin,
    QUERY_URL: s.queryUrl,
    FANOUT_PUBLIC_URL: s.fanoutPublicUrl,
  };
}

export function startDashboardProcess(root: string, env: NodeJS.ProcessEnv, s: DashboardSettings): Child {
  return startChild('dashboard', process.execPath, ['build'], { cwd: join(root, 'apps/dashboard'), env: { ...env, ...dashboardEnv(s) } });
}

type Handler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

/**
 * The built dashboard's handler on a server of this process. SvelteKit reads its settings from
 * process.env when the handler is imported (adapter-node's `server.init({ env: process.env })`),
 * so they are set here first: this process is then the dashboard's process too.
 */
export async function startDashboardInProcess(root: string, s: DashboardSettings): Promise<{ port: number; stop(): Promise<void> }> {
  Object.assign(process.env, dashboardEnv(s));
  const { handler } = (await import(pathToFileURL(join(root, 'apps/dashboard/build/handler.js')).href)) as { handler: Handler };
  const server = createServer((req, res) =>
    handler(req, res, () => {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(s.port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
