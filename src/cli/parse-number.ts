import { InvalidArgumentError } from 'commander';
import { parseDuration } from '../engine/suite/parse-duration.js';
import { formatDuration } from '../engine/report/format-duration.js';

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

/** A duration option with an upper bound; `what` reads "… the 1 h <what>". */
export function durationUpTo(maxMs: number, what: string): (value: string) => number {
  return (value) => {
    const ms = parseDurationOption(value);
    if (ms > maxMs) throw new InvalidArgumentError(`${value} is longer than the ${maxMs % 3_600_000 === 0 ? `${maxMs / 3_600_000} h` : formatDuration(maxMs * 1e6)} ${what}`);
    return ms;
  };
}
