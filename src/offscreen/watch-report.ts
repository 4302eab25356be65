// What the folder watcher's worker tells the offscreen document.
export type WatchReport =
  | { kind: 'watching' }
  | { kind: 'changed'; names: string[] }
  /** Events were lost: nothing can be vouched for since the watch began. */
  | { kind: 'gap' }
  | { kind: 'failed'; error: string };
