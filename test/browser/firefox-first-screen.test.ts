// The popup's compact first screen at 400×600 in Firefox (see harness/first-screen.ts).
import { launchFirefox } from './harness/firefox.js';
import { describeFirstScreen } from './harness/first-screen.js';

describeFirstScreen('firefox', (options) => launchFirefox(undefined, options));
