// The key that signs alert buttons, so a forged `block_actions` payload
// cannot accept a baseline. Kept beside the store (mode 600) so buttons stay
// valid across restarts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SignPayload, VerifyPayload } from './blocks/button-value.js';

export interface ButtonKey {
  sign: SignPayload;
  verify: VerifyPayload;
}

export async function loadButtonKey(storeDir: string): Promise<ButtonKey> {
  const file = join(storeDir, 'button-key');
  let key: Buffer;
  try {
    key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  } catch {
    key = randomBytes(32);
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' }).catch(async () => {
      key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64'); // another start won the race
    });
  }
  return buttonKey(key);
}

export function buttonKey(key: Buffer): ButtonKey {
  const sign = (payload: string): string => createHmac('sha256', key).update(payload).digest('base64url');
  return {
    sign,
    verify: (payload, sig) => {
      const expected = Buffer.from(sign(payload));
      const given = Buffer.from(sig);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}
