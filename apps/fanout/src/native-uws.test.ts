import { describe, expect, it } from 'vitest';
import { assertNativeUws } from './native-uws';

describe(assertNativeUws.name, () => {
  it('passes with the binary this machine loads', () => {
    expect(() => assertNativeUws()).not.toThrow();
  });

  it('refuses the pure-JS fallback, whose App is plain JavaScript', () => {
    expect(() => assertNativeUws({ App: () => ({}) })).toThrow(/fallback/);
  });
});
