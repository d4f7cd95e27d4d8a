// Driving the local workspace page in headless Chromium, as the browser
// tests do: Debian's chromium, a line typed in the message box, a message
// of the channel found by its text.
import type { Locator, Page } from 'playwright-core';

// The flags keep it from reaching the network or needing a sandbox as root.
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Types a line in the page's message box and sends it with Enter, as a person would. */
export async function send(page: Page, line: string): Promise<void> {
  await page.fill('#composer-input', line);
  await page.press('#composer-input', 'Enter');
  await page.locator('#composer-hint', { hasText: `Sent ${line}` }).waitFor();
}

/** A top-level message of the channel (not one in a thread) showing `text`. */
export function channelMessage(page: Page, text: string | RegExp): Locator {
  return page.locator('#timeline > article.message', { hasText: text });
}
