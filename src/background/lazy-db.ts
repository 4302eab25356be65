// One lazy IndexedDB opener for the background's databases (the library, sync's state, the key store).
import { openDB, type DBSchema, type IDBPDatabase, type OpenDBCallbacks } from 'idb';

export interface LazyDatabaseOptions<Schema extends DBSchema> {
  upgrade: NonNullable<OpenDBCallbacks<Schema>['upgrade']>;
  /** The error an open refused by an older copy's connection fails with; without it the open waits. */
  blocked?: () => Error;
  /** Turns a failure to open into the caller's own error. */
  failure?: (error: unknown) => unknown;
}

/**
 * Opens the database on first use and keeps the connection. A failed open is forgotten (the next call
 * tries again); so is a connection the browser closed (`terminated`). When a newer version elsewhere
 * wants to upgrade, this copy steps aside (`blocking`) and reopens on its next call.
 */
export class LazyDatabase<Schema extends DBSchema> {
  private db: Promise<IDBPDatabase<Schema>> | null = null;

  constructor(readonly name: string, private readonly version: number, private readonly options: LazyDatabaseOptions<Schema>) {}

  open(): Promise<IDBPDatabase<Schema>> {
    const { upgrade, blocked, failure = (error: unknown) => error } = this.options;
    this.db ??= new Promise<IDBPDatabase<Schema>>((resolve, reject) => {
      openDB<Schema>(this.name, this.version, {
        upgrade,
        ...(blocked ? { blocked: () => reject(blocked()) } : {}),
        blocking: () => this.close(),
        terminated: () => {
          this.db = null;
        },
      }).then(resolve, (error: unknown) => reject(failure(error)));
    }).catch((error: unknown) => {
      this.db = null;
      throw error;
    });
    return this.db;
  }

  close(): void {
    const db = this.db;
    this.db = null;
    void db?.then((d) => d.close(), () => undefined);
  }
}
