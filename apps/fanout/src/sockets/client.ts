// One connected socket's state. The object is the uWS user data (the same object comes back from
// getUserData), so handlers reach it without a lookup.
import type { WebSocket } from 'uWebSockets.js';
import type { Subscription } from '../topics/subscription';

/**
 * pending: welcome sent, waiting for the first client frame (or the resume window) before delivery
 * starts; catching-up: replaying frames after `cursor`; waiting: the client is ahead of this pod's
 * reader (it came from a faster pod), topics join when the reader passes `cursor`; live: on topics.
 */
export type Phase = 'pending' | 'catching-up' | 'waiting' | 'live' | 'closed';

export type Client = {
  ws: WebSocket<Client> | null;
  readonly ip: string;
  readonly user: string;
  readonly loginExpMs: number;
  phase: Phase;
  /** The last frame id this socket has been given (or, after a resume, that the client has). */
  cursor: string;
  subscription: Subscription;
  /** Topics the socket is subscribed to now (only while live). */
  topics: string[];
  /** Consecutive bad client frames. */
  badRun: number;
  /** Bumped by every resume, so an older catch-up still running sees it is stale and stops. */
  generation: number;
  pendingTimer: NodeJS.Timeout | undefined;
  /** Set while a catch-up waits for the send buffer to drain. */
  onDrain: (() => void) | undefined;
};

export function newClient(init: { ip: string; user: string; loginExpMs: number; subscription: Subscription }): Client {
  return {
    ws: null,
    ...init,
    phase: 'pending',
    cursor: '0-0',
    topics: [],
    badRun: 0,
    generation: 0,
    pendingTimer: undefined,
    onDrain: undefined,
  };
}

/** True when `client` was closed or resumed since `generation` was taken: the caller must stop touching it. */
export function isStale(client: Client, generation: number): boolean {
  return client.phase === 'closed' || client.generation !== generation || client.ws === null;
}
