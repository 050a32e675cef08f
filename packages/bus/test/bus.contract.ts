// ONE contract for every Bus engine: the memory engine runs it in src/ (unit, no network) and
// the Redis engine in test/redis-bus.test.ts against a real server. A behaviour belongs here
// when code written against Bus may rely on it.
import { describe } from 'vitest';
import type { MakeBus } from './contract/harness';
import { groupsContract } from './contract/groups.contract';
import { keysContract } from './contract/keys.contract';
import { outageContract } from './contract/outage.contract';
import { pubSubContract } from './contract/pubsub.contract';
import { streamsContract } from './contract/streams.contract';

export type { BusUnderTest, MakeBus } from './contract/harness';

/** `withOutage`: the engine's `make` provides `outage` controls, so the recovery tests run too. */
export function describeBusContract(name: string, make: MakeBus, opts: { withOutage: boolean }) {
  describe(`Bus contract: ${name}`, () => {
    pubSubContract(make);
    streamsContract(make);
    groupsContract(make);
    keysContract(make);
    outageContract(make, opts.withOutage);
  });
}
