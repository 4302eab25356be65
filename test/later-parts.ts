// Unit tests run the pages in jsdom, where no extension script loads: the later parts are registered here, as
// their own scripts register them in the browser (dist/<browser>/ui/compare-panel.js, popup/key-moment.js).
import '../src/ui/compare-panel-later.js';
import '../src/popup/key-moment-later.js';
import '../src/popup/all-tabs-later.js';
