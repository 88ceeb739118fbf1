/**
 * The provider catalog: one file per provider in `./catalog/`, listed in order (detection order)
 * by `./catalog/index.ts`; what providers share lives in `./catalog/shared.ts`. Importers keep this
 * path.
 */
export { PROVIDERS } from './catalog/index.js';
