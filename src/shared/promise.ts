// Small promise helpers shared by the popup and the background.

/**
 * Marks a promise started ahead of need as handled, so a failure nobody waits for (the popup
 * closed, an earlier step failed) is not reported as unhandled; whoever awaits it still sees it fail.
 */
export function startedEarly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
