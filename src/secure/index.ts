// Private data in `secured`: pure code (WebCrypto passed in), run the same by the extension, the CLI and the Node library.
export { encryptSecured, decryptSecured, type DecryptResult, type WebCrypto } from './cipher.js';
export { decodeSecured, encodeSecured, IV_BYTES, TAG_BYTES, SECURED_MAX_CHARS } from './value.js';
export { parsePrivateData, checkPrivateData, isEmptyPrivateData, SELECTION_MAX, type PrivateData } from './private-data.js';
export { parseBackup, formatBackup, BACKUP_PREFIX, BACKUP_VERSION, PBKDF2_ITERATIONS, type Backup } from './backup.js';
export {
  newKey, keyFromBackup, openBackup, keyCheck, keyCheckText, importRawKey, deriveKey, passphraseProblem, PASSPHRASE_MIN,
  type NewKey, type OpenedBackup,
} from './keys.js';
