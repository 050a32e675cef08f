// Socket tickets for the fanout benchmark's clients, as POST /auth/ws-token would issue them
// (CONTRACT.md: the ticket audience, a login expiry an hour away), one per client.
import { TOKEN_AUDIENCE, TOKEN_ISSUER } from '@tickstock/contracts';
import { SignJWT } from 'jose';

export async function signTicket(secret: string, subject: string): Promise<string> {
  const nowS = Math.floor(Date.now() / 1000);
  return new SignJWT({ role: 'viewer', login_exp: nowS + 3600 })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(subject)
    .setAudience(TOKEN_AUDIENCE.ticket)
    .setIssuer(TOKEN_ISSUER)
    .setIssuedAt(nowS)
    .setExpirationTime(nowS + 600)
    .sign(new TextEncoder().encode(secret));
}
