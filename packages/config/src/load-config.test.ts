import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './load-config';
import { JwtSettings, LogSettings, RedisSettings, StreamingBufferSettings } from './settings';

const schema = Type.Object({ ...RedisSettings, ...LogSettings, ...JwtSettings, ...StreamingBufferSettings });
const secret = 'x'.repeat(32);

describe(loadConfig.name, () => {
  it('applies documented defaults and converts types', () => {
    const sut = loadConfig(schema, { JWT_SECRET: secret, STREAMING_BUFFER_ENABLED: 'false', STREAMING_MAX_BATCH_SIZE: '50' });
    expect(sut).toMatchObject({
      REDIS_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'info',
      STREAMING_BUFFER_ENABLED: false,
      STREAMING_BUFFER_INTERVAL: 250,
      STREAMING_MAX_BUFFER_SIZE: 100,
      STREAMING_MAX_BATCH_SIZE: 50,
      STREAMING_PRIORITY_CONFIDENCE: 0.8,
    });
  });

  it('returns a frozen object holding only the schema variables', () => {
    const sut = loadConfig(schema, { JWT_SECRET: secret, PATH: '/usr/bin' });
    expect(Object.isFrozen(sut)).toBe(true);
    expect(sut).not.toHaveProperty('PATH');
  });

  it('names every bad variable in one error', () => {
    const env = { STREAMING_BUFFER_INTERVAL: '49', LOG_LEVEL: 'loud', STREAMING_PRIORITY_CONFIDENCE: 'abc' };
    const error = catchError(() => loadConfig(schema, env));
    expect(error.problems.map((p) => p.variable).sort()).toEqual(
      ['JWT_SECRET', 'LOG_LEVEL', 'STREAMING_BUFFER_INTERVAL', 'STREAMING_PRIORITY_CONFIDENCE'].sort(),
    );
    expect(error.message).toContain('JWT_SECRET is required');
    expect(error.message).toContain('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent');
  });

  it('accepts the buffer interval at its edges 50 and 1000 and rejects 1001', () => {
    expect(loadConfig(schema, { JWT_SECRET: secret, STREAMING_BUFFER_INTERVAL: '50' }).STREAMING_BUFFER_INTERVAL).toBe(50);
    expect(loadConfig(schema, { JWT_SECRET: secret, STREAMING_BUFFER_INTERVAL: '1000' }).STREAMING_BUFFER_INTERVAL).toBe(1000);
    expect(() => loadConfig(schema, { JWT_SECRET: secret, STREAMING_BUFFER_INTERVAL: '1001' })).toThrow(/STREAMING_BUFFER_INTERVAL/);
  });

  it('rejects a JWT secret shorter than 32 bytes without echoing it', () => {
    const error = catchError(() => loadConfig(schema, { JWT_SECRET: 'short-secret-value' }));
    expect(error.message).toContain('JWT_SECRET');
    expect(error.message).not.toContain('short-secret-value');
  });

  it('treats an empty variable as unset', () => {
    expect(loadConfig(schema, { JWT_SECRET: secret, REDIS_URL: '' }).REDIS_URL).toBe('redis://127.0.0.1:6379');
  });

  it('rejects a fractional integer', () => {
    expect(() => loadConfig(schema, { JWT_SECRET: secret, STREAMING_MAX_BATCH_SIZE: '1.5' })).toThrow(/STREAMING_MAX_BATCH_SIZE/);
  });
});

function catchError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}
