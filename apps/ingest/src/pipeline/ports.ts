// What the pipeline writes to, as plain interfaces: Redis-backed in the service, fakes in unit tests.
import type { Health, NormalizedEvent, RejectReason, ServerFrame, Session, SessionStopped } from '@tickstock/contracts';

/** Appends frames to the frames stream the fanout pods read, in call order. */
export type FrameSink = { publish(frame: ServerFrame): void };

/** Appends accepted events to the events stream the store writer drains (at-least-once). */
export type EventLog = { record(event: NormalizedEvent, receivedAtMs: number): void };

/** `unstorable`: accepted, then refused by PostgreSQL (the store writer's dead letters). */
export type DeadLetter = { channel: string; reason: RejectReason | 'unstorable'; detail: string; raw: string; at: number };
/** The capped dead-letter stream, for inspecting what was rejected. */
export type DeadLetters = { add(entry: DeadLetter): void };

/** The state others read: the active session and the latest health. */
export type LiveState = {
  sessionStarted(session: Session): void;
  sessionStopped(stopped: SessionStopped): void;
  health(health: Health): void;
};
