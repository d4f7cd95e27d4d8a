import { InvalidArgumentError } from 'commander';

/** Commander argument parser for options such as --time-budget 500. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}
