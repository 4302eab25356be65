// What `secured` holds once decrypted: a small JSON object with the private note and the page selection.

/** `note` and `selection` are Lede's; any other member, written by another tool, is kept as it is. */
export interface PrivateData {
  note?: string;
  selection?: string;
  [member: string]: unknown;
}

/** The longest selection kept, in UTF-16 units: a page's whole text selected by accident must not bloat every record. */
export const SELECTION_MAX = 100_000;

export type ParsedPrivateData = { ok: true; data: PrivateData } | { ok: false; message: string };

/** Reads decrypted bytes as private data; anything but a JSON object whose note and selection are strings is refused. */
export function parsePrivateData(bytes: Uint8Array): ParsedPrivateData {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, message: 'the private data decrypts, but not to JSON text' };
  }
  return checkPrivateData(value);
}

export function checkPrivateData(value: unknown): ParsedPrivateData {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, message: 'the private data must be a JSON object like {"note": "…", "selection": "…"}' };
  }
  for (const key of ['note', 'selection']) {
    const member = (value as Record<string, unknown>)[key];
    if (member !== undefined && typeof member !== 'string') return { ok: false, message: `the private data's "${key}" must be text` };
  }
  return { ok: true, data: value as PrivateData };
}

/** True when nothing private is left: no note, no selection, no member of another tool. */
export function isEmptyPrivateData(data: PrivateData): boolean {
  return Object.entries(data).every(([key, value]) => (key === 'note' || key === 'selection') && !value);
}
