// Why Details opens by itself: the title, the date, an over-long excerpt, anything the validator reports.
import { describe, expect, it } from 'vitest';
import { needsAttention } from '../../src/popup/attention.js';
import { sampleRecord } from '../ui/record.js';

describe('needsAttention', () => {
  it('is empty for a complete record', () => {
    expect(needsAttention(sampleRecord())).toEqual([]);
  });
  it('names the control and the reason, once each', () => {
    const record = sampleRecord({ title: ' ', publishedDateTime: null, excerpt: 'x'.repeat(201), webUrl: 'ftp://x' });
    expect(needsAttention(record)).toEqual([
      { control: 'title', reason: 'popupAttentionTitle' },
      { control: 'published-at', reason: 'popupAttentionNoDate' },
      { control: 'excerpt', reason: 'popupAttentionExcerpt' },
      { control: 'web-url', reason: 'popupAttentionProblem' },
    ]);
  });
  it('counts an excerpt by code points, as the format does', () => {
    expect(needsAttention(sampleRecord({ excerpt: '𝕃'.repeat(200) }))).toEqual([]);
  });
});
