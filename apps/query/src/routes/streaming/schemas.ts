// Response parts the streaming routes share.
import { ErrorBody } from '@tickstock/contracts';

export const bearer = [{ bearerAuth: [] }];
export const errorResponses = { 400: ErrorBody, 401: ErrorBody, 500: ErrorBody, 503: ErrorBody };
