// Alerts without Slack (`perflab watch`): printed to the terminal as they are
// raised, with the same outbox and store records as the Slack bot's.
import pc from 'picocolors';
import type { Notifier, PostedMessage } from '../engine/alert/notifier.js';
import type { Alert, Finding } from '../engine/model.js';

/** How the notifier names an alert's findings. */
export type FindingLookup = (id: string) => Promise<Finding | undefined>;

export class TerminalNotifier implements Notifier {
  /** Every alert printed, in order. */
  readonly posted: Alert[] = [];

  constructor(
    private readonly findings: FindingLookup,
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  async post(alert: Alert): Promise<PostedMessage> {
    this.posted.push(alert);
    this.write(`${pc.bold(pc.red('ALERT'))} ${alert.id}: ${await describe(alert, this.findings)}`);
    return { channel: 'terminal', ts: alert.id };
  }

  update(alert: Alert): Promise<void> {
    if (alert.culprit) this.write(`${pc.bold('culprit')} of ${alert.id}: ${alert.culprit.commit.slice(0, 12)} by ${alert.culprit.author}: ${alert.culprit.subject}`);
    else this.write(`${alert.id} is now ${alert.state}${alert.stateBy ? ` (${alert.stateBy})` : ''}`);
    return Promise.resolve();
  }

  followUp(alert: Alert, _message: PostedMessage, text: string): Promise<void> {
    this.write(`${pc.dim(`${alert.id}:`)} ${text.replace(/`/g, '')}`);
    return Promise.resolve();
  }
}

async function describe(alert: Alert, finding: FindingLookup): Promise<string> {
  const at = alert.commit ? ` at ${alert.commit.slice(0, 12)}` : '';
  switch (alert.kind) {
    case 'build-failed':
      return `build failed${at}\n${pc.dim(alert.message ?? '')}`;
    case 'finding': {
      const findings = (await Promise.all((alert.findingIds ?? []).map((id) => finding(id)))).flatMap((f) => f ?? []);
      return `${findings.length} new finding(s)${at}: ${findings.map((f) => `${f.caseId}: ${f.title}`).join('; ')}`;
    }
    default:
      return `${alert.kind}${at}: ${alert.caseIds.join(', ')}`;
  }
}
