import { describe, expect, it } from 'vitest';
import { helpText, parseCommand, USAGE, type Subcommand } from '../../../src/bot/commands/parse-command.js';

describe('parseCommand: commands people type', () => {
  const accepted: [string, Subcommand][] = [
    ['', { name: 'help' }],
    ['   ', { name: 'help' }],
    ['help', { name: 'help' }],
    ['HELP me please', { name: 'help' }],
    ['status', { name: 'status' }],
    ['  Status  ', { name: 'status' }],
    ['run all', { name: 'run', pattern: 'all' }],
    ['run ALL', { name: 'run', pattern: 'all' }],
    ['run json', { name: 'run', pattern: 'json' }],
    ['run json @main', { name: 'run', pattern: 'json', ref: 'main' }],
    ['run json/* @release/1.2', { name: 'run', pattern: 'json/*', ref: 'release/1.2' }],
    ['run "json/parse 1MB" @v1.2.3', { name: 'run', pattern: 'json/parse 1MB', ref: 'v1.2.3' }],
    ["run 'json/parse 1MB'", { name: 'run', pattern: 'json/parse 1MB' }],
    ['run json/parse 1MB', { name: 'run', pattern: 'json/parse 1MB' }],
    ['run \t json/parse \n  1MB   @main  ', { name: 'run', pattern: 'json/parse 1MB', ref: 'main' }],
    ['run "@weird"', { name: 'run', pattern: '@weird' }],
    ['run json @HEAD~1', { name: 'run', pattern: 'json', ref: 'HEAD~1' }],
    ['history json/parse 1MB', { name: 'history', caseId: 'json/parse 1MB' }],
    ['history "json/parse 1MB"', { name: 'history', caseId: 'json/parse 1MB' }],
    ['baseline http/get /api/users', { name: 'baseline', caseId: 'http/get /api/users' }],
    ['compare main my-branch', { name: 'compare', refA: 'main', refB: 'my-branch' }],
    ['compare @main @my-branch', { name: 'compare', refA: 'main', refB: 'my-branch' }],
    ['compare main feature/x json/*', { name: 'compare', refA: 'main', refB: 'feature/x', pattern: 'json/*' }],
    ['compare main HEAD "json/parse 1MB"', { name: 'compare', refA: 'main', refB: 'HEAD', pattern: 'json/parse 1MB' }],
    ['cancel j-42', { name: 'cancel', jobId: 'j-42' }],
    ['cancel job_7', { name: 'cancel', jobId: 'job_7' }],
  ];
  it.each(accepted)('%j', (text, command) => {
    expect(parseCommand(text)).toEqual({ ok: true, command });
  });
});

describe('parseCommand: what Slack does to the text', () => {
  it('reads smart double quotes as quotes', () => {
    expect(parseCommand('run “json/parse 1MB” @main')).toEqual({ ok: true, command: { name: 'run', pattern: 'json/parse 1MB', ref: 'main' } });
  });

  it('reads smart single quotes as quotes', () => {
    expect(parseCommand('history ‘json/parse 1MB’')).toEqual({ ok: true, command: { name: 'history', caseId: 'json/parse 1MB' } });
  });

  it('undoes &amp; &lt; &gt; escaping', () => {
    expect(parseCommand('history "strings/a &amp; b &lt;tag&gt;"')).toEqual({ ok: true, command: { name: 'history', caseId: 'strings/a & b <tag>' } });
  });

  it('undoes the escaping once only, as Slack applied it once', () => {
    expect(parseCommand('history strings/&amp;lt;')).toEqual({ ok: true, command: { name: 'history', caseId: 'strings/&lt;' } });
  });

  it('treats a non-breaking space as a space', () => {
    expect(parseCommand('run\u00a0json')).toEqual({ ok: true, command: { name: 'run', pattern: 'json' } });
  });
});

