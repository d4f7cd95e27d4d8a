// A stand-in for Slack that child processes can share and a test can count:
// each post appends one line `<alert id> <pid>` to a file. Like a notifier
// that can look up its own messages, it finds an alert it already posted (the
// outbox asks before posting an alert whose last claimant died).
import { appendFileSync, readFileSync } from 'node:fs';
import type { Notifier, PostedMessage } from '../../src/engine/alert/notifier.js';
import type { Alert } from '../../src/engine/model.js';

export function fileNotifier(file: string): Notifier {
  return {
    async post(alert: Alert): Promise<PostedMessage> {
      appendFileSync(file, `${alert.id} ${process.pid}\n`);
      return { channel: 'C-TEST', ts: `${Date.now()}.${process.pid}` };
    },
    async findPosted(alert: Alert): Promise<PostedMessage | undefined> {
      return postedIds(file).includes(alert.id) ? { channel: 'C-TEST', ts: 'found' } : undefined;
    },
    async update(): Promise<void> {},
  };
}

/** The alert ids posted to `file`, one per post, in order. */
export function postedIds(file: string): string[] {
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return text.split('\n').filter((line) => line.length > 0).map((line) => line.split(' ')[0] ?? '');
}
