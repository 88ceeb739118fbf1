/**
 * Moved to src/evidence/request.ts (issue 15: the checks' evidence has its own home). Kept only
 * for src/capture, which another branch is restructuring: once merged, capture imports
 * ../evidence/request.js and this file goes.
 */
export type { Sent, SentCredential } from '../../evidence/request.js';
