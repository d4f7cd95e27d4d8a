import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../engine/suite/parse-duration.js';

/** Commander argument parser for options such as --time-budget 500. */
export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

/** Commander argument parser for whole numbers that may be 0, such as --seed 0. */
export function parseNonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0 || value.trim() === '') throw new InvalidArgumentError(`expected a whole number ≥ 0, got "${value}"`);
  return n;
}

/** Commander argument parser for durations such as --budget 60s (`500ms`, `3s`, `2m`, `1h`). */
export function parseDurationOption(value: string): number {
  try {
    return parseDuration(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}
