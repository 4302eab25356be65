// The entry of `popup/all-tabs.js`: Save all tabs' dialog, loaded when the person first asks for it.
import { provide } from '../ui/later.js';
import { openAllTabs } from './all-tabs.js';

provide('openAllTabs', openAllTabs);
