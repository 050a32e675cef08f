import { describe, expect, it } from 'vitest';
import { checkPassword, parseUserArgs, UsageError } from './parse-args';

describe(parseUserArgs.name, () => {
  it('reads add NAME --role viewer', () => {
    expect(parseUserArgs(['add', 'ann', '--role', 'viewer'])).toEqual({ command: 'add', username: 'ann', role: 'viewer' });
  });
  it('reads --role=admin and puts the role anywhere', () => {
    expect(parseUserArgs(['add', '--role=admin', 'root'])).toEqual({ command: 'add', username: 'root', role: 'admin' });
  });
  it('makes viewers by default', () => {
    expect(parseUserArgs(['add', 'ann'])).toMatchObject({ role: 'viewer' });
  });
  it('shows help without arguments', () => {
    expect(parseUserArgs([])).toEqual({ command: 'help' });
    expect(parseUserArgs(['--help'])).toEqual({ command: 'help' });
  });
  it.each([
    [['remove', 'ann']],
    [['add']],
    [['add', 'ann', '--role', 'root']],
    [['add', 'ann', '--role']],
    [['add', 'ann', 'bob']],
    [['add', 'ann', '--force']],
    [['add', "ann'; drop table users;--"]],
    [['add', '-ann']],
  ])('refuses %j', (argv) => {
    expect(() => parseUserArgs(argv)).toThrow(UsageError);
  });
});

describe(checkPassword.name, () => {
  it('wants at least 12 characters and at most 256', () => {
    expect(checkPassword('short')).toMatch(/at least 12/);
    expect(checkPassword('x'.repeat(257))).toMatch(/at most 256/);
    expect(checkPassword('twelve chars')).toBeNull();
  });
});
