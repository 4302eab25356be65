// The status line: one aria-live region per page that says what just happened.

export type StatusKind = 'info' | 'ok' | 'error';

export function showStatus(region: HTMLElement, text: string, kind: StatusKind = 'info'): void {
  region.dataset.kind = kind;
  region.textContent = text;
}

/** The message of anything thrown, for the status line. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
