// AJV coerces query text with Number(), so `hours=1e1` would pass as 10 and `hours=0x10` as 16.
// CONTRACT.md says "an integer": this preValidation hook accepts only decimal digits for every
// query parameter whose schema says `integer`, before AJV coerces it.
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error';

const DECIMAL = /^[+-]?\d+$/;

type QuerySchema = { properties?: Record<string, { type?: unknown }> };

export function strictIntegerQuery(request: FastifyRequest): Promise<void> {
  const properties = (request.routeOptions.schema?.querystring as QuerySchema | undefined)?.properties;
  const query = request.query as Record<string, unknown> | undefined;
  if (!properties || !query) return Promise.resolve();
  for (const [name, value] of Object.entries(query)) {
    if (properties[name]?.type !== 'integer') continue;
    const texts = Array.isArray(value) ? value : [value];
    if (texts.some((text) => typeof text === 'string' && !DECIMAL.test(text))) {
      const problem = 'must be integer';
      return Promise.reject(new AppError('VALIDATION_ERROR', 400, `${name}: ${problem}`, [{ in: 'query', parameter: name, problem }]));
    }
  }
  return Promise.resolve();
}
