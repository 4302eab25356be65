// The format core: types, writer, reader and validator. No browser API; Node runs the same code.
export * from './types.js';
export { serializeRecord, serializeFrontMatter, serializeRelated } from './write.js';
export {
  parseRecord, type ParseResult, type ParseOptions, ALIAS_BUDGET, FRONT_MATTER_MAX_BYTES, FRONT_MATTER_ITEMS_MAX,
} from './read.js';
export { formatProblem, RecordError, type Problem } from './problems.js';
export { normaliseDateTime, isCanonicalDateTime, formatUtc } from './dates.js';
export { cutCodePoints, codePointLength, isWebUrl } from './text.js';
export { validateRecord, errorsOf, unwritableValue, EXTRA_DEPTH_MAX } from './validate.js';
export { validateWritable } from './writable.js';
export {
  FIELD_RULES, NEW_RECORD_DEFAULTS, IMAGE_SIZE_MAX, RECORD_LIMITS, RECORD_FILE_MAX_BYTES, RECORD_SIZE_RULE, sizeMessage, checkValue, ruleFor, typeMessage,
  type FieldRule, type FieldKey, type Finding, type Severity,
} from './rules.js';
export {
  recordFileName, slugify, sanitiseStem, fileNameKey, templateProblem,
  DEFAULT_FILE_NAME_TEMPLATE, FILE_NAME_PLACEHOLDERS, FILE_NAME_MAX_BYTES, type FileNameOptions,
} from './filename.js';
