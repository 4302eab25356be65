// The browser's own promise-based API, for the few calls the popup makes before anything else loads:
// `browser` in Firefox, `chrome` in Chromium (MV3 calls without a callback return promises, Chrome ≥ 121).
// Kept to what those calls need, so the popup's first script stays a few hundred bytes.

interface NativeApi {
  runtime: { sendMessage(message: unknown): Promise<unknown>; getURL(path: string): string };
  tabs: {
    query(query: { active: boolean; currentWindow: boolean }): Promise<Array<{ id?: number }>>;
    create(properties: { url: string }): Promise<unknown>;
  };
}

export function nativeApi(): NativeApi {
  const scope = globalThis as { browser?: NativeApi; chrome?: NativeApi };
  const api = scope.browser?.runtime ? scope.browser : scope.chrome;
  if (!api?.runtime) throw new Error('The extension API is not available here.');
  return api;
}
