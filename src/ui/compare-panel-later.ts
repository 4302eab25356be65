// The entry of `ui/compare-panel.js`: the two-version comparison panel and the address-taken note, loaded when an editor first needs them.
import { addressTakenNote } from './address-taken.js';
import { openComparePanel } from './compare-panel.js';
import { provide } from './later.js';

provide('openComparePanel', openComparePanel);
provide('addressTakenNote', addressTakenNote);
