import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  isMentionsResponse,
  isMessage,
  isToBackgroundMessage,
  isToContentMessage,
  type MentionsResponse,
  sendToBackground,
} from '../lib/messages.ts';
import { sendToTab } from '../lib/tab-messages.ts';

// Without WXT's vitest plugin, `wxt/browser` is the real (absent) browser: swap in the fake.
vi.mock('wxt/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

beforeEach(() => {
  fakeBrowser.reset();
  vi.restoreAllMocks();
});

describe('isMessage', () => {
  const valid: unknown[] = [
    { type: 'get-mentions' },
    { type: 'reveal-mention', index: 0 },
    { type: 'reveal-mention', index: 41 },
    { type: 'next-mention' },
    { type: 'activate' },
    { type: 'mention-count', count: 0 },
    { type: 'mention-count', count: 1200 },
  ];
  const invalid: unknown[] = [
    undefined,
    null,
    0,
    'get-mentions',
    [],
    [{ type: 'get-mentions' }],
    {},
    { type: 'unknown' },
    { type: 'GET-MENTIONS' },
    { type: 'reveal-mention' },
    { type: 'reveal-mention', index: -1 },
    { type: 'reveal-mention', index: 1.5 },
    { type: 'reveal-mention', index: '3' },
    { type: 'reveal-mention', index: Number.NaN },
    { type: 'mention-count' },
    { type: 'mention-count', count: Number.POSITIVE_INFINITY },
    { kind: 'get-mentions' },
  ];
  for (const x of valid) it(`accepts ${JSON.stringify(x)}`, () => expect(isMessage(x)).toBe(true));
  for (const x of invalid) it(`rejects ${JSON.stringify(x) ?? String(x)}`, () => expect(isMessage(x)).toBe(false));

  it('routes messages to the context that answers them', () => {
    expect(isToContentMessage({ type: 'get-mentions' })).toBe(true);
    expect(isToContentMessage({ type: 'next-mention' })).toBe(true);
    expect(isToContentMessage({ type: 'mention-count', count: 3 })).toBe(false);
    expect(isToBackgroundMessage({ type: 'mention-count', count: 3 })).toBe(true);
    expect(isToBackgroundMessage({ type: 'reveal-mention', index: 1 })).toBe(false);
    expect(isToBackgroundMessage({ type: 'mention-count', count: -3 })).toBe(false);
  });
});

describe('isMentionsResponse', () => {
  const ok: MentionsResponse = {
    mentions: [{ index: 0, entity: 'dprk', text: 'DPRK', snippet: '… the DPRK said …' }],
    total: 1,
    capped: false,
  };
  it('accepts a well-formed answer, empty or not', () => {
    expect(isMentionsResponse(ok)).toBe(true);
    expect(isMentionsResponse({ mentions: [], total: 0, capped: false })).toBe(true);
    expect(isMentionsResponse({ mentions: [], total: 0, capped: false, error: 'matcher-unavailable' })).toBe(true);
  });
  it('rejects missing answers and malformed fields', () => {
    expect(isMentionsResponse(undefined)).toBe(false);
    expect(isMentionsResponse({ ...ok, total: '1' })).toBe(false);
    expect(isMentionsResponse({ ...ok, capped: 'no' })).toBe(false);
    expect(isMentionsResponse({ ...ok, mentions: {} })).toBe(false);
    expect(isMentionsResponse({ ...ok, mentions: [{ ...ok.mentions[0], entity: 'north-korea' }] })).toBe(false);
    expect(isMentionsResponse({ ...ok, mentions: [{ ...ok.mentions[0], snippet: undefined }] })).toBe(false);
    expect(isMentionsResponse({ ...ok, mentions: [null] })).toBe(false);
    expect(isMentionsResponse({ ...ok, error: 'offline' })).toBe(false);
  });
});

describe('sending', () => {
  it('sendToTab sends to the given tab and resolves to its answer', async () => {
    const answer: MentionsResponse = { mentions: [], total: 0, capped: false };
    const spy = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(answer as never);
    await expect(sendToTab(7, { type: 'get-mentions' })).resolves.toEqual(answer);
    expect(spy).toHaveBeenCalledWith(7, { type: 'get-mentions' });
  });

  it('sendToTab rejects when no content script listens', async () => {
    vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    await expect(sendToTab(7, { type: 'reveal-mention', index: 2 })).rejects.toThrow('Receiving end');
  });

  it('sendToBackground delivers the message to runtime listeners', async () => {
    const received: unknown[] = [];
    fakeBrowser.runtime.onMessage.addListener((message: unknown) => {
      received.push(message);
    });
    await sendToBackground({ type: 'mention-count', count: 5 });
    expect(received).toEqual([{ type: 'mention-count', count: 5 }]);
    expect(received.every(isToBackgroundMessage)).toBe(true);
  });
});
