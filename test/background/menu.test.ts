// The context-menu item opens the popup, or the popup page in a small window where openPopup is missing or refused.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const api = vi.hoisted(() => ({
  openPopup: undefined as undefined | (() => Promise<void>),
  created: [] as Array<{ url: string; type: string }>,
  menus: [] as Array<{ id: string; title: string }>,
}));

vi.mock('webextension-polyfill', () => ({
  default: {
    action: { get openPopup() { return api.openPopup; } },
    windows: { create: async (details: { url: string; type: string }) => { api.created.push(details); } },
    runtime: { getURL: (path: string) => `chrome-extension://abc/${path}` },
    contextMenus: {
      removeAll: async () => { api.menus.length = 0; },
      create: (item: { id: string; title: string }) => { api.menus.push(item); },
    },
  },
}));

const { createMenu, MENU_ID, onMenuClick } = await import('../../src/background/menu.js');
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  api.openPopup = undefined;
  api.created.length = 0;
});

describe('context menu', () => {
  it('creates one item, also when created again after an update', async () => {
    await createMenu('Save page to Lede');
    await createMenu('Save page to Lede');
    expect(api.menus).toEqual([expect.objectContaining({ id: MENU_ID, title: 'Save page to Lede' })]);
  });

  it('opens the popup where the browser can', async () => {
    api.openPopup = vi.fn(async () => undefined);
    onMenuClick({ menuItemId: MENU_ID }, { id: 12 });
    await settle();
    expect(api.openPopup).toHaveBeenCalledOnce();
    expect(api.created).toEqual([]);
  });

  it('opens the popup page for that tab in a window when openPopup is refused', async () => {
    api.openPopup = async () => {
      throw new Error('not allowed');
    };
    onMenuClick({ menuItemId: MENU_ID }, { id: 12 });
    await settle();
    expect(api.created).toEqual([expect.objectContaining({ url: 'chrome-extension://abc/popup/popup.html?tabId=12', type: 'popup' })]);
  });

  it('opens the window when openPopup does not exist', async () => {
    onMenuClick({ menuItemId: MENU_ID }, { id: 3 });
    await settle();
    expect(api.created.map((c) => c.url)).toEqual(['chrome-extension://abc/popup/popup.html?tabId=3']);
  });

  it('ignores other items and clicks without a tab', async () => {
    onMenuClick({ menuItemId: 'other' }, { id: 3 });
    onMenuClick({ menuItemId: MENU_ID }, undefined);
    await settle();
    expect(api.created).toEqual([]);
  });
});
