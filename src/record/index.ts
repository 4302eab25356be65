// The format core: types, writer, reader and validator. No browser API; Node runs the same code.
export * from './types.js';
export { serializeRecord, serializeFrontMatter, serializeRelated } from './write.js';
export { parseRecord, type ParseResult, type ParseOptions } from './read.js';
export { validateRecord } from './validate.js';
export { formatProblem, RecordError, type Problem } from './problems.js';
export { normaliseDateTime, isCanonicalDateTime, formatUtc } from './dates.js';
export { cutCodePoints, codePointLength, isWebUrl } from './text.js';
