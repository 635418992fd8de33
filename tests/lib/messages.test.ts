import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  isMentionsResponse,
  isMessage,
  isToBackgroundMessage,
  isToContentMessage,
  type MentionsResponse,
  readerMessageFor,
} from '../../lib/messages.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../lib/settings-core.ts';
import {
  framesWithMentions,
  isReaderUrl,
  mergeFrames,
  readerActivity,
  sendToFrame,
  sendToReader,
  sendToTab,
} from '../../lib/tab-messages.ts';
import { sendToBackground } from '../../lib/to-background.ts';

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
    { type: 'get-mentions', direct: true },
    { type: 'reveal-mention', index: 3, direct: true },
    { type: 'get-shortcut' },
    { type: 'get-frames', tabId: 4 },
    { type: 'to-reader', tabId: 4, message: { type: 'get-mentions' } },
    { type: 'to-reader', tabId: 4, message: { type: 'reveal-mention', index: 2 } },
    { type: 'to-reader', tabId: 4, message: { type: 'next-mention' } },
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
    { type: 'to-reader', message: { type: 'get-mentions' } },
    { type: 'to-reader', tabId: 4 },
    { type: 'to-reader', tabId: 4, message: { type: 'reveal-mention' } },
    { type: 'to-reader', tabId: 4, message: { type: 'get-frames', tabId: 4 } },
    { type: 'to-reader', tabId: 4, message: { type: 'to-reader', tabId: 4, message: { type: 'get-mentions' } } },
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
    expect(isToBackgroundMessage({ type: 'get-shortcut' })).toBe(true);
    expect(isToBackgroundMessage({ type: 'get-frames', tabId: 2 })).toBe(true);
    expect(isToBackgroundMessage({ type: 'get-frames' })).toBe(false);
    expect(isToContentMessage({ type: 'get-shortcut' })).toBe(false);
    expect(isToContentMessage({ type: 'get-frames', tabId: 2 })).toBe(false);
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
    expect(isMentionsResponse({ ...ok, mentions: [{ ...ok.mentions[0], frameId: -1 }] })).toBe(false);
    expect(isMentionsResponse({ ...ok, mentions: [{ ...ok.mentions[0], frameId: 3 }] })).toBe(true);
  });
});

describe('mergeFrames', () => {
  const answer = (texts: string[], url: string): MentionsResponse => ({
    mentions: texts.map((text, index) => ({ index, entity: 'dprk', text, snippet: text })),
    total: texts.length,
    capped: false,
    url,
    title: url,
  });
  it('tags every mention with its frame, top frame first, sums the totals and keeps the top page', () => {
    const merged = mergeFrames(answer(['DPRK'], 'https://top/'), [
      { frameId: 7, response: answer(['North Korea', 'DPRK'], 'https://frame/') },
    ]);
    expect(merged.mentions.map((m) => [m.frameId, m.index, m.text])).toEqual([
      [0, 0, 'DPRK'],
      [7, 0, 'North Korea'],
      [7, 1, 'DPRK'],
    ]);
    expect(merged.total).toBe(3);
    expect(merged.url).toBe('https://top/');
    expect(merged.capped).toBe(false);
    // Each sub-frame mention carries its frame's address, for the export's link back.
    expect(merged.mentions.map((m) => m.frameUrl)).toEqual([undefined, 'https://frame/', 'https://frame/']);
  });
  it('says capped when any frame was, and ignores a second answer for the top frame', () => {
    const capped = { ...answer(['DPRK'], 'https://frame/'), capped: true };
    const merged = mergeFrames(answer([], 'https://top/'), [
      { frameId: 0, response: answer(['x'], 'https://top/') },
      { frameId: 2, response: capped },
    ]);
    expect(merged.capped).toBe(true);
    expect(merged.mentions.map((m) => m.frameId)).toEqual([2]);
  });
});

