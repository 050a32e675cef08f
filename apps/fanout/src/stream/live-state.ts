// What `welcome` shows a new page at once: the active session and the latest health. Seeded from
// the ingest's `ingest:state` hash when the reader starts, then kept by the session and health
// frames this pod publishes, so it is never older than the frames the socket receives next.
import type { Health, Session } from '@tickstock/contracts';
import type { PreparedFrame } from './prepared-frame';

export type LiveState = {
  /** Seeds from the hash fields `session` and `health` (JSON, empty string = none). */
  seed(hash: Record<string, string>): void;
  apply(frame: PreparedFrame): void;
  session(): Session | null;
  health(): Health | null;
};

export function createLiveState(onBadValue: (field: string, err: unknown) => void): LiveState {
  let session: Session | null = null;
  let health: Health | null = null;

  const parse = <T>(field: string, text: string | undefined): T | null => {
    if (!text) return null;
    try {
      return JSON.parse(text) as T;
    } catch (err) {
      onBadValue(field, err);
      return null;
    }
  };

  return {
    seed(hash) {
      session = parse<Session>('session', hash.session);
      health = parse<Health>('health', hash.health);
    },
    apply(frame) {
      const data = frame.data;
      if (!data) return;
      if (frame.event === 'streaming_health') health = (data.health as Health | undefined) ?? health;
      else if (frame.event === 'streaming_session') {
        if (data.type === 'streaming_session_started') session = (data.session as Session | undefined) ?? session;
        // A stop for another session (a stray message) does not end the active one, as in the ingest.
        else if (data.type === 'streaming_session_stopped' && (session === null || session.session_id === data.session_id)) session = null;
      }
    },
    session: () => session,
    health: () => health,
  };
}
