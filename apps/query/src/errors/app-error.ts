// The one error type routes throw; the error handler turns it into the contract's error body
// (CONTRACT.md, "REST": `{"error": {"code", "message", "details"?}}`).
import type { ErrorCode } from '@tickstock/contracts';

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    readonly statusCode: number,
    message: string,
    readonly details?: unknown[],
  ) {
    super(message);
  }
}

export const unauthorized = (message: string) => new AppError('UNAUTHORIZED', 401, message);
export const rateLimited = (message: string) => new AppError('RATE_LIMITED', 429, message);
export const unavailable = (message: string) => new AppError('UNAVAILABLE', 503, message);

/** The code the contract pairs with an HTTP status, for errors that carry only a status. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'UNAUTHORIZED';
    case 403:
      return 'FORBIDDEN';
    case 404:
      return 'NOT_FOUND';
    case 429:
      return 'RATE_LIMITED';
    case 503:
      return 'UNAVAILABLE';
    default:
      return status >= 500 ? 'INTERNAL' : 'VALIDATION_ERROR';
  }
}
