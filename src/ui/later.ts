// Parts of a page that few openings need (the comparison of two versions, the first key's moment) load as a
// script of their own when first asked for, so the popup's first script stays small. Each such script puts
// its one export on `globalThis` under a `__ledeLater_*` name; this asks for it once and waits.

const loading = new Map<string, Promise<unknown>>();

/** The export `name` of the extension script at `path` (from the extension's root), loading it the first time. */
export function later<T>(path: string, name: string): Promise<T> {
  const scope = globalThis as Record<string, unknown>;
  const key = `__ledeLater_${name}`;
  if (scope[key]) return Promise.resolve(scope[key] as T);
  let pending = loading.get(key);
  if (!pending) {
    pending = new Promise<unknown>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = `/${path}`;
      script.onload = () => (scope[key] ? resolve(scope[key]) : reject(new Error(`${path} did not load its part`)));
      script.onerror = () => {
        loading.delete(key);
        reject(new Error(`${path} could not be loaded`));
      };
      document.head.append(script);
    });
    loading.set(key, pending);
  }
  return pending as Promise<T>;
}

/** Registers a later part (the entry scripts call it). */
export function provide(name: string, value: unknown): void {
  (globalThis as Record<string, unknown>)[`__ledeLater_${name}`] = value;
}
