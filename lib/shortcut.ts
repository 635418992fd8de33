import { browser } from './browser.ts';
import { logger } from './log.ts';

const log = logger('shortcut');

/** The "next mention" key and where the reader sets it when it is missing. */
export interface ShortcutInfo {
  /** As the browser writes it ("Alt+Shift+M"); empty when none is assigned. */
  shortcut: string;
  /** Which browser's settings page to point at: Firefox's add-ons manager or Chromium's shortcuts page. */
  where: 'chromium' | 'firefox';
}

/** The name of the command in wxt.config.ts. */
export const NEXT_MENTION_COMMAND = 'next-mention';

/**
 * Reads the key the browser assigned to "next mention", for the popup and options page.
 * Resolves with an empty `shortcut` when none is assigned or the browser cannot list commands.
 * The browser is told apart by the extension's own URL scheme (moz-extension: in Firefox).
 */
export async function readShortcut(): Promise<ShortcutInfo> {
  const where = browser.runtime.getURL('').startsWith('moz-extension:') ? 'firefox' : 'chromium';
  try {
    const commands = await browser.commands.getAll();
    return { shortcut: commands.find((c) => c.name === NEXT_MENTION_COMMAND)?.shortcut ?? '', where };
  } catch (error) {
    log.warn('could not read the commands', error);
    return { shortcut: '', where };
  }
}
