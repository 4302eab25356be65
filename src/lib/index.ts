// The Node library behind package.json `exports`: the format core (and extraction) for other programs.
export {
  parseRecord, serializeRecord, validateRecord, formatProblem, RecordError, normaliseDateTime,
  type LedeRecord, type RelatedEntry, type RecordImage, type Provider, type Problem, type ParseResult,
} from '../record/index.js';
export { extractFromHtml, registrableDomain } from '../extract/node.js';
export type { Extraction } from '../extract/types.js';
export {
  recordFileName, slugify, sanitiseStem, fileNameKey, templateProblem, DEFAULT_FILE_NAME_TEMPLATE, FILE_NAME_MAX_BYTES,
  type FileNameOptions,
} from '../record/filename.js';
// Private data: the very functions the extension encrypts and decrypts `secured` with.
export {
  encryptSecured, decryptSecured, parseBackup, formatBackup, keyFromBackup, openBackup, keyCheck, newKey,
  type PrivateData, type DecryptResult, type Backup,
} from '../secure/index.js';
export { relatedFromHtml } from '../related/from-html.js';
export { decodeHtml } from '../related/charset.js';
export { serializeRelated } from '../record/index.js';
export { recordFromExtraction, settleExtraction, type RecordDefaults } from '../extract/to-record.js';
