// Small promise helpers shared by the popup and the background.

/**
 * Marks a promise started ahead of need as handled, so a failure nobody waits for (the popup
 * closed, an earlier step failed) is not reported as unhandled; whoever awaits it still sees it fail.
 */
export function startedEarly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** `work`, or a rejection with `timeoutError()` when it has not settled within `ms`. */
export function withTimeout<T>(work: Promise<T>, ms: number, timeoutError: () => Error): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeoutError()), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}