describe('parseCommand: mistakes get a short, kind answer', () => {
  const rejected: [string, RegExp][] = [
    ['deploy prod', /I don't know `deploy`.*\/perflab help/],
    ['history', /`history` needs a case id, like `json\/parse 1MB`/],
    ['baseline json', /`json` is not a case id: case ids look like `suite\/name`/],
    ['history /parse', /not a case id/],
    ['run', /`run` needs what to run/],
    ['run @main', /`run` needs what to run/],
    ['run @a json @b', /Put one `@ref` at the end/],
    ['run json @-upload-pack=evil', /refs cannot start with `-`/],
    ['run json @main..evil', /refs cannot contain `\.\.`/],
    ['compare +main b', /refs cannot start with `\+`/],
    ['run json @a:b', /is not a git ref/],
    ['run -rf', /patterns cannot start with `-`/],
    ['run "--exec=x"', /patterns cannot start with `-`/],
    [`run ${'x'.repeat(201)}`, /patterns are at most 200 characters/],
    ['run "a\u0000b"', /control characters/],
    ['compare main', /`compare` needs two refs/],
    ['compare --output=/tmp/x main', /refs cannot start with `-`/],
    ['compare main @-x', /refs cannot start with `-`/],
    ['compare main b @c', /exactly two refs/],
    ['compare main "my branch"', /is not a git ref/],
    ['cancel', /`cancel` needs a job id/],
    ['cancel a b', /takes one job id/],
    ['cancel j;rm', /is not a job id/],
    ['status now', /`status` takes no arguments/],
    ['run "json/parse 1MB', /quote is not closed/],
    ["history 'json/parse", /quote is not closed/],
  ];
  it.each(rejected)('%j', (text, message) => {
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(message);
    expect(result.usage.length).toBeGreaterThan(0);
  });

  it('answers a wrong subcommand with its usage line', () => {
    const result = parseCommand('history');
    expect(result).toMatchObject({ ok: false, usage: '`/perflab history &lt;suite/case&gt;`' });
  });

  it('refuses text over 4000 characters without echoing it', () => {
    const text = `run ${'json/parse '.repeat(500)}`;
    const result = parseCommand(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/at most 4000/);
    expect(result.error).not.toContain('json/parse');
  });

  it('never echoes more than a short piece of the input', () => {
    const result = parseCommand(`${'x'.repeat(3000)} run`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.length).toBeLessThan(150);
  });

  it('escapes what it echoes so a mention cannot ping anyone', () => {
    const result = parseCommand('<!channel> hi');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).not.toContain('<!channel>');
    expect(result.error).toContain('&lt;!channel&gt;');
  });
});

describe('demo', () => {
  it('takes no arguments, and says so when given some', () => {
    expect(parseCommand('demo')).toEqual({ ok: true, command: { name: 'demo' } });
    expect(parseCommand('  DEMO ')).toEqual({ ok: true, command: { name: 'demo' } });
    expect(parseCommand('demo now')).toEqual({ ok: false, error: '`demo` takes no arguments.', usage: '`/perflab demo`' });
  });
});

describe('USAGE', () => {
  it('has one line per subcommand, each a /perflab command', () => {
    for (const line of Object.values(USAGE)) expect(line).toMatch(/^\/perflab [a-z]+(?: .*)?$/);
    expect(Object.keys(USAGE).sort()).toEqual(['baseline', 'cancel', 'compare', 'demo', 'fuzz', 'help', 'history', 'report', 'run', 'schedule', 'status', 'stress']);
  });
});

describe('helpText', () => {
  it('lists only the commands the caller may run, in the usual order', () => {
    const text = helpText(['status', 'help', 'run']);
    expect(text).toContain('`/perflab run &lt;suite|case pattern|all&gt; [@ref]`');
    expect(text).toContain('`/perflab status`');
    expect(text).not.toContain('/perflab cancel');
    expect(text).not.toContain('/perflab compare');
    expect(text.indexOf('/perflab help')).toBeLessThan(text.indexOf('/perflab run'));
  });

  it('escapes the angle brackets of the usage lines, which Slack would read as links', () => {
    expect(helpText(['run', 'history', 'compare', 'cancel'])).not.toMatch(/[<>]/);
  });

  it('says so when nothing is allowed', () => {
    expect(helpText([])).toMatch(/cannot run any perflab commands/);
  });
});

describe('parseCommand: schedules', () => {
  it('reads list, add with a quoted cron expression and an optional mode, and remove', () => {
    expect(parseCommand('schedule')).toEqual({ ok: true, command: { name: 'schedule', action: 'list' } });
    expect(parseCommand('schedule list')).toEqual({ ok: true, command: { name: 'schedule', action: 'list' } });
    expect(parseCommand('schedule add "0 3 * * *" json')).toEqual({ ok: true, command: { name: 'schedule', action: 'add', cron: '0 3 * * *', pattern: 'json', mode: 'bench' } });
    expect(parseCommand('schedule add “*/5 * * * *” all fuzz')).toEqual({ ok: true, command: { name: 'schedule', action: 'add', cron: '*/5 * * * *', pattern: 'all', mode: 'fuzz' } });
    expect(parseCommand('schedule remove s-1a2b3c')).toEqual({ ok: true, command: { name: 'schedule', action: 'remove', id: 's-1a2b3c' } });
  });

  it('explains what is missing or wrong', () => {
    expect(parseCommand('schedule add 0 3 * * * json')).toMatchObject({ ok: false, error: expect.stringContaining('Quote the cron expression') });
    expect(parseCommand('schedule add "0 3 * * *"')).toMatchObject({ ok: false, error: expect.stringContaining('Say what to run') });
    expect(parseCommand('schedule remove')).toMatchObject({ ok: false, error: expect.stringContaining('one schedule id') });
    expect(parseCommand('schedule pause s-1')).toMatchObject({ ok: false, error: expect.stringContaining('can `list`, `add` or `remove`') });
  });
});
