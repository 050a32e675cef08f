// startRedis against what this machine has: REDIS_URL, Docker, or redis-server on PATH.
import { existsSync } from 'node:fs';
import { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../src/ports';
import { startRedis, type TestRedis } from '../src/redis';
import { createLocalRedisServer, findRedisServer, pingRedis } from '../src/redis-local';

const portOf = (url: string) => Number(new URL(url).port);

/** One inline command (no client library here); resolves with the raw reply. */
function command(port: number, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.once('data', (chunk) => {
      socket.destroy();
      resolve(chunk.toString('utf8'));
    });
    socket.connect(port, '127.0.0.1', () => socket.write(`${line}\r\n`));
  });
}

describe(startRedis.name, () => {
  let redis: TestRedis | undefined;
  afterEach(async () => {
    await redis?.stop();
    redis = undefined;
  });

  it('uses REDIS_URL as given, and stop() leaves that server alone', async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://example.invalid:6379';
    try {
      const sut = await startRedis();
      expect(sut).toMatchObject({ url: 'redis://example.invalid:6379', source: 'env' });
      expect(sut.stopServer).toBeUndefined();
      await sut.stop();
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
  });

  it.skipIf(process.env.REDIS_URL)('starts a server that answers PING, and stop() ends it', async () => {
    const sut = await startRedis();
    expect(await pingRedis(portOf(sut.url))).toBe(true);
    await sut.stop();
    expect(await pingRedis(portOf(sut.url))).toBe(false);
  });

  it.skipIf(process.env.REDIS_URL)('stopServer/startServer bring the same server down and back on the same URL', async () => {
    redis = await startRedis();
    const port = portOf(redis.url);
    await redis.stopServer!();
    expect(await pingRedis(port)).toBe(false);
    await redis.startServer!();
    expect(await pingRedis(port)).toBe(true);
    await redis.restart!();
    expect(await pingRedis(port)).toBe(true);
  });

  it.skipIf(!findRedisServer())('with appendOnly, a server of its own that keeps its data across stopServer/startServer', async () => {
    const saved = process.env.REDIS_URL;
    process.env.REDIS_URL = 'redis://example.invalid:6379';
    try {
      redis = await startRedis({ appendOnly: true });
    } finally {
      if (saved === undefined) delete process.env.REDIS_URL;
      else process.env.REDIS_URL = saved;
    }
    expect(redis.source).not.toBe('env');
    const port = portOf(redis.url);
    expect(await command(port, 'SET kept yes')).toBe('+OK\r\n');
    await redis.stopServer!();
    await redis.startServer!();
    expect(await command(port, 'GET kept')).toBe('$3\r\nyes\r\n');
  });
});

describe.skipIf(!findRedisServer())(createLocalRedisServer.name, () => {
  it('runs in a temp dir of its own, which dispose() removes with the process', async () => {
    const sut = createLocalRedisServer(findRedisServer()!, await freePort());
    await sut.start();
    expect(existsSync(sut.dir)).toBe(true);
    await sut.dispose();
    expect(existsSync(sut.dir)).toBe(false);
    expect(await pingRedis(sut.port)).toBe(false);
  });

  it('comes back on the same port after a crash (kill)', async () => {
    const sut = createLocalRedisServer(findRedisServer()!, await freePort());
    try {
      await sut.start();
      await sut.kill();
      expect(await pingRedis(sut.port)).toBe(false);
      await sut.start();
      expect(await pingRedis(sut.port)).toBe(true);
    } finally {
      await sut.dispose();
    }
  });

  it('says why when the port is taken', async () => {
    const port = await freePort();
    const first = createLocalRedisServer(findRedisServer()!, port);
    const second = createLocalRedisServer(findRedisServer()!, port);
    try {
      await first.start();
      await expect(second.start()).rejects.toThrow(/redis-server exited/);
    } finally {
      await Promise.all([first.dispose(), second.dispose()]);
    }
  });
});
