import type { Servers } from '../harness/system';
import type { ScenarioContext } from './common';

export function redisOutage(_servers: Servers, _ctx: ScenarioContext): Promise<void> {
  return Promise.reject(new Error('not yet'));
}
