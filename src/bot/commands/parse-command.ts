// The `/perflab` grammar: text in, a command or a kind explanation out. Pure,
// and total: whatever Slack (or someone pasting 5 KB of junk) sends, the
// answer is a ParseResult, never an exception.
import { checkCaseId, checkJobId, checkPattern, checkRef } from './check-arguments.js';
import { codeSpan, echoInput } from './echo-input.js';
import { normalizeCommandText, tokenize, type Token } from './tokenize.js';
import { SCHEDULE_MODES } from '../../engine/config/schedule-config.js';
import type { ScheduleMode } from '../../engine/model.js';
import { parseDuration } from '../../engine/suite/parse-duration.js';
import { MAX_STRESS_DURATION_MS } from '../../engine/suite/stress-schema.js';

export type Subcommand =
  | { name: 'help' }
  | { name: 'run'; pattern: string; ref?: string }
  | { name: 'status' }
  | { name: 'history'; caseId: string }
  | { name: 'report'; point?: ReportPoint; pattern?: string }
  | { name: 'baseline'; caseId: string }
  | { name: 'compare'; refA: string; refB: string; pattern?: string }
  | { name: 'cancel'; jobId: string }
  | { name: 'schedule'; action: 'list' }
  | { name: 'schedule'; action: 'add'; cron: string; pattern: string; mode: ScheduleMode }
  | { name: 'schedule'; action: 'remove'; id: string }
  | { name: 'stress'; pattern: string; durationMs?: number }
  | { name: 'fuzz'; pattern: string; budgetMs?: number }
  | { name: 'demo' };

export type { ScheduleMode } from '../../engine/model.js';

/** The points in time `/perflab report` takes (the CLI also takes dates and refs). */
export type ReportPoint = 'previous' | 'day' | 'week' | 'month' | 'year';
const REPORT_POINTS: readonly ReportPoint[] = ['previous', 'day', 'week', 'month', 'year'];

export type SubcommandName = Subcommand['name'];

/** On failure, `error` and `usage` are mrkdwn, escaped and ready to send as a private reply. */
export type ParseResult = { ok: true; command: Subcommand } | { ok: false; error: string; usage: string };

/** Slack allows 4000 characters after the command; anything longer did not come from a person typing. */
export const MAX_TEXT = 4000;

/** One line per subcommand, plain text (escape `<` `>` before putting it in mrkdwn). */
export const USAGE: Record<SubcommandName, string> = {
  help: '/perflab help',
  run: '/perflab run <suite|case pattern|all> [@ref]',
  status: '/perflab status',
  history: '/perflab history <suite/case>',
  report: '/perflab report [previous|day|week|month|year] [suite|case pattern]',
  baseline: '/perflab baseline <suite/case>',
  compare: '/perflab compare <refA> <refB> [suite|case pattern]',
  cancel: '/perflab cancel <job id>',
  schedule: '/perflab schedule list | add "<cron>" <pattern> [bench|stress|fuzz|digest] | remove <id>',
  stress: '/perflab stress <suite|scenario pattern|all> [duration]',
  fuzz: '/perflab fuzz <suite|property pattern|all> [budget]',
  demo: '/perflab demo',
};

const NAMES = Object.keys(USAGE) as SubcommandName[];
const GENERAL_USAGE = codeSpan(`/perflab <${NAMES.join('|')}> …`);
// Usage lines as they appear in replies.
const USAGE_MRKDWN = Object.fromEntries(NAMES.map((name) => [name, codeSpan(USAGE[name])])) as Record<SubcommandName, string>;

const DESCRIPTION: Record<SubcommandName, string> = {
  help: 'this list',
  run: 'measure now, e.g. `/perflab run json @main` or `/perflab run "json/parse 1MB"`',
  status: 'what is queued and running',
  history: "a case's results, run by run, with its chart",
  report: 'latest results against the previous run, a day, a week, a month and a year ago, e.g. `/perflab report week json`',
  baseline: "a case's accepted baseline and who accepted it",
  compare: 'is B slower than A? e.g. `/perflab compare main my-branch`',
  cancel: 'stop a queued or running job (ids are in `/perflab status`)',
  schedule: 'recurring runs, e.g. `/perflab schedule add "0 3 * * *" all` for 03:00 every night; `… "0 9 * * 1" all digest` posts what moved each Monday',
  stress: 'load scenarios past capacity and report what breaks, e.g. `/perflab stress http 30s`',
  fuzz: 'fuzz properties for a while (default 60 s) and report what fails, e.g. `/perflab fuzz url 2m`',
  demo: 'see perflab catch a slower commit: a throwaway repository gets a few commits, one of them slower; perflab measures them, alerts and bisects (a minute or two)',
};

