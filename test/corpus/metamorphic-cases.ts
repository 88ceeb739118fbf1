import type { CorpusCase } from "./types.js";
export const METAMORPHIC: readonly CorpusCase[] = [];
