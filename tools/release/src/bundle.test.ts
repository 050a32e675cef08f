import { describe, expect, it } from 'vitest';
import { packageName } from './bundle';

describe(packageName.name, () => {
  it('keeps the scope of a scoped package and drops subpaths', () => {
    expect(packageName('@fastify/swagger-ui/static')).toBe('@fastify/swagger-ui');
    expect(packageName('typebox/value')).toBe('typebox');
    expect(packageName('uWebSockets.js')).toBe('uWebSockets.js');
  });
});