/** The help message, listing only what the caller may run (in the canonical order). */
export function helpText(allowed: readonly SubcommandName[]): string {
  const lines = NAMES.filter((name) => allowed.includes(name)).map((name) => `• ${USAGE_MRKDWN[name]} — ${DESCRIPTION[name]}`);
  if (lines.length === 0) return 'You cannot run any perflab commands here. Ask a perflab admin if you think you should.';
  return ['*perflab* — what you can ask me:', ...lines, 'Quote case names with spaces: `"json/parse 1MB"`.'].join('\n');
}

export function parseCommand(text: string): ParseResult {
  if (typeof text !== 'string') return { ok: true, command: { name: 'help' } };
  if (text.length > MAX_TEXT) {
    return fail(`That is ${text.length} characters; commands are at most ${MAX_TEXT}. Try a shorter pattern.`, GENERAL_USAGE);
  }
  const normalized = normalizeCommandText(text);
  const tokenized = tokenize(normalized);
  if (!tokenized.ok) {
    // `report "json` names its subcommand before the stray quote: show that one's usage.
    const first = /^\s*([a-z]+)(?:\s|$)/i.exec(normalized)?.[1]?.toLowerCase();
    return fail(tokenized.error, first && Object.hasOwn(USAGE_MRKDWN, first) ? USAGE_MRKDWN[first as SubcommandName] : GENERAL_USAGE);
  }
  const [first, ...args] = tokenized.tokens;
  if (!first) return { ok: true, command: { name: 'help' } };
  const name = first.text.toLowerCase();
  switch (name) {
    case 'help':
      return { ok: true, command: { name: 'help' } };
    case 'status':
      return args.length === 0 ? { ok: true, command: { name: 'status' } } : fail('`status` takes no arguments.', USAGE_MRKDWN.status);
    case 'run':
      return parseRun(args);
    case 'history':
    case 'baseline':
      return parseCaseCommand(name, args);
    case 'report':
      return parseReport(args);
    case 'compare':
      return parseCompare(args);
    case 'cancel':
      return parseCancel(args);
    case 'schedule':
      return parseSchedule(args);
    case 'stress':
      return parseStress(args);
    case 'fuzz':
      return parseFuzz(args);
    case 'demo':
      return args.length === 0 ? { ok: true, command: { name: 'demo' } } : fail('`demo` takes no arguments.', USAGE_MRKDWN.demo);
    default:
      return fail(`I don't know ${echoInput(first.text)}. Try \`/perflab help\` to see what I can do.`, GENERAL_USAGE);
  }
}

function parseRun(args: Token[]): ParseResult {
  const last = args.at(-1);
  const ref = last && isRefToken(last) ? last.text.slice(1) : undefined;
  const rest = ref === undefined ? args : args.slice(0, -1);
  if (rest.length === 0) {
    return fail('`run` needs what to run: a suite, a case pattern or `all`, like `/perflab run json @main`.', USAGE_MRKDWN.run);
  }
  if (rest.some(isRefToken)) return fail('Put one `@ref` at the end, like `/perflab run json @main`.', USAGE_MRKDWN.run);
  const pattern = patternOf(rest);
  const patternProblem = checkPattern(pattern);
  if (patternProblem) return fail(`${echoInput(pattern)} cannot be run: ${patternProblem}.`, USAGE_MRKDWN.run);
  if (ref === undefined) return { ok: true, command: { name: 'run', pattern } };
  const refProblem = checkRef(ref);
  if (refProblem) return fail(`${echoInput(`@${ref}`)} is not a git ref: ${refProblem}.`, USAGE_MRKDWN.run);
  return { ok: true, command: { name: 'run', pattern, ref } };
}

function parseCompare(args: Token[]): ParseResult {
  const [a, b, ...rest] = args;
  if (!a || !b) return fail('`compare` needs two refs, like `/perflab compare main my-branch`.', USAGE_MRKDWN.compare);
  const refA = stripAt(a);
  const refB = stripAt(b);
  for (const ref of [refA, refB]) {
    const problem = checkRef(ref);
    if (problem) return fail(`${echoInput(ref)} is not a git ref: ${problem}.`, USAGE_MRKDWN.compare);
  }
  if (rest.length === 0) return { ok: true, command: { name: 'compare', refA, refB } };
  if (rest.some(isRefToken)) return fail('`compare` takes exactly two refs, then optionally a pattern.', USAGE_MRKDWN.compare);
  const pattern = patternOf(rest);
  const problem = checkPattern(pattern);
  if (problem) return fail(`${echoInput(pattern)} cannot be compared: ${problem}.`, USAGE_MRKDWN.compare);
  return { ok: true, command: { name: 'compare', refA, refB, pattern } };
}

