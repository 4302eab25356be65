// @vitest-environment jsdom
// The popup's message for a page it cannot read: a heading, what to do, the background's words, and Try again where it may help.
import { describe, expect, it, vi } from 'vitest';
import { showMessage, type FailureReason } from '../../src/popup/message.js';

describe('unreadable page message', () => {
  it.each<[FailureReason, boolean]>([['restricted', false], ['no-access', true], ['no-tab', false], ['failed', true]])(
    '%s', (reason, retry) => {
      const section = document.createElement('section');
      section.hidden = true;
      const onRetry = vi.fn();
      showMessage(section, reason, 'The <b>background</b> says why.', onRetry);
      expect(section.hidden).toBe(false);
      expect(section.dataset.reason).toBe(reason);
      expect(section.querySelector('#message-title')!.textContent).toBeTruthy();
      expect(section.querySelector('#message-detail')!.textContent).toBe('The <b>background</b> says why.');
      expect(section.querySelector('b')).toBeNull();
      const button = section.querySelector<HTMLButtonElement>('#retry');
      expect(Boolean(button)).toBe(retry);
      button?.click();
      expect(onRetry).toHaveBeenCalledTimes(retry ? 1 : 0);
    });
});
