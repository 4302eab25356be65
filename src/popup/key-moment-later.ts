// The entry of `popup/key-moment.js`: the first key's moment, loaded when the first private note asks for a key.
import { provide } from '../ui/later.js';
import { showKeyMoment } from './key-moment.js';

provide('showKeyMoment', showKeyMoment);
