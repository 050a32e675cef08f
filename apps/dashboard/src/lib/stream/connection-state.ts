// What the connection badge shows. `reconnecting` carries when the next attempt is due, so the
// page can count down ("reconnecting in 4 s") without asking the socket.

export type ConnectionState =
  | { phase: 'connecting'; attempt: number }
  | { phase: 'live'; since: number }
  | { phase: 'reconnecting'; retryAt: number; attempt: number; reason: string }
  /** The browser says it has no network: no attempts until it comes back. */
  | { phase: 'offline' }
  /** The login expired (close 4001, or the ticket endpoint said 401): the page goes to /login. */
  | { phase: 'unauthorized' }
  | { phase: 'closed' };

/** Why the fanout closed (CONTRACT.md, "Close codes"), for the reconnecting badge's title. */
export function closeReason(code: number): string {
  switch (code) {
    case 1000:
      return 'closed';
    case 1001:
      return 'server restarting';
    case 1006:
      return 'connection lost';
    case 1008:
      return 'refused by policy';
    case 4001:
      return 'login expired';
    case 4008:
      return 'too slow to keep up';
    default:
      return `closed (${code})`;
  }
}
