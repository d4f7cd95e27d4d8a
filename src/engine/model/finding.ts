// A stress failure or a fuzz counterexample, deduplicated by signature, and its life.

import type { Mode } from './mode.js';

export type FindingState = 'new' | 'known' | 'fixed' | 'regressed';

/** Where and when a finding was seen. */
export interface Sighting {
  runId: string;
  commit: string | null;
  at: string;
}

/**
 * A stress failure or a fuzz counterexample (DESIGN §3), deduplicated by
 * `signature`: the same bug seen again increments `count` and posts nothing.
 */
export interface Finding {
  id: string;
  mode: Extract<Mode, 'stress' | 'fuzz'>;
  caseId: string;
  /** Dedupe key: mode-specific (fuzz: error name + normalized message + top in-project frames). */
  signature: string;
  /** Mode-specific kind, e.g. `threshold-failed`, `leaking`, `property-failed`, `hang`. */
  kind: string;
  state: FindingState;
  /** Did not reproduce on replay. */
  flaky: boolean;
  /** One line for a person: "p99 312 ms > 200 ms", "TypeError: cannot read 'x' of undefined". */
  title: string;
  /** The full evidence as text: counterexample, numbers, last samples, the error and its stack. */
  evidence: string;
  /** One command that reproduces it, when there is one. */
  repro?: string;
  /** Mode-specific structured data (seed, path, counterexample, thresholds …). */
  detail: Record<string, unknown>;
  firstSeen: Sighting;
  lastSeen: Sighting;
  /** How many times it was seen (every sighting, all runs and workers). */
  count: number;
  stateBy?: string;
  stateAt?: string;
  /** Set when it stopped reproducing. */
  fixedIn?: Sighting;
  /** Runs in a row, since it was last seen, that ran its case and did not see it (reset by a sighting). */
  cleanRuns?: number;
}

/** What a finding is, before the store gives it an id and a history. */
export type FindingReport = Pick<Finding, 'mode' | 'caseId' | 'signature' | 'kind' | 'title' | 'evidence' | 'detail'> & { repro?: string };
