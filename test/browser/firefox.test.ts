// Issue #4's real-browser tests in Firefox ESR (driven by puppeteer-core over WebDriver BiDi).
import { launchFirefox } from './harness/firefox.js';
import { describeLede } from './harness/suite.js';

describeLede('firefox', () => launchFirefox());
