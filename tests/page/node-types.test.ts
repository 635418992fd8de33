// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import * as types from '../../page/node-types.ts';
import {
  DOCUMENT_FRAGMENT_NODE,
  DOCUMENT_NODE,
  DOCUMENT_POSITION_FOLLOWING,
  DOCUMENT_POSITION_PRECEDING,
  ELEMENT_NODE,
  SHOW_TEXT,
  TEXT_NODE,
} from '../../page/node-types.ts';

describe('node-types', () => {
  it('names the DOM’s own constants', () => {
    // Every export is checked below.
    expect(Object.keys(types)).toHaveLength(7);
    expect(typeof Node).toBe('function');
    expect([ELEMENT_NODE, TEXT_NODE, DOCUMENT_NODE, DOCUMENT_FRAGMENT_NODE]).toEqual([
      Node.ELEMENT_NODE,
      Node.TEXT_NODE,
      Node.DOCUMENT_NODE,
      Node.DOCUMENT_FRAGMENT_NODE,
    ]);
    expect([DOCUMENT_POSITION_PRECEDING, DOCUMENT_POSITION_FOLLOWING]).toEqual([
      Node.DOCUMENT_POSITION_PRECEDING,
      Node.DOCUMENT_POSITION_FOLLOWING,
    ]);
    expect(SHOW_TEXT).toBe(NodeFilter.SHOW_TEXT);
  });

  it('matches real nodes', () => {
    const host = document.createElement('div');
    const shadow = host.attachShadow({ mode: 'open' });
    const text = document.createTextNode('x');
    host.append(text);
    expect([host.nodeType, text.nodeType, document.nodeType, shadow.nodeType]).toEqual([
      ELEMENT_NODE,
      TEXT_NODE,
      DOCUMENT_NODE,
      DOCUMENT_FRAGMENT_NODE,
    ]);
    document.body.append(host);
    const p = document.createElement('p');
    document.body.append(p);
    expect(host.compareDocumentPosition(p) & DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(p.compareDocumentPosition(host) & DOCUMENT_POSITION_PRECEDING).toBeTruthy();
  });
});
