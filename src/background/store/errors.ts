// The library's storage failures, sorted into what the person can do about them.
import { isObject } from '../shape.js';

export type StoreErrorCode = 'quota' | 'unavailable' | 'blocked' | 'failed';

/** A storage failure the person should hear about; the code picks the message. */
export class StoreError extends Error {
  constructor(readonly code: StoreErrorCode, detail: string) {
    super(detail);
    this.name = 'StoreError';
  }
}

/** Sorts a storage failure into what the person can do about it. */
export function asStoreError(error: unknown): StoreError {
  if (error instanceof StoreError) return error;
  const name = error instanceof Error || (isObject(error) && typeof error.name === 'string') ? String((error as Error).name) : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'QuotaExceededError' || /quota/i.test(detail)) return new StoreError('quota', detail);
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new StoreError('unavailable', detail);
  }
  return new StoreError('failed', detail);
}
