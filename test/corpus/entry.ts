/** What scripts/corpus-rate.mjs bundles: the cases, the metamorphic variants and the runner. */
export { CASES } from './cases.js';
export { METAMORPHIC } from './metamorphic-cases.js';
export { runCase, judge, inconsistencies } from './run.js';
