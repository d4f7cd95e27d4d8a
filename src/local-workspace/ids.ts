import { randomBytes, randomUUID } from 'node:crypto';

/** Makes the IDs Slack would: views V…, files F…, trigger IDs, envelope IDs, block IDs. */
export interface IdSource {
  view(): string;
  file(): string;
  trigger(): string;
  envelope(): string;
  /** For blocks and elements sent without an ID (Slack fills them in). */
  blockId(): string;
  /** Unguessable: socket tickets and response_url hooks. */
  secret(): string;
}

export function createIdSource(): IdSource {
  let next = 1;
  const serial = (prefix: string) => `${prefix}0${(next++).toString(36).toUpperCase().padStart(8, '0')}`;
  return {
    view: () => serial('V'),
    file: () => serial('F'),
    trigger: () => `${Date.now()}.${next++}.${randomBytes(16).toString('hex')}`,
    envelope: () => randomUUID(),
    blockId: () => randomBytes(4).toString('base64url').slice(0, 5),
    secret: () => randomBytes(18).toString('base64url'),
  };
}
