/**
 * Split into status/login-redirect.ts and redirect-drops-auth.ts (issue 15: one check per file).
 * Kept only for src/capture, which another branch is restructuring: once merged, capture imports
 * loginTarget from status/login-redirect.js and this file goes.
 */
export { loginTarget } from './status/login-redirect.js';
