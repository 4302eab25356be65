// The "already saved" line's pieces: relative times and the fields that changed since the save.
import { describe, expect, it } from 'vitest';
import { changedFields, relativeTime, savedNote } from '../../src/popup/saved-line.js';
import { sampleRecord } from '../ui/record.js';

const now = new Date('2026-12-01T12:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000).toISOString();

describe('relativeTime', () => {
  it('says now under a minute, and for a clock a little ahead', () => {
    expect(relativeTime(ago(0), now, 'en')).toBe('now');
    expect(relativeTime(ago(59), now, 'en')).toBe('now');
    expect(relativeTime(ago(-5), now, 'en')).toBe('now');
  });
  it('picks the largest whole unit', () => {
    expect(relativeTime(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(relativeTime(ago(2 * 3600), now, 'en')).toBe('2 hours ago');
    expect(relativeTime(ago(86_400), now, 'en')).toBe('yesterday');
    expect(relativeTime(ago(3 * 86_400), now, 'en')).toBe('3 days ago');
    expect(relativeTime(ago(400 * 86_400), now, 'en')).toBe('last year');
  });
  it('gives nothing for an unreadable time', () => {
    expect(relativeTime('', now, 'en')).toBe('');
    expect(relativeTime('not a date', now, 'en')).toBe('');
  });
});

describe('changedFields', () => {
  it('names nothing for the same record, and each changed field in the form\'s order', () => {
    const saved = sampleRecord();
    expect(changedFields(saved, sampleRecord())).toEqual([]);
    const edited = sampleRecord({ topics: ['New'], title: 'Other', quality: 99 });
    expect(changedFields(saved, edited)).toEqual(['title', 'quality', 'topics']);
    expect(changedFields(saved, { ...saved, provider: { ...saved.provider, name: 'X' } })).toEqual(['provider.name']);
    expect(changedFields(saved, { ...saved, provider: { ...saved.provider, domain: 'x.example' } })).toEqual(['provider.domain']);
  });
});

describe('savedNote', () => {
  const t = (key: string, ...subs: string[]) => (subs.length ? `${key}(${subs.join(',')})` : key);
  it('says when it was saved and, when later, updated; and what the form changes', () => {
    const stored = { savedAt: ago(3 * 86_400), updatedAt: ago(10), record: sampleRecord() };
    expect(savedNote(stored, sampleRecord(), now, t, 'en'))
      .toEqual({ text: 'popupSavedAgo(3 days ago) · popupUpdatedAgo(now)', changed: '', keys: [] });
    expect(savedNote({ ...stored, updatedAt: stored.savedAt }, sampleRecord({ title: 'X' }), now, t, 'en'))
      .toEqual({ text: 'popupSavedAgo(3 days ago)', changed: 'popupChangedSince(editorTitle)', keys: ['title'] });
  });
});
