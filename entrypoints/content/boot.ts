/*
 * The script every page and frame gets (`content-scripts/content.js`), built on its own by
 * scripts/build-lazy-modules.ts and declared in the manifest by wxt.config.ts. Most frames of the
 * web never name the topic, so it only asks whether the frame has text that may (page/quiet.ts)
 * and, until it does, waits with one MutationObserver and answers the popup from here: "nothing
 * on this page". The rest of the content script (`content-main.js`: settings, annotator, cards)
 * is imported from the extension once the frame has something to read or the user asks for it.
 */
import { logger } from '../../lib/log.ts';
import { type ContentToBackground, isToContentMessage, LISTEN_HOOK } from '../../lib/messages.ts';
import { isQuiet, wakesUp } from '../../page/quiet.ts';
import { closedShadowRootOf, loadMain, loadMatcher } from './extension.ts';
import type { Started } from './main.ts';
import { emptyAnswer } from './page-messages.ts';

declare const chrome: {
  runtime: {
    sendMessage(message: ContentToBackground): Promise<unknown>;
    onMessage: {
      addListener(
        listener: (message: unknown, sender: unknown, sendResponse: (answer: unknown) => void) => true | undefined,
      ): void;
    };
  };
};

const log = logger('content');

const isTop = window === window.top;
/** The script proper, once started; undefined while the frame is quiet. */
let started: Promise<Started> | undefined;
/** Whether the popup or the shortcut activated the frame before it started (on-click mode). */
let activated = false;
let listening = false;

/** Loads and starts the rest of the content script, once; rejects when it cannot be loaded. */
function start(): Promise<Started> {
  if (started) return started;
  listen();
  // The matcher is needed as soon as the rest reads the page: asked now, it is fetched and
  // compiled while the rest loads and reads the settings (the rest's own import of it then
  // finds it in the module map).
  loadMatcher().catch((error: unknown) => log.debug('matcher not preloaded', error));
  started = loadMain().then((main) => main.run(activated));
  return started;
}

// The popup and the keyboard command talk to the page the reader sees: the top frame. Sub-frames
// stay silent so that their answer never wins the race for the response; they answer what is
// sent to them alone, and follow `activate`, so an on-click activation covers the frames of the
// tab too. A frame listens only once it wakes: its first call to the extension's API sets up the
// extension's bindings in the frame, most of what a quiet page or an ad frame would otherwise
// cost. A quiet top frame leaves `listen` under LISTEN_HOOK, where the popup and the background
// call it (scripting.executeScript, lib/tab-messages.ts) when a message finds no listener. A
// sub-frame that wakes after the popup activated the tab in on-click mode waits for the next
// activation, as a frame added to the page later does.
/**
 * Answers the popup and the background, once. The native API: Chromium does not reliably take
 * a Promise returned by an `onMessage` listener as the answer, so answers go through
 * `sendResponse`, and returning `true` keeps the channel open for an answer given later.
 * Returning nothing leaves the message to others. Returns whether the frame was not listening yet.
 */
function listen(): boolean {
  if (listening) return false;
  listening = true;
  chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
    if (!isToContentMessage(message)) return undefined;
    const fail = (error: unknown) => {
      log.error(`no answer to ${message.type}`, error);
      sendResponse(undefined);
    };
    if (message.type === 'activate') {
      activated = true;
      // The top frame says whether it now runs; a sub-frame (listening once awake) just follows.
      if (!isTop) {
        start()
          .then((main) => main.activate())
          .catch(fail);
        return undefined;
      }
      start()
        .then((main) => main.activate())
        .then((active) => sendResponse({ active }), fail);
      return true;
    }
    if (!isTop && !('direct' in message && message.direct)) return undefined;
    // A quiet frame has no mention to list or reveal, whatever the settings say.
    if (!started) {
      sendResponse(emptyAnswer(message));
      return undefined;
    }
    started.then((main) => main.answer(message)).then(sendResponse, fail);
    return true;
  });
  return true;
}

// Leaving the page takes its frames' counts off the badge (a sub-frame's next page may stay
// quiet and say nothing); frames restored from the back-forward cache report theirs again.
if (isTop) {
  (globalThis as Record<symbol, unknown>)[Symbol.for(LISTEN_HOOK)] = listen;
  window.addEventListener('pagehide', () => {
    chrome.runtime.sendMessage({ type: 'page-left' }).catch((error: unknown) => log.debug('page-left not sent', error));
  });
}

if (isQuiet(document, closedShadowRootOf)) {
  const observer = new MutationObserver((records) => {
    if (!started && !wakesUp(records, closedShadowRootOf)) return;
    observer.disconnect();
    start().catch((error: unknown) => log.warn('content script not started', error));
  });
  observer.observe(document, { childList: true, characterData: true, subtree: true });
} else {
  start().catch((error: unknown) => log.warn('content script not started', error));
}
