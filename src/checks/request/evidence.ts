/**
 * Moved to src/evidence/request.ts (issue 15: the checks' evidence has its own home). Kept only
 * for what other branches still import here: src/capture (being split into folders) and the new
 * checks of src/checks/token/. Once they are merged and import ../evidence/request.js, this file
 * goes.
 */
export * from '../../evidence/request.js';
