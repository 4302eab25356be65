// Issue 19's fetched-page cases (redirects, charsets, images, hostile pages) in Chromium.
import { launchChromium } from './harness/chromium.js';
import { describeHostileRelated } from './harness/hostile-related-suite.js';

describeHostileRelated('chromium', () => launchChromium());
