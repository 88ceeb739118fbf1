/**
 * Moved to src/evidence/credential-place.ts (issue 15: the checks' evidence has its own home).
 * Kept only for src/capture, which another branch is restructuring: once merged, capture imports
 * ../evidence/credential-place.js and this file goes.
 */
export * from '../evidence/credential-place.js';
