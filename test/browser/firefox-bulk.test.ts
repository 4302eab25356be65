// Issue 21's bulk tests in Firefox (its background is an event page, which Firefox stops and wakes by itself).
import { launchFirefox } from './harness/firefox.js';
import { describeBulk } from './harness/bulk-suite.js';

describeBulk('firefox', () => launchFirefox());
