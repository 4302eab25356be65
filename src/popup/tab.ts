// Which tab the popup edits: `?tabId=N` when opened as a page, else the active tab of this window.
import { nativeApi } from '../shared/native.js';

export function tabIdFromUrl(href: string): number | null {
  const raw = new URL(href).searchParams.get('tabId');
  if (raw === null || !/^\d+$/.test(raw)) return null;
  return Number(raw);
}

export async function findTabId(): Promise<number | null> {
  const fromUrl = tabIdFromUrl(location.href);
  if (fromUrl !== null) return fromUrl;
  const [tab] = await nativeApi().tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}
