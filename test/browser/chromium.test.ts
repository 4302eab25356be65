// Issue #4's real-browser tests in Chromium (Debian's, driven by playwright-core).
import { launchChromium } from './harness/chromium.js';
import { describeLede } from './harness/suite.js';

describeLede('chromium', () => launchChromium());
