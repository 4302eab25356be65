// The Node library behind package.json `exports`: the format core (and extraction) for other programs.
export {
  parseRecord, serializeRecord, validateRecord, formatProblem, RecordError, normaliseDateTime,
  type LedeRecord, type RelatedEntry, type RecordImage, type Provider, type Problem, type ParseResult,
} from '../record/index.js';
export { extractFromHtml, registrableDomain } from '../extract/node.js';
export type { Extraction } from '../extract/types.js';
export { recordFromExtraction, settleExtraction, type RecordDefaults } from '../extract/to-record.js';