function parseCaseCommand(name: 'history' | 'baseline', args: Token[]): ParseResult {
  if (args.length === 0) return fail(`\`${name}\` needs a case id, like \`json/parse 1MB\`.`, USAGE_MRKDWN[name]);
  // Unquoted case names with spaces are fine: `history json/parse 1MB`.
  const caseId = args.map((t) => t.text).join(' ').trim();
  const problem = checkCaseId(caseId);
  if (problem) return fail(`${echoInput(caseId)} is not a case id: ${problem}, like \`json/parse 1MB\`.`, USAGE_MRKDWN[name]);
  return { ok: true, command: { name, caseId } };
}

/** `report [point] [pattern]`: an unquoted first word naming a point is the point; the rest is the pattern. */
function parseReport(args: Token[]): ParseResult {
  const first = args[0];
  const point = first && !first.quoted ? REPORT_POINTS.find((p) => p === first.text.toLowerCase()) : undefined;
  const words = point ? args.slice(1) : args;
  // A point, a ref or a date later on is a point put in the wrong place, or one Slack does not take: say so rather than search for a case called `week`.
  const stray = words.find((t) => !t.quoted && (REPORT_POINTS.includes(t.text.toLowerCase() as ReportPoint) || t.text.startsWith('@') || /^\d{4}-\d{2}-\d{2}/.test(t.text)));
  if (stray) {
    return fail(`${echoInput(stray.text)}: give one point in time first, one of \`${REPORT_POINTS.join('|')}\` (dates and refs: \`perflab report --vs\` on the CLI).`, USAGE_MRKDWN.report);
  }
  if (words.length === 0) return { ok: true, command: { name: 'report', ...(point ? { point } : {}) } };
  const pattern = patternOf(words);
  const problem = checkPattern(pattern);
  if (problem) return fail(`${echoInput(pattern)} cannot be reported on: ${problem}.`, USAGE_MRKDWN.report);
  return { ok: true, command: { name: 'report', ...(point ? { point } : {}), ...(pattern === 'all' ? {} : { pattern }) } };
}

function parseCancel(args: Token[]): ParseResult {
  const [token, ...extra] = args;
  if (!token) return fail('`cancel` needs a job id, like `/perflab cancel j-42` (see `/perflab status`).', USAGE_MRKDWN.cancel);
  if (extra.length > 0) return fail('`cancel` takes one job id.', USAGE_MRKDWN.cancel);
  const problem = checkJobId(token.text);
  if (problem) return fail(`${echoInput(token.text)} is not a job id: ${problem}.`, USAGE_MRKDWN.cancel);
  return { ok: true, command: { name: 'cancel', jobId: token.text } };
}

function parseSchedule(args: Token[]): ParseResult {
  const [action, ...rest] = args;
  const verb = action?.text.toLowerCase();
  if (!action || verb === 'list') {
    return rest.length === 0 ? { ok: true, command: { name: 'schedule', action: 'list' } } : fail('`schedule list` takes no arguments.', USAGE_MRKDWN.schedule);
  }
  if (verb === 'remove') {
    const [id, ...extra] = rest;
    if (!id || extra.length > 0) return fail('`schedule remove` takes one schedule id (see `/perflab schedule list`).', USAGE_MRKDWN.schedule);
    if (!/^[\w.-]{1,64}$/.test(id.text)) return fail(`${echoInput(id.text)} is not a schedule id.`, USAGE_MRKDWN.schedule);
    return { ok: true, command: { name: 'schedule', action: 'remove', id: id.text } };
  }
  if (verb !== 'add') return fail(`${echoInput(action.text)}: \`schedule\` can \`list\`, \`add\` or \`remove\`.`, USAGE_MRKDWN.schedule);
  const [cron, ...selection] = rest;
  if (!cron || !cron.quoted) return fail('Quote the cron expression: `/perflab schedule add "0 3 * * *" all`.', USAGE_MRKDWN.schedule);
  const last = selection.at(-1);
  const mode = last && !last.quoted && (SCHEDULE_MODES as readonly string[]).includes(last.text.toLowerCase()) ? (last.text.toLowerCase() as ScheduleMode) : undefined;
  const words = mode ? selection.slice(0, -1) : selection;
  if (words.length === 0) return fail('Say what to run: a suite, a case pattern or `all`, after the cron expression.', USAGE_MRKDWN.schedule);
  const pattern = patternOf(words);
  const problem = checkPattern(pattern);
  if (problem) return fail(`${echoInput(pattern)} cannot be scheduled: ${problem}.`, USAGE_MRKDWN.schedule);
  return { ok: true, command: { name: 'schedule', action: 'add', cron: cron.text, pattern, mode: mode ?? 'bench' } };
}

