// Engine data as the bot would get it, small and readable; tests override what they are about.
import type { AlertCaseView, AlertView } from '../../../src/bot/blocks/alert-message.js';
import type { ActionsBlock, Button, ContextBlock, KnownBlock } from '@slack/types';
import type { Message, Modal } from '../../../src/bot/blocks/block-kit.js';
import { limitViolations } from '../../../src/bot/blocks/limit-violations.js';
import type { Alert, Run } from '../../../src/engine/model.js';

export function alertOf(overrides: Partial<Alert> = {}): Alert {
  return {
    id: 'al-1',
    runId: 'run-7',
    commit: 'c0ffee1234567890abcdef',
    kind: 'regression',
    caseIds: ['json/parse 1MB'],
    state: 'open',
    createdAt: '2024-05-01T12:00:00.000Z',
    ...overrides,
    // A test may set any alert's fields, whatever its kind.
  } as Alert;
}

export function runOf(overrides: Partial<Run> = {}): Run {
  return {
    id: 'run-7',
    mode: 'bench',
    commit: 'c0ffee1234567890abcdef',
    dirty: false,
    machine: 'perf-box-1',
    trigger: { kind: 'commit', by: 'perflab' },
    startedAt: '2024-05-01T11:50:00.000Z',
    finishedAt: '2024-05-01T12:00:00.000Z',
    environment: 'ok',
    ...overrides,
  };
}

export function regressedCase(caseId: string, ratio = 1.18): AlertCaseView {
  return {
    caseId,
    unit: 'ns',
    baselineMedian: 1200,
    currentMedian: 1200 * ratio,
    n: 30,
    comparison: {
      caseId,
      verdict: ratio > 1 ? 'regressed' : 'improved',
      reason: `confirmed ${ratio > 1 ? 'slower' : 'faster'}`,
      change: { ratio, ciLow: ratio - 0.06, ciHigh: ratio + 0.06, pValue: 0.0004, method: 'interleaved', runs: 12 },
    },
  };
}

export function regressionView(overrides: Partial<AlertView> = {}): AlertView {
  const comparisons = overrides.comparisons ?? [regressedCase('json/parse 1MB')];
  return {
    alert: alertOf({ caseIds: comparisons.map((c) => c.caseId) }),
    run: runOf(),
    comparisons,
    commitRange: { from: 'aaaaaaaaaaaa1111', to: 'c0ffee1234567890abcdef' },
    author: { name: 'Ada', slackUserId: 'U0ADA1234' },
    link: 'https://perf.example.com/runs/run-7',
    ...overrides,
  };
}

/** Fails the test with every limit the surface breaks. */
export function expectWithinLimits(surface: Message | Modal): void {
  const violations = limitViolations(surface);
  if (violations.length > 0) throw new Error(`Slack limits broken:\n${violations.join('\n')}`);
}

/** Every text in the blocks, joined: for "does it say X" assertions. */
export function allText(message: { blocks: unknown[] }): string {
  const out: string[] = [];
  const visit = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(message.blocks);
  return out.join('\n');
}

/** The buttons of the (first) actions block; anything else in it fails the test, since perflab only puts buttons there. */
export function buttonsOf(blocks: readonly KnownBlock[]): Button[] {
  const actions = blocks.find((b): b is ActionsBlock => b.type === 'actions');
  return (actions?.elements ?? []).map((element) => {
    if (element.type !== 'button') throw new Error(`an actions block holds a ${element.type}, not a button`);
    return element;
  });
}

/** The texts of a context block; an image in it fails the test, since perflab puts only text there. */
export function contextTexts(block: ContextBlock | undefined): string[] {
  return (block?.elements ?? []).map((element) => {
    if (element.type === 'image') throw new Error('a context block holds an image');
    return element.text;
  });
}
