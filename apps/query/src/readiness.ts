// /readyz: the query service can do its job while its database answers and Redis (the live
// state behind /status) answers (CONTRACT.md, "Processes").
import type { Bus } from '@tickstock/bus';
import { pingDb, type Db } from '@tickstock/db';
import type { Health } from '@tickstock/observability';

export function addReadinessChecks(health: Health, deps: { db: Db; bus: Pick<Bus, 'ping'> }): void {
  health.addCheck('database', async () => (await pingDb(deps.db)).ok);
  health.addCheck('redis', async () => {
    await deps.bus.ping();
    return true;
  });
}
