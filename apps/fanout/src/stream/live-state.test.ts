import { describe, expect, it } from 'vitest';
import { health, healthFrame, session, sessionFrame } from '../../test/helpers/frames';
import { createLiveState } from './live-state';
import { prepareFrame } from './prepared-frame';

const prepared = (frame: unknown) => {
  const r = prepareFrame({ id: '1-0', fields: { f: JSON.stringify(frame) } });
  if (!r.ok) throw new Error(r.reason);
  return r.frame;
};
const stopped = (id: string) => ({
  event: 'streaming_session',
  data: { type: 'streaming_session_stopped', session_id: id, stopped_at: new Date().toISOString(), duration_seconds: 1, total_patterns: 0, total_indicators: 0, final_status: 'completed' },
});

describe(createLiveState.name, () => {
  it('seeds from the ingest state hash (empty string = none)', () => {
    const sut = createLiveState(() => undefined);
    sut.seed({ session: JSON.stringify(session('s9')), health: '' });
    expect(sut.session()?.session_id).toBe('s9');
    expect(sut.health()).toBeNull();
  });

  it('reports a field that is not JSON and treats it as none', () => {
    const bad: string[] = [];
    const sut = createLiveState((field) => bad.push(field));
    sut.seed({ session: '{oops', health: '' });
    expect(sut.session()).toBeNull();
    expect(bad).toEqual(['session']);
  });

  it('follows session and health frames; a stop for another session leaves the active one', () => {
    const sut = createLiveState(() => undefined);
    sut.apply(prepared(sessionFrame(session('s1'))));
    sut.apply(prepared(healthFrame(health())));
    expect(sut.session()?.session_id).toBe('s1');
    expect(sut.health()?.status).toBe('healthy');
    sut.apply(prepared(stopped('other')));
    expect(sut.session()?.session_id).toBe('s1');
    sut.apply(prepared(stopped('s1')));
    expect(sut.session()).toBeNull();
  });
});
