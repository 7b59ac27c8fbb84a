/** Public surface of src/extract: text → proposed incidents and attributed statements. */
export { extract, type ExtractOptions } from './extract.js';
export * from './schema.js';
export { MAX_TEXT_CHARS } from './validate.js';
