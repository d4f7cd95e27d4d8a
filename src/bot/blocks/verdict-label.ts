// One word (and one emoji, in mrkdwn) per verdict, the same in every message.
import type { Verdict } from '../../engine/model.js';

export const VERDICT_EMOJI: Record<Verdict, string> = {
  regressed: ':small_red_triangle:',
  improved: ':rocket:',
  unchanged: ':white_check_mark:',
  'no-baseline': ':new:',
  unstable: ':warning:',
  errored: ':x:',
};

export const VERDICT_WORD: Record<Verdict, string> = {
  regressed: 'slower',
  improved: 'faster',
  unchanged: 'unchanged',
  'no-baseline': 'no baseline',
  unstable: 'unstable',
  errored: 'errored',
};

export function verdictLabel(verdict: Verdict): string {
  return `${VERDICT_EMOJI[verdict]} ${VERDICT_WORD[verdict]}`;
}

