// What the load generator sends requests to. One request is one HTTP
// exchange, one WebSocket message and its reply, or one call of a function.
// A failed request rejects with an error whose `kind` names the failure.
import { ErrorCode, PerflabError } from '../../engine/errors.js';

export interface Target {
  /** `client` is the closed-model client sending it (its own connection), or the open model's arrival number. */
  send(client: number): Promise<void>;
  /** Closes every connection the target opened. */
  close(): Promise<void>;
}

export class RequestError extends PerflabError {
  constructor(readonly kind: string, message: string) {
    super(ErrorCode.StressRequest, message);
    this.name = 'RequestError';
  }
}

/** A short, stable name for how a request failed: `ECONNREFUSED`, `http-503`, `TypeError`. */
export function errorKind(error: unknown): string {
  if (error instanceof RequestError) return error.kind;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code !== '') return code;
  if (error instanceof Error) return error.name || 'Error';
  return 'threw';
}
