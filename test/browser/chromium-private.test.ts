// Private data end to end in Chromium (Debian's, driven by playwright-core).
import { launchChromium } from './harness/chromium.js';
import { describePrivate } from './harness/private-suite.js';

describePrivate('chromium', () => launchChromium());
