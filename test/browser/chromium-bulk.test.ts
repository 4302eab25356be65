// Issue 21's bulk tests in Chromium, the service worker stopped halfway through a fill.
import { launchChromium, type ChromiumSession } from './harness/chromium.js';
import { describeBulk } from './harness/bulk-suite.js';
import type { Session } from './harness/session.js';

async function stopWorkers(session: Session): Promise<void> {
  const chromium = session as ChromiumSession;
  const page = await chromium.context.newPage();
  await page.goto(`${chromium.extensionOrigin}/pages/options/options.html`);
  const cdp = await chromium.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
  await page.close();
}

describeBulk('chromium', () => launchChromium(), stopWorkers);
