import { describe, expect, it } from 'vitest';
import { OFFSCREEN_PATH, OffscreenDocument, type OffscreenApi } from '../../src/background/offscreen.js';

/** A browser with at most one offscreen document, as Chrome allows; creating a second throws, as Chrome does. */
function fakeApi(answer: (message: unknown) => unknown = () => ({ ready: true, busy: false })) {
  let open = false;
  const calls = { created: 0, closed: 0, sent: [] as unknown[] };
  const api: OffscreenApi = {
    offscreen: {
      async createDocument(options) {
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (open) throw new Error('Only a single offscreen document may be created.');
        expect(options.url).toBe(OFFSCREEN_PATH);
        open = true;
        calls.created++;
      },
      async closeDocument() {
        if (!open) throw new Error('No current offscreen document.');
        open = false;
        calls.closed++;
      },
    },
    runtime: {
      getURL: (path) => `chrome-extension://abc/${path}`,
      getContexts: async () => (open ? [{ contextType: 'OFFSCREEN_DOCUMENT' }] : []),
      sendMessage: async (message) => {
        calls.sent.push(message);
        return answer(message);
      },
    },
  };
  return { api, calls };
}

describe('the offscreen document', () => {
  it('is created once when two callers need it at the same moment', async () => {
    const { api, calls } = fakeApi();
    const doc = new OffscreenDocument(api);
    await Promise.all([doc.ensure(), doc.ensure(), doc.ask('offscreen/ping', {})]);
    expect(calls.created).toBe(1);
    await doc.ensure();
    expect(calls.created).toBe(1);
  });

  it('sends a tagged message and returns the answer', async () => {
    const { api, calls } = fakeApi();
    await expect(new OffscreenDocument(api).ask('offscreen/ping', {})).resolves.toEqual({ ready: true, busy: false });
    expect(calls.sent).toEqual([{ offscreen: 1, type: 'offscreen/ping', payload: {} }]);
  });

  it('throws the failure the document reports, and says so when nothing answers', async () => {
    await expect(new OffscreenDocument(fakeApi(() => ({ offscreenError: 'parse failed' })).api).ask('offscreen/ping', {}))
      .rejects.toThrow('parse failed');
    await expect(new OffscreenDocument(fakeApi(() => undefined).api).ask('offscreen/ping', {}))
      .rejects.toThrow('did not answer "offscreen/ping"');
  });

  it('is created again after it was closed, and closing twice is harmless', async () => {
    const { api, calls } = fakeApi();
    const doc = new OffscreenDocument(api);
    await doc.ensure();
    await doc.close();
    await doc.close();
    await doc.ensure();
    expect(calls).toMatchObject({ created: 2, closed: 1 });
  });
});

describe('the offscreen document\'s lifetime', () => {
  it('closes after it has been idle, unless a feature holds it', async () => {
    const { api, calls } = fakeApi();
    const doc = new OffscreenDocument(api, 20);
    await doc.ask('offscreen/ping', {});
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.closed).toBe(1);

    await doc.hold('watch');
    await doc.ask('offscreen/ping', {});
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.closed).toBe(1);
    expect(doc.held).toBe(true);

    doc.release('watch');
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.closed).toBe(2);
  });
});

describe('a document still being created', () => {
  it('is waited for: Chrome lists it before its script listens, and a message sent then finds no receiver', async () => {
    let listed = false;
    let listening = false;
    let created = 0;
    const api: OffscreenApi = {
      offscreen: {
        async createDocument() {
          created++;
          listed = true;
          await new Promise((resolve) => setTimeout(resolve, 20));
          listening = true;
        },
        async closeDocument() { listed = false; listening = false; },
      },
      runtime: {
        getURL: (path) => `chrome-extension://abc/${path}`,
        getContexts: async () => (listed ? [{}] : []),
        sendMessage: async () => {
          if (!listening) throw new Error('Could not establish connection. Receiving end does not exist.');
          return { ready: true, busy: false };
        },
      },
    };
    const doc = new OffscreenDocument(api);
    const first = doc.ask('offscreen/ping', {});
    await new Promise((resolve) => setTimeout(resolve, 5)); // listed now, not yet listening
    await expect(doc.ask('offscreen/ping', {})).resolves.toEqual({ ready: true, busy: false });
    await expect(first).resolves.toEqual({ ready: true, busy: false });
    expect(created).toBe(1);
  });
});

describe('a background that restarted', () => {
  it('does not close a document that says it is busy (a watch runs in it), though nothing here holds it', async () => {
    let busy = true;
    const { api, calls } = fakeApi(() => ({ ready: true, busy }));
    // The first worker held the document for its watch, then stopped; the new one knows nothing of it.
    await new OffscreenDocument(api, 1_000).hold('sync-watch');
    const restarted = new OffscreenDocument(api, 20);
    await restarted.ask('offscreen/ping', {});
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.closed).toBe(0);

    busy = false;
    await restarted.ask('offscreen/ping', {});
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(calls.closed).toBe(1);
  });
});
