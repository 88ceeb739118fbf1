import type { FindingId } from '../ids.js';
import type { FindingSpec } from '../types.js';

/** The entries of one family (`key`, `header`, …): exhaustive for that family's ids. */
export type FamilyCatalog<F extends string> = {
  readonly [Id in Extract<FindingId, `${F}.${string}`>]: FindingSpec;
};
