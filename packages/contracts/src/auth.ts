// Tokens between the query service (which issues them) and the fanout (which checks tickets).
// Both are HS256 JWTs signed with JWT_SECRET; the audience keeps one from passing for the other.
export const TOKEN_AUDIENCE = {
  /** A login token, for the REST API (`Authorization: Bearer`), kept by browsers in an httpOnly cookie. */
  login: 'tickstock-api',
  /** A socket ticket from `POST /auth/ws-token`, for `ws://…/ws?token=`. */
  ticket: 'fanout',
} as const;

export const TOKEN_ISSUER = 'tickstock-query';

/** CONTRACT.md: a ticket is good for 60 s to connect. */
export const TICKET_TTL_SECONDS = 60;

/** Claims of a socket ticket. `login_exp` (epoch s) is when the login it came from expires: the socket closes with 4001 then. */
export type TicketClaims = {
  sub: string;
  role: 'viewer' | 'admin';
  aud: typeof TOKEN_AUDIENCE.ticket;
  iss: typeof TOKEN_ISSUER;
  iat: number;
  exp: number;
  login_exp: number;
};

/** Claims of a login token. */
export type LoginClaims = {
  sub: string;
  role: 'viewer' | 'admin';
  aud: typeof TOKEN_AUDIENCE.login;
  iss: typeof TOKEN_ISSUER;
  iat: number;
  exp: number;
};
