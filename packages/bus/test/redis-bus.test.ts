// The Bus contract against a real Redis (REDIS_URL, a container, or a local redis-server that
// these tests stop and start again in the middle, for the outage tests).
import { startRedis, uniquePrefix } from '@tickstock/testing';
import { afterAll } from 'vitest';
import { createRedisBus } from '../src/index';
import { describeBusContract } from './bus.contract';

const redis = await startRedis();
afterAll(() => redis.stop());

const filePrefix = uniquePrefix('redis-bus');
let n = 0;
const { stopServer, startServer } = redis;

describeBusContract(
  `redis (${redis.source})`,
  ({ onError }) => ({
    // A prefix per test: tests never see each other's keys, even on a shared REDIS_URL.
    sut: createRedisBus({ url: redis.url, prefix: `${filePrefix}${++n}:`, name: 'bus-contract', onError }),
    outage: stopServer && startServer ? { begin: stopServer, end: startServer } : undefined,
  }),
  { withOutage: stopServer !== undefined && startServer !== undefined },
);