describe('sending', () => {
  it('sendToTab sends to the given tab and resolves to its answer', async () => {
    const answer: MentionsResponse = { mentions: [], total: 0, capped: false };
    const spy = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(answer as never);
    await expect(sendToTab(7, { type: 'get-mentions' })).resolves.toEqual(answer);
    expect(spy).toHaveBeenCalledWith(7, { type: 'get-mentions' });
  });

  it('sendToFrame sends to one frame of the tab', async () => {
    const spy = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue({ ok: true } as never);
    await expect(sendToFrame(7, 3, { type: 'reveal-mention', index: 1, direct: true })).resolves.toEqual({ ok: true });
    expect(spy).toHaveBeenCalledWith(7, { type: 'reveal-mention', index: 1, direct: true }, { frameId: 3 });
  });

  it('framesWithMentions asks the background and keeps only frame ids', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ frames: [0, 5, -1, 'x'] } as never);
    await expect(framesWithMentions(9)).resolves.toEqual([0, 5]);
    expect(spy).toHaveBeenCalledWith({ type: 'get-frames', tabId: 9 });
    spy.mockResolvedValue(undefined as never);
    await expect(framesWithMentions(9)).resolves.toEqual([]);
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

describe('the PDF reader’s messages', () => {
  it('opens an envelope only for the reader of the tab it names', () => {
    const envelope = { type: 'to-reader', tabId: 12, message: { type: 'reveal-mention', index: 3 } };
    expect(readerMessageFor(envelope, 12)).toEqual({ type: 'reveal-mention', index: 3 });
    expect(readerMessageFor(envelope, 13)).toBeUndefined();
    expect(readerMessageFor({ type: 'reveal-mention', index: 3 }, 12)).toBeUndefined();
    // Neither the background nor a content script takes the envelope for theirs.
    expect(isToBackgroundMessage(envelope)).toBe(false);
    expect(isToContentMessage(envelope)).toBe(false);
  });

  it('sendToReader wraps the message with the tab id and resolves to the reader’s answer', async () => {
    const spy = vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockResolvedValue({ ok: true } as never);
    await expect(sendToReader(5, { type: 'reveal-mention', index: 1 })).resolves.toEqual({ ok: true });
    expect(spy).toHaveBeenCalledWith({ type: 'to-reader', tabId: 5, message: { type: 'reveal-mention', index: 1 } });
  });

  it('sendToReader resolves to undefined when no reader answers', async () => {
    vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockRejectedValue(new Error('Receiving end does not exist.'));
    await expect(sendToReader(5, { type: 'get-mentions' })).resolves.toBeUndefined();
  });

  it('isReaderUrl knows the reader page with any query or fragment, and nothing else', () => {
    const page = 'chrome-extension://abc/pdf.html';
    expect(isReaderUrl(`${page}?file=https%3A%2F%2Fx.example%2Fa.pdf#page=3`, page)).toBe(true);
    expect(isReaderUrl(page, page)).toBe(true);
    expect(isReaderUrl('chrome-extension://abc/popup.html', page)).toBe(false);
    expect(isReaderUrl('chrome-extension://other/pdf.html', page)).toBe(false);
    expect(isReaderUrl('https://abc/pdf.html', page)).toBe(false);
    expect(isReaderUrl(undefined, page)).toBe(false);
    expect(isReaderUrl('not a url', page)).toBe(false);
  });

  it('accepts PDF pages and the site in an answer, and rejects a page below 1', () => {
    const answer = (page: unknown, site?: unknown) => ({
      mentions: [{ index: 0, entity: 'dprk', text: 'DPRK', snippet: 'DPRK', page }],
      total: 1,
      capped: false,
      site,
    });
    expect(isMentionsResponse(answer(12, 'https://un.example/r.pdf'))).toBe(true);
    expect(isMentionsResponse(answer(undefined))).toBe(true);
    expect(isMentionsResponse(answer(0))).toBe(false);
    expect(isMentionsResponse(answer('12'))).toBe(false);
    expect(isMentionsResponse(answer(1, 42))).toBe(false);
  });
});

describe('readerActivity: what pausing means for a PDF in the reader', () => {
  const pdf = 'https://un.example/docs/report.pdf';
  const with_ = (over: Partial<Settings>): Settings => ({ ...DEFAULT_SETTINGS, ...over });

  it('is active by default, on a PDF with a site or a local one', () => {
    expect(readerActivity(DEFAULT_SETTINGS, pdf)).toEqual({ active: true });
    expect(readerActivity(DEFAULT_SETTINGS, undefined)).toEqual({ active: true });
  });

  it('pauses by the PDF’s origin, the same entry as the site’s web pages', () => {
    const paused = with_({ pausedSites: ['https://un.example'] });
    expect(readerActivity(paused, pdf)).toEqual({ active: false, reason: 'paused' });
    // Another site's PDF, and a local file, are not paused by it.
    expect(readerActivity(paused, 'https://other.example/report.pdf')).toEqual({ active: true });
    expect(readerActivity(paused, undefined)).toEqual({ active: true });
  });

  it('follows the never list on the PDF’s address, and the on/off switch everywhere', () => {
    expect(readerActivity(with_({ neverSites: ['*://un.example/*'] }), pdf)).toEqual({
      active: false,
      reason: 'excluded',
    });
    const off = with_({ enabled: false });
    expect(readerActivity(off, pdf)).toEqual({ active: false, reason: 'disabled' });
    expect(readerActivity(off, undefined)).toEqual({ active: false, reason: 'disabled' });
  });
});
