import { waitFor } from '@tickstock/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { startChild, type Child } from './children';
import { supervise, type Supervised } from './supervisor';

/** A real child process that lives until it is killed. */
const sleeper = (): Child => startChild('sleeper', process.execPath, ['-e', 'setInterval(() => {}, 60_000)'], { quiet: true });

describe(supervise.name, () => {
  let sut: Supervised | undefined;
  afterEach(() => sut?.stop('SIGKILL'));

  function start(overrides: { ready?: boolean; maxRestarts?: number; windowMs?: number; stopping?: () => boolean } = {}) {
    let clock = 0;
    const events: string[] = [];
    let giveUp: (why: string) => void = () => undefined;
    const gaveUp = new Promise<string>((resolve) => (giveUp = resolve));
    let onRestart: () => void = () => undefined;
    const s = supervise('svc', {
      start: sleeper,
      ready: () => Promise.resolve(overrides.ready ?? true),
      probeEveryMs: 5,
      now: () => clock,
      onRestart: (code) => {
        events.push(`restart ${code}`);
        onRestart();
      },
      onGiveUp: (code, why) => {
        events.push(`give up ${code}`);
        giveUp(why);
      },
      ...(overrides.stopping ? { stopping: overrides.stopping } : {}),
      ...(overrides.maxRestarts ? { maxRestarts: overrides.maxRestarts } : {}),
      ...(overrides.windowMs ? { windowMs: overrides.windowMs } : {}),
    });
    sut = s;
    return {
      events,
      gaveUp,
      advance: (ms: number) => (clock += ms),
      /** Kills the current process once it is ready, and resolves when the supervisor has started the next one. */
      async crashAndRestart() {
        await waitFor(() => s.isReady(), { what: 'the service to be ready' });
        const restarted = new Promise<void>((resolve) => (onRestart = resolve));
        s.current().process.kill('SIGTERM');
        await restarted;
      },
    };
  }

  it('starts a service again when it exits after it was ready', async () => {
    const t = start();
    const first = sut!.current();
    await t.crashAndRestart();
    expect(t.events).toEqual(['restart null']);
    expect(sut!.current()).not.toBe(first);
    expect(sut!.current().process.exitCode).toBeNull();
  });

  it('gives up on a service that exits before it was ever ready (a bad setting would loop)', async () => {
    const t = start({ ready: false });
    sut!.current().process.kill('SIGTERM');
    expect(await t.gaveUp).toBe('it exited before it was ready');
    expect(t.events).toEqual(['give up null']);
  });

  it('gives up after maxRestarts within the window', async () => {
    const t = start({ maxRestarts: 2, windowMs: 60_000 });
    await t.crashAndRestart();
    await t.crashAndRestart();
    await waitFor(() => sut!.isReady(), { what: 'the service to be ready' });
    sut!.current().process.kill('SIGTERM');
    expect(await t.gaveUp).toBe('it exited 3 times within 60 s');
    expect(t.events).toEqual(['restart null', 'restart null', 'give up null']);
  });

  it('forgets restarts older than the window', async () => {
    const t = start({ maxRestarts: 1, windowMs: 60_000 });
    for (let i = 0; i < 3; i++) {
      t.advance(61_000);
      await t.crashAndRestart();
    }
    expect(t.events).toEqual(['restart null', 'restart null', 'restart null']);
  });

  it('does not restart what stop() stopped', async () => {
    const t = start();
    const child = sut!.current();
    await sut!.stop();
    expect(child.process.signalCode).toBe('SIGTERM');
    expect(sut!.current()).toBe(child);
    expect(t.events).toEqual([]);
  });

  it('neither restarts nor gives up on a service that exits while the whole stack stops (Ctrl-C reaches it too)', async () => {
    let stopping = false;
    const t = start({ stopping: () => stopping });
    await waitFor(() => sut!.isReady(), { what: 'the service to be ready' });
    const child = sut!.current();
    stopping = true;
    child.process.kill('SIGINT');
    await child.exited;
    await Promise.resolve();
    expect(sut!.current()).toBe(child);
    expect(t.events).toEqual([]);
  });
});
