// Private data end to end in Chromium (Debian's, driven by playwright-core).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchChromium } from './harness/chromium.js';
import { describePrivate } from './harness/private-suite.js';

const downloads = mkdtempSync(join(tmpdir(), 'lede-private-downloads-'));
describePrivate('chromium', () => launchChromium(undefined, { downloadsDir: downloads }), () => downloads);
