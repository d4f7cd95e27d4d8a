// `/perflab report` with bad input, on the real Bolt client against the local
// workspace: the asker gets what went wrong and the usage privately; the
// channel gets nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalBot } from '../../src/bot/start-local-bot.js';
import { startBotWithStore } from '../helpers/bot-with-store.js';

const BOB = 'U0BOB';

let local: LocalBot;
let stop: () => Promise<void>;

beforeAll(async () => {
  ({ local, stop } = await startBotWithStore({ machine: 'report-test' }));
});

afterAll(() => stop());

describe('/perflab report with bad input', () => {
  it.each([
    ['a point after the pattern', 'report json week', '`week`: give one point in time first'],
    ['a date, which only the CLI takes', 'report 2025-01-01', 'perflab report --vs'],
    ['an unbalanced quote', 'report "json', 'quote'],
  ])('%s gets the usage privately and posts nothing', async (_what, command, reason) => {
    const ws = local.workspace;
    const before = ws.ephemerals(BOB).length;
    const posted = ws.messages().length;

    await ws.slashCommand(BOB, command);

    const reply = await ws.waitFor(() => ws.ephemerals(BOB)[before], 30_000);
    expect(reply.text).toContain(reason);
    expect(reply.text).toContain('/perflab report [previous|day|week|month|year] [suite|case pattern]');
    expect(ws.messages()).toHaveLength(posted);
  });
});
