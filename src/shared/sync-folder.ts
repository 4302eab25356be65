// The folder the person chose for sync, kept in IndexedDB: a page stores it after the picker, the background reads it.
// (A FileSystemDirectoryHandle cannot cross runtime messages, but IndexedDB keeps it, permission aside.)

/** The permission calls Chromium's handles have (not yet in TypeScript's DOM types). */
export type PermittedFolder = FileSystemDirectoryHandle & {
  queryPermission(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
  requestPermission(descriptor: { mode: 'readwrite' }): Promise<PermissionState>;
};

const DB = 'lede-sync-folder';
const STORE = 'folder';
const KEY = 'folder';
/** The folder chosen before the current one: so the background can tell the same folder chosen again. */
const PREVIOUS = 'previous';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result as T);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export async function storedFolder<T = PermittedFolder>(): Promise<T | null> {
  return (await run<T | undefined>('readonly', (store) => store.get(KEY))) ?? null;
}

/** Keeps the chosen folder; the one before it stays beside it as the previous. */
export async function storeFolder(handle: FileSystemDirectoryHandle): Promise<void> {
  const before = await run<FileSystemDirectoryHandle | undefined>('readonly', (store) => store.get(KEY));
  if (before) await run('readwrite', (store) => store.put(before, PREVIOUS));
  await run('readwrite', (store) => store.put(handle, KEY));
}

/**
 * Whether the folder chosen last is the one chosen before it (`isSameEntry`): a person who chooses their
 * sync folder again (instead of allowing access) keeps what sync knows of it.
 */
export async function chosenAgain(): Promise<boolean> {
  const [now, before] = await Promise.all([
    storedFolder<FileSystemDirectoryHandle>(),
    run<FileSystemDirectoryHandle | undefined>('readonly', (store) => store.get(PREVIOUS)),
  ]);
  return Boolean(now && before && await now.isSameEntry(before));
}

export async function forgetFolder(): Promise<void> {
  await run('readwrite', (store) => store.delete(KEY));
  await run('readwrite', (store) => store.delete(PREVIOUS));
}
