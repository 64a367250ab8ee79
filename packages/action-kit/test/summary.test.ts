// Unit tests of the summary helpers' HTML escaping (shared by writeSummary and the actions' own summary tables).
import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../src/summary.js';

describe('escapeHtml', () => {
  it('escapes &, < and > (in that order, so no entity is escaped twice) and leaves quotes and the rest', () => {
    expect(escapeHtml(`a<b>&c "d" 'e' &lt;`)).toBe(`a&lt;b&gt;&amp;c "d" 'e' &amp;lt;`);
    expect(escapeHtml('')).toBe('');
  });
});
