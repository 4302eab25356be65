// The private note's two background calls, through the typed message map: shared by the popup and the library page.
import { send } from '../shared/send.js';
import type { PrivateApi } from './private-note.js';

export const privateApi: PrivateApi = {
  encrypt: (data) => send('private/encrypt', { data }),
  decrypt: (secured) => send('private/decrypt', { secured }),
};
