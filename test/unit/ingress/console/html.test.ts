// The console's markup helper: every interpolation escaped, nested html kept, values shown as
// the text they were stored as.
import { describe, expect, it } from 'vitest';
import { escapeHtml, html, showTime, showValue } from '../../../../src/ingress/console/html.js';

describe('html``', () => {
  it('escapes every interpolated string, in text and in attributes', () => {
    const name = `<script>alert("x")</script> & 'y' \`z\``;
    expect(html`<td title="${name}">${name}</td>`.text).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</td>',
    );
  });

  it('keeps nested html as markup and joins lists; nothing for null, undefined and false', () => {
    const cells = ['a<', 'b'].map((text) => html`<td>${text}</td>`);
    // prettier-ignore
    const row = html`<tr>${cells}${null}${undefined}${false}${0}</tr>`;
    expect(row.text).toBe('<tr><td>a&lt;</td><td>b</td>0</tr>');
  });

  it('cannot be fooled by an object that looks like its own result', () => {
    const forged = { text: '<b>x</b>' } as unknown as string;
    expect(html`${forged}`.text).toBe('{&quot;text&quot;:&quot;&lt;b&gt;x&lt;/b&gt;&quot;}');
  });
});

describe('showValue', () => {
  it('shows money exactly as its stored text, never through a number', () => {
    expect(showValue('65.00').text).toBe('<span class="value">65.00</span>');
    expect(showValue('12345678901234567.89').text).toContain('12345678901234567.89');
    expect(showValue(4.5).text).toBe('<span class="value">4.5</span>');
  });

  it('shows empty values as (empty) and objects as escaped JSON', () => {
    for (const empty of [undefined, null, '']) expect(showValue(empty).text).toContain('(empty)');
    expect(showValue({ a: '<1>' }).text).toBe(
      '<span class="value json">{&quot;a&quot;:&quot;&lt;1&gt;&quot;}</span>',
    );
  });
});

describe('showTime and escapeHtml', () => {
  it('prints UTC times and a dash when absent', () => {
    expect(showTime(Date.UTC(2026, 11, 2, 3, 4, 5))).toBe('2026-12-02T03:04:05Z');
    expect(showTime('2026-12-02T03:04:05.250Z')).toBe('2026-12-02T03:04:05.250Z');
    expect(showTime(undefined)).toBe('—');
    expect(escapeHtml('plain')).toBe('plain');
  });
});
