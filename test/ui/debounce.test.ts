// The draft is sent once typing pauses for 200 ms, at once when the popup closes, never after a save.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { debounce } from '../../src/ui/debounce.js';

describe('debounce', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('sends only the last of a burst of edits, 200 ms after the last', () => {
    const put = vi.fn();
    const putDraft = debounce(put, 200);
    putDraft('a');
    vi.advanceTimersByTime(150);
    putDraft('ab');
    vi.advanceTimersByTime(150);
    putDraft('abc');
    expect(put).not.toHaveBeenCalled();
    vi.advanceTimersByTime(199);
    expect(put).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(put).toHaveBeenCalledTimes(1);
    expect(put).toHaveBeenCalledWith('abc');
  });

  it('flush sends what is waiting now; cancel drops it', () => {
    const put = vi.fn();
    const putDraft = debounce(put, 200);
    putDraft('x');
    expect(putDraft.pending()).toBe(true);
    putDraft.flush();
    expect(put).toHaveBeenCalledWith('x');
    putDraft.flush();
    expect(put).toHaveBeenCalledTimes(1);
    putDraft('y');
    putDraft.cancel();
    vi.advanceTimersByTime(1000);
    expect(put).toHaveBeenCalledTimes(1);
    expect(putDraft.pending()).toBe(false);
  });
});
