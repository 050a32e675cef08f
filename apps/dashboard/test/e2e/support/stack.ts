// What the browser tests run against. Today: the built dashboard with fake query and fanout
// services (fake-query.ts, fake-fanout.ts) that implement the contract, so the tests prove the
// dashboard's side of login → cookie → ticket → socket → rows while the real services are built.
//
// TODO(lead, E2E_REAL_STACK=1): run the same tests against the real stack (issue 6: ingest, fanout,
// query and the simulator on Redis/PostgreSQL). `startRealStack` must return a Stack whose
// `control` publishes through the producer side (the simulator's Redis publisher on the 12
// TickStockPL channels), restarts the fanout process (`crash`/`recover`), and reads what the fanout
// saw; until then it stops with a message instead of silently testing the fakes.
import { startDashboard, type DashboardProcess } from './dashboard-process';
import { startFakeFanout, type FakeFanout, type Unsequenced } from './fake-fanout';
import { startFakeQuery, type FakeQuery } from './fake-query';

export const USER = { username: 'trader', password: 'correct horse battery staple' };

export type StackControl = {
  /** Publishes a frame as the producer would cause it; returns its seq. */
  publish(frame: Unsequenced): string;
  /** The fanout goes away (every socket cut, new ones refused) and comes back. */
  crash(): void;
  recover(): void;
};

export type Stack = {
  dashboardUrl: string;
  user: typeof USER;
  control: StackControl;
  /** Only with the fakes: what the services saw, and knobs the real stack does not have. */
  fakes: { query: FakeQuery; fanout: FakeFanout; dashboard: DashboardProcess } | null;
  stop(): Promise<void>;
};

async function startFakeStack(): Promise<Stack> {
  const query = await startFakeQuery({ [USER.username]: USER.password });
  const fanout = await startFakeFanout((ticket) => query.loginOfTicket(ticket) !== undefined);
  const dashboard = await startDashboard({ QUERY_URL: query.url, FANOUT_PUBLIC_URL: fanout.url }).catch(async (error: unknown) => {
    await Promise.all([query.close(), fanout.close()]);
    throw error;
  });
  return {
    dashboardUrl: dashboard.url,
    user: USER,
    control: { publish: (f) => fanout.publish(f), crash: () => fanout.crash(), recover: () => fanout.recover() },
    fakes: { query, fanout, dashboard },
    async stop() {
      await dashboard.stop();
      await Promise.all([fanout.close(), query.close()]);
    },
  };
}

function startRealStack(): Promise<Stack> {
  return Promise.reject(
    new Error('E2E_REAL_STACK=1: the real-stack driver is not wired yet (see the TODO in test/e2e/support/stack.ts): it needs the local stack runner and a producer-side publisher.'),
  );
}

export function startStack(): Promise<Stack> {
  return process.env['E2E_REAL_STACK'] === '1' ? startRealStack() : startFakeStack();
}
