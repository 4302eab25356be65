// The popup's first script, loaded from <head> before the styles: starts reading the page at once.
import { startOpeningEarly } from './opening.js';

startOpeningEarly();
