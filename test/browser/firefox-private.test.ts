// Private data end to end in Firefox ESR (driven by puppeteer-core over WebDriver BiDi).
import { launchFirefox, type FirefoxSession } from './harness/firefox.js';
import { describePrivate } from './harness/private-suite.js';

describePrivate('firefox', () => launchFirefox(), (session) => (session as FirefoxSession).downloads);
