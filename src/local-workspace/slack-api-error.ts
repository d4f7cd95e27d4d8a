/**
 * A Web API refusal: becomes Slack's `{ ok: false, error, response_metadata }`
 * answer (HTTP 200), which the WebClient turns into a platform error.
 */
export class SlackApiError extends Error {
  constructor(
    /** Slack's error string: 'channel_not_found', 'invalid_blocks', … */
    readonly error: string,
    /** Details for `response_metadata.messages`, as Slack gives for invalid_arguments and invalid_blocks. */
    readonly details: string[] = [],
  ) {
    super(details.length > 0 ? `${error}: ${details.join('; ')}` : error);
    this.name = 'SlackApiError';
  }

  toBody(): Record<string, unknown> {
    const body: Record<string, unknown> = { ok: false, error: this.error };
    if (this.details.length > 0) body.response_metadata = { messages: this.details.map((d) => `[ERROR] ${d}`) };
    return body;
  }
}
