// Issue 8's related-entry tests in Firefox ESR.
import { launchFirefox } from './harness/firefox.js';
import { describeRelated } from './harness/related-suite.js';

describeRelated('firefox', () => launchFirefox());
