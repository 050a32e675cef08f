import { describe, expect, it } from 'vitest';
import { parseOptions, UsageError } from './options';

const parse = (argv: string[], env: Record<string, string> = {}) => parseOptions(argv, env, '/repo/.data');

describe(parseOptions.name, () => {
  it('defaults to the documented ports, the simulator on, the engine chosen by the machine', () => {
    expect(parse([])).toMatchObject({
      simulator: true,
      memory: false,
      rebuild: false,
      postgres: 'auto',
      dataRoot: '/repo/.data',
      simulatorRate: 20,
      ports: { redis: 6380, postgres: 5433, ingest: 8081, query: 8080, fanout: 8090, dashboard: 3000 },
    });
  });

  it('forces the in-memory mode with --memory or STACK_REDIS=memory', () => {
    expect(parse(['--memory']).memory).toBe(true);
    expect(parse([], { STACK_REDIS: 'memory' }).memory).toBe(true);
  });

  it('reads --no-simulator, --rebuild, the ports, the data dir and the PostgreSQL choice', () => {
    const sut = parse(['--no-simulator', '--rebuild'], { QUERY_PORT: '9000', STACK_DATA_DIR: '/tmp/x', STACK_POSTGRES: 'embedded' });
    expect(sut).toMatchObject({ simulator: false, rebuild: true, dataRoot: '/tmp/x', postgres: 'embedded' });
    expect(sut.ports.query).toBe(9000);
  });

  it('refuses an unknown option and a bad setting, naming it', () => {
    expect(() => parse(['--memroy'])).toThrow(new UsageError('unknown option --memroy'));
    expect(() => parse([], { FANOUT_PORT: 'x' })).toThrow(/FANOUT_PORT must be an integer/);
    expect(() => parse([], { STACK_POSTGRES: 'docker' })).toThrow(/STACK_POSTGRES must be system or embedded/);
    expect(() => parse([], { STACK_REDIS: 'redis' })).toThrow(/STACK_REDIS must be memory/);
  });
});
