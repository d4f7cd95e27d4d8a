// Driving the local workspace page in headless Chromium, as the browser
// tests do: Debian's chromium, the channel open with a person picked as
// "you", a line typed in the message box, a message of the channel found by
// its text.
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

// How every browser test launches Chromium (the site tests too); the flags
// keep it from reaching the network or needing a sandbox as root.
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
};

/** Opens the workspace page at `url` once the app is connected, with `userId` picked as "you". */
export async function openChannelPage(url: string, userId: string, viewport = { width: 1280, height: 900 }): Promise<{ browser: Browser; page: Page }> {
  const browser = await chromium.launch(CHROMIUM);
  try {
    const page = await browser.newPage({ viewport });
    await page.goto(url);
    await page.locator('#app-status[data-connected="true"]').waitFor();
    await page.selectOption('#user-picker', userId);
    return { browser, page };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

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
