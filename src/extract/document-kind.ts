// Which documents the engine reads: HTML and XHTML. A PDF viewer, an image or a plain-text file is not an article page.

const READABLE_TYPES = new Set(['text/html', 'application/xhtml+xml']);

export function isReadableContentType(contentType: string): boolean {
  return READABLE_TYPES.has(contentType.toLowerCase());
}

/** What the first injected stage answers instead of an extraction when the document is not one the engine reads. */
export interface NotReadable {
  notReadable: { contentType: string };
}
