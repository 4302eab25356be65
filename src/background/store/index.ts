// The library store's public face: the store, its versioned write API, its errors, rows and the library key.
export * from './api.js';
export { DB_VERSION, LIBRARY_DB_NAME } from './database.js';
export { asStoreError, StoreError, type StoreErrorCode } from './errors.js';
export type { ImportItem } from './import.js';
export { libraryKey } from './key.js';
export { LibraryStore, type SaveOptions, type SaveOutcome } from './library-store.js';
export { keepsSource, ROW_SCHEMA, rowMigrations, rowToStored } from './rows.js';
