import { describe, expect, it } from 'vitest';
import { BusError } from '../bus-error';
import { translateError } from './translate-error';

const replyError = (message: string) => Object.assign(new Error(message), { name: 'ReplyError' });

describe(translateError.name, () => {
  it.each([
    [replyError("NOGROUP No such key 's' or consumer group 'g'"), 'NO_GROUP'],
    [replyError('ERR Invalid stream ID specified as stream command argument'), 'INVALID'],
    [replyError('WRONGTYPE Operation against a key holding the wrong kind of value'), 'COMMAND'],
    [new Error('Command timed out'), 'TIMEOUT'],
    [Object.assign(new Error('Reached the max retries per request limit (which is 0).'), { name: 'MaxRetriesPerRequestError' }), 'UNAVAILABLE'],
    [new Error('connect ECONNREFUSED 127.0.0.1:6379'), 'UNAVAILABLE'],
    [new Error('Connection is closed.'), 'UNAVAILABLE'],
  ])('maps %s to %s', (err, code) => {
    const translated = translateError(err, 'XREAD');
    expect(translated).toBeInstanceOf(BusError);
    expect(translated.code).toBe(code);
    expect(translated.message).toContain('XREAD: ');
    expect(translated.cause).toBe(err);
  });

  it('passes a BusError through untouched', () => {
    const err = new BusError('CLOSED', 'the bus is closed');
    expect(translateError(err, 'GET')).toBe(err);
  });
});
