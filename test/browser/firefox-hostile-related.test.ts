// Issue 19's fetched-page cases (redirects, charsets, images, hostile pages) in Firefox.
import { launchFirefox } from './harness/firefox.js';
import { describeHostileRelated } from './harness/hostile-related-suite.js';

describeHostileRelated('firefox', () => launchFirefox());