/** `stress <pattern> [duration]`: a last unquoted word that reads as a duration (`30s`, `2m`) is the duration. */
function parseStress(args: Token[]): ParseResult {
  const last = args.at(-1);
  // `1MB` in `stress json/parse 1MB` is part of a case name, not a duration.
  const durationMs = last && !last.quoted && DURATION_WORD.test(last.text) ? readDuration(last.text, MAX_STRESS_DURATION_MS, 'a stress scenario runs') : undefined;
  if (typeof durationMs === 'string') return fail(durationMs, USAGE_MRKDWN.stress);
  const rest = durationMs === undefined ? args : args.slice(0, -1);
  if (rest.length === 0) return fail('`stress` needs what to stress: a suite, a scenario pattern or `all`, like `/perflab stress http 30s`.', USAGE_MRKDWN.stress);
  const pattern = patternOf(rest);
  const problem = checkPattern(pattern);
  if (problem) return fail(`${echoInput(pattern)} cannot be stressed: ${problem}.`, USAGE_MRKDWN.stress);
  return { ok: true, command: { name: 'stress', pattern, ...(durationMs !== undefined ? { durationMs } : {}) } };
}

/** `fuzz <pattern> [budget]`: as for stress, a last word that reads as a duration is the budget (a lone word is the pattern). */
function parseFuzz(args: Token[]): ParseResult {
  const last = args.at(-1);
  const budgetMs = last && !last.quoted && args.length > 1 && DURATION_WORD.test(last.text) ? readDuration(last.text, MAX_SLACK_FUZZ_MS, 'a fuzz run from Slack lasts') : undefined;
  if (typeof budgetMs === 'string') return fail(budgetMs, USAGE_MRKDWN.fuzz);
  const rest = budgetMs === undefined ? args : args.slice(0, -1);
  if (rest.length === 0) return fail('`fuzz` needs what to fuzz: a suite, a property pattern or `all`, like `/perflab fuzz url 2m`.', USAGE_MRKDWN.fuzz);
  const pattern = patternOf(rest);
  const problem = checkPattern(pattern);
  if (problem) return fail(`${echoInput(pattern)} cannot be fuzzed: ${problem}.`, USAGE_MRKDWN.fuzz);
  return { ok: true, command: { name: 'fuzz', pattern, ...(budgetMs !== undefined ? { budgetMs } : {}) } };
}

const DURATION_WORD = /^\d+(?:\.\d+)?(?:ms|s|sec|m|min|h)$/i;
/** Shorter runs measure and find nothing useful; below a second there is not even one process sample. */
const MIN_SLACK_RUN_MS = 1000;
const MAX_SLACK_FUZZ_MS = 3_600_000;

/** Milliseconds, or why the duration cannot be used (mrkdwn). `what` reads "… at most an hour". */
function readDuration(text: string, maxMs: number, what: string): number | string {
  const ms = parseDuration(text);
  if (ms > maxMs) return `${echoInput(text)} is too long: ${what} at most ${maxMs === 3_600_000 ? 'an hour' : `${maxMs / 1000} s`}.`;
  if (ms < MIN_SLACK_RUN_MS) return `${echoInput(text)} is too short to say anything; use at least \`1s\`.`;
  return ms;
}

/** `@main` outside quotes; `"@main"` is an ordinary word. */
function isRefToken(token: Token): boolean {
  return !token.quoted && token.text.startsWith('@');
}

function stripAt(token: Token): string {
  return isRefToken(token) ? token.text.slice(1) : token.text;
}

/** Words joined by one space, so unquoted case names with spaces still work; `ALL` means `all`. */
function patternOf(tokens: Token[]): string {
  const pattern = tokens.map((t) => t.text).join(' ').trim();
  return tokens.length === 1 && !tokens[0]?.quoted && pattern.toLowerCase() === 'all' ? 'all' : pattern;
}

function fail(error: string, usage: string): ParseResult {
  return { ok: false, error, usage };
}
