// The storage areas the background keeps small state in, behind one interface Node tests can fake.

/** The part of `storage.local` / `storage.session` used here. */
export interface StorageAreaLike {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(key: string): Promise<void>;
}

/** A storage area in memory: for browsers without `storage.session`, and for tests. */
export function memoryArea(): StorageAreaLike {
  const items = new Map<string, unknown>();
  return {
    get: async (key) => (items.has(key) ? { [key]: structuredClone(items.get(key)) } : {}),
    set: async (added) => {
      for (const [key, value] of Object.entries(added)) items.set(key, structuredClone(value));
    },
    remove: async (key) => {
      items.delete(key);
    },
  };
}
