// The browsers' raw failures in the product's words: what happened and what to do, never "Could not
// serialize message." as it stands.
import { errorText } from '../../ui/status.js';

const PLAIN: Array<[RegExp, string]> = [
  [/Message exceeded maximum allowed size|message length exceeded|exceeds the maximum/i,
    'Lede tried to move more data in one step than the browser allows. Nothing was half-written; try again with fewer files at once'],
  [/Could not serialize message|could not be cloned|DataCloneError/i,
    'the browser could not pass this data between Lede\'s parts. Nothing was half-written; try again with fewer files at once'],
  [/Receiving end does not exist|Could not establish connection|message (?:port|channel) closed|Extension context invalidated/i,
    'Lede\'s background stopped (the browser ended it, or the extension was reloaded). Reload this page and try again'],
  [/QuotaExceeded|quota/i,
    'the browser has no room left for Lede\'s library. Free disk space, or delete records you no longer need, then try again'],
  [/NotReadableError|could not be read|The requested file could not be read/i,
    'the file could not be read (was it moved, or changed while it was read?). Pick it again'],
];

/** A failure as the person should read it; the browser's own words are kept at the end for a report. */
export function plainFailure(error: unknown): string {
  const raw = errorText(error);
  for (const [pattern, said] of PLAIN) if (pattern.test(raw)) return `${said} (the browser said: ${raw.replace(/\.+$/, '')})`;
  return raw;
}

/** The background stopped while it was asked something: the answer is lost, not refused. */
export function isInterruption(error: unknown): boolean {
  return /Receiving end does not exist|Could not establish connection|message (?:port|channel) closed|Extension context invalidated|did not answer/i.test(errorText(error));
}
