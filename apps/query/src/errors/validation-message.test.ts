import { describe, expect, it } from 'vitest';
import { describeValidation } from './validation-message';

describe(describeValidation.name, () => {
  it('names a query parameter and why it failed', () => {
    const sut = describeValidation('querystring', [{ instancePath: '/hours', keyword: 'maximum', message: 'must be <= 24', params: {} }]);
    expect(sut.message).toBe('hours: must be <= 24');
    expect(sut.details).toEqual([{ in: 'query', parameter: 'hours', problem: 'must be <= 24' }]);
  });

  it('names a missing body field', () => {
    const sut = describeValidation('body', [{ instancePath: '', keyword: 'required', message: "must have required property 'password'", params: { missingProperty: 'password' } }]);
    expect(sut.message).toBe("password: must have required property 'password'");
    expect(sut.details[0]).toMatchObject({ in: 'body', parameter: 'password' });
  });

  it('says which type a parameter must have', () => {
    const sut = describeValidation('querystring', [{ instancePath: '/limit', keyword: 'type', message: 'must be integer', params: { type: 'integer' } }]);
    expect(sut.message).toBe('limit: must be integer');
  });

  it('falls back to the location when AJV names no property (a body that is not an object)', () => {
    const sut = describeValidation('body', [{ instancePath: '', keyword: 'type', message: 'must be object', params: { type: 'object' } }]);
    expect(sut.message).toBe('body: must be object');
  });

  it('lists every problem in details', () => {
    const sut = describeValidation('params', [
      { instancePath: '/symbol', keyword: 'pattern', message: 'must match pattern "^x$"', params: {} },
      { instancePath: '/symbol', keyword: 'maxLength', message: 'must NOT have more than 15 characters', params: {} },
    ]);
    expect(sut.details).toHaveLength(2);
    expect(sut.details.every((d) => d.in === 'path' && d.parameter === 'symbol')).toBe(true);
  });
});
