// Why work starts, and who asked.

export type TriggerKind = 'command' | 'schedule' | 'commit' | 'ci' | 'button' | 'cli';

export interface Trigger {
  kind: TriggerKind;
  /** Who or what asked: a Slack user id, `cli:<user>`, a schedule id, … */
  by: string;
}
