// The popup's compact first screen at 400×600 in Chromium (see harness/first-screen.ts).
import { launchChromium } from './harness/chromium.js';
import { describeFirstScreen } from './harness/first-screen.js';

describeFirstScreen('chromium', (options) => launchChromium(undefined, options));
