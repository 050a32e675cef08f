import { describe, expect, it } from 'vitest';
import { LOAD_DEFAULTS, parseCliArgs, UsageError } from './parse-args';

const sut = parseCliArgs;

describe(parseCliArgs.name, () => {
  it('reads run session --duration 60 --format mixed', () => {
    expect(sut(['run', 'session', '--duration', '60', '--format', 'mixed'])).toEqual({
      command: 'run',
      scenario: { name: 'session', durationS: 60, symbols: undefined },
      format: 'mixed',
      seed: undefined,
      redisUrl: undefined,
    });
  });

  it('runs a session until stopped without --duration, in format C by default', () => {
    expect(sut(['run', 'session'])).toMatchObject({ scenario: { name: 'session', durationS: undefined }, format: 'C' });
  });

  it('reads load with its three numbers, as --x v or --x=v, and fills defaults', () => {
    expect(sut(['run', 'load', '--rate=250', '--symbols', '50', '--duration', '2.5'])).toMatchObject({
      scenario: { name: 'load', rate: 250, symbols: 50, durationS: 2.5 },
    });
    expect(sut(['run', 'load'])).toMatchObject({ scenario: { name: 'load', ...LOAD_DEFAULTS } });
  });

  it('takes the format in any case and a seed', () => {
    expect(sut(['run', 'quick', '--format', 'b', '--seed', '42'])).toMatchObject({ format: 'B', seed: 42 });
  });

  it('reads record and replay', () => {
    expect(sut(['record', '--out', 'day.jsonl', '--duration', '30'])).toEqual({ command: 'record', out: 'day.jsonl', durationS: 30, redisUrl: undefined });
    expect(sut(['record'])).toMatchObject({ command: 'record', out: undefined, durationS: undefined });
    expect(sut(['replay', 'day.jsonl', '--speed', '10'])).toMatchObject({ command: 'replay', file: 'day.jsonl', speed: 10 });
    expect(sut(['replay', 'day.jsonl', '--speed', 'max'])).toMatchObject({ speed: 'max' });
    expect(sut(['replay', 'day.jsonl'])).toMatchObject({ speed: 1 });
  });

  it('takes --redis-url on every command', () => {
    expect(sut(['replay', 'f', '--redis-url', 'redis://127.0.0.1:6390'])).toMatchObject({ redisUrl: 'redis://127.0.0.1:6390' });
    expect(sut(['run', 'quick', '--redis-url=rediss://u:p@h:1/2'])).toMatchObject({ redisUrl: 'rediss://u:p@h:1/2' });
  });

  it('shows help for nothing, help, --help and -h, even beside other arguments', () => {
    for (const argv of [[], ['help'], ['--help'], ['-h'], ['run', 'load', '--rate', 'x', '--help']]) expect(sut(argv)).toEqual({ command: 'help' });
  });

  it.each([
    [['fly'], /unknown command "fly"/],
    [['run'], /run needs a scenario/],
    [['run', 'burst'], /unknown scenario "burst"/],
    [['run', 'quick', 'extra'], /unexpected argument "extra"/],
    [['run', 'quick', '--rate', '5'], /run quick does not take --rate/],
    [['run', 'formats', '--format', 'A'], /run formats does not take --format/],
    [['run', 'session', '--rate', '5'], /does not take --rate/],
    [['run', 'quick', '--format', 'D'], /--format must be one of A, B, C, mixed/],
    [['run', 'quick', '--frmat', 'A'], /Unknown option '--frmat'/],
    [['run', 'session', '--duration'], /--duration/],
    [['run', 'session', '--duration', '0'], /--duration must be a positive number/],
    [['run', 'session', '--duration', '-5'], /--duration/],
    [['run', 'session', '--duration', '1e3'], /--duration must be a positive number/],
    [['run', 'session', '--duration', 'Infinity'], /--duration must be a positive number/],
    [['run', 'session', '--duration', '999999999'], /--duration must be at most/],
    [['run', 'load', '--rate', 'fast'], /--rate must be a positive number/],
    [['run', 'load', '--rate', '1000000'], /--rate must be at most 100000/],
    [['run', 'load', '--symbols', '2.5'], /--symbols must be a whole number/],
    [['run', 'load', '--symbols', '0'], /--symbols must be a whole number from 1/],
    [['run', 'load', '--rate', '0.1', '--duration', '1'], /under one event/],
    [['run', 'quick', '--seed', '-1'], /--seed/],
    [['record', 'day.jsonl'], /unexpected argument "day.jsonl"/],
    [['record', '--out', ''], /--out needs a value/],
    [['record', '--speed', '2'], /record does not take --speed/],
    [['replay'], /replay needs a FILE/],
    [['replay', 'a', 'b'], /unexpected argument "b"/],
    [['replay', 'a', '--speed', 'fast'], /--speed must be a positive number/],
    [['replay', 'a', '--speed', '0'], /--speed must be a positive number/],
    [['replay', 'a', '--format', 'C'], /replay does not take --format/],
    [['run', 'quick', '--redis-url', 'http://x'], /--redis-url must start with redis:\/\//],
  ])('refuses %j', (argv, message) => {
    expect(() => sut(argv)).toThrow(UsageError);
    expect(() => sut(argv)).toThrow(message);
  });
});
