import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactUrl } from './logger';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { lines, destination };
}

describe(createLogger.name, () => {
  it('never writes a password, token or authorization header', () => {
    const { lines, destination } = capture();
    const sut = createLogger({ name: 't', destination });
    sut.info({ password: 'hunter2', token: 'eyJ.secret', req: { headers: { authorization: 'Bearer eyJ.x' } } }, 'login');
    sut.info({ user: { password: 'hunter3' } }, 'nested');
    const text = lines.join('');
    expect(text).not.toMatch(/hunter2|hunter3|eyJ/);
    expect(text).toContain('[redacted]');
  });
});

describe(redactUrl.name, () => {
  it('cuts the query string, which may carry a socket ticket', () => {
    expect(redactUrl('/ws?token=eyJ.abc')).toBe('/ws?[redacted]');
    expect(redactUrl('/healthz')).toBe('/healthz');
  });
});
