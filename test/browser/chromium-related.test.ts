// Issue 8's related-entry tests in Chromium.
import { launchChromium } from './harness/chromium.js';
import { describeRelated } from './harness/related-suite.js';

describeRelated('chromium', () => launchChromium());
