// Who did what, from where, when.

export interface AuditEvent {
  at: string;
  /** `slack:U123`, `cli:alice`, `ci:github`, `perflab` */
  actor: string;
  action: string;
  args: Record<string, unknown>;
}
