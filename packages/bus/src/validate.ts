// Argument checks both engines run before doing anything, so a bad call fails the same way
// (BusError INVALID) on memory and on Redis instead of as a Redis syntax error.
import { BusError } from './bus-error';

export const DEFAULT_READ_COUNT = 100;

export function positiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BusError('INVALID', `${name} must be a positive integer, got ${value}`);
  }
  return value;
}

export function nonNegativeInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new BusError('INVALID', `${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

/** XADD and HSET need at least one field/value pair. */
export function nonEmptyFields(fields: Record<string, string>): [string, string][] {
  const pairs = Object.entries(fields);
  if (pairs.length === 0) throw new BusError('INVALID', 'at least one field is needed');
  return pairs;
}
