import { describe, expect, it } from 'vitest';
import { createDummyHash, hashPassword, parseHash, verifyPassword } from './password';

// Small parameters keep the unit tests fast; the format and the checks are the same.
const FAST = { N: 1024, r: 8, p: 1 };

describe(hashPassword.name, () => {
  it('stores the scrypt parameters and a salt with the hash', async () => {
    const sut = await hashPassword('correct horse', FAST);
    expect(sut).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(parseHash(sut)?.params).toEqual(FAST);
  });

  it('salts: the same password hashes differently twice', async () => {
    expect(await hashPassword('same', FAST)).not.toBe(await hashPassword('same', FAST));
  });

  it('uses the default (slow) parameters when none are given', async () => {
    expect(parseHash(await hashPassword('x'))?.params).toEqual({ N: 32768, r: 8, p: 1 });
  });
});

describe(verifyPassword.name, () => {
  it('accepts the right password', async () => {
    expect(await verifyPassword('correct horse', await hashPassword('correct horse', FAST))).toBe(true);
  });

  it('refuses a wrong password', async () => {
    expect(await verifyPassword('wrong horse', await hashPassword('correct horse', FAST))).toBe(false);
  });

  it('treats canonically equivalent unicode passwords alike (NFKC)', async () => {
    expect(await verifyPassword('caf\u0065\u0301', await hashPassword('caf\u00e9', FAST))).toBe(true);
  });

  it('refuses unreadable or tampered hashes instead of throwing', async () => {
    for (const stored of ['', 'plain', 'scrypt$1000$8$1$c2FsdA==$a2V5', 'scrypt$1024$8$1$$a2V5', 'bcrypt$1024$8$1$c2FsdA==$a2V5', 'scrypt$1048576000$8$1$c2FsdA==$a2V5']) {
      expect(await verifyPassword('x', stored)).toBe(false);
    }
  });
});

describe(createDummyHash.name, () => {
  it('makes one hash and hands it out again', async () => {
    const sut = createDummyHash(FAST);
    const first = await sut();
    expect(await sut()).toBe(first);
    expect(await verifyPassword('', first)).toBe(false);
  });
});
