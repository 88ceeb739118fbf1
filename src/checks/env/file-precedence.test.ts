import { loaderFor } from '../../evidence/dotenv-loader.js';
import { envFilePrecedence } from './file-precedence.js';
import { NEW, NEXT, OLD, VITE, envTable, ev, src, unloaded } from './test-helpers.js';

const next = loaderFor(NEXT, undefined);
const vite = loaderFor(VITE, 'production');

envTable(envFilePrecedence, 'env.file-precedence', {
  finds: [
    {
      name: 'Next.js: a forgotten .env.local holds the old key',
      evidence: ev({
        loader: next,
        framework: NEXT,
        sources: [
          src('dotenv', NEW, { rank: 3 }),
          src('dotenv', OLD, { file: '.env.local', rank: 1, wins: true }),
        ],
      }),
      seen: ['.env and .env.local define it (2 different values)', '.env.local wins'],
      severity: 'warning',
    },
    {
      name: 'Vite: the mode file beats .env.local',
      evidence: ev({
        loader: vite,
        sources: [
          src('dotenv', NEW, { file: '.env.local', rank: 2 }),
          src('dotenv', NEW, { file: '.env.production', rank: 1 }),
        ],
      }),
      seen: ['(the same value)', '.env.production wins'],
      severity: 'info',
    },
    {
      name: 'plain dotenv reads only .env',
      evidence: ev({
        sources: [src('dotenv', NEW), unloaded(src('dotenv', OLD, { file: '.env.local' }))],
      }),
      seen: ['.env.local is not read by dotenv (Next.js and Vite read them)', '.env wins'],
    },
    {
      name: 'the environment beats them all',
      evidence: ev({
        loader: next,
        sources: [
          src('process', NEW),
          src('dotenv', NEW, { rank: 3 }),
          src('dotenv', NEW, { file: '.env.local', rank: 1 }),
        ],
      }),
      seen: ['the process environment beats every file'],
    },
  ],
  ok: [
    { name: 'one file', evidence: ev({ sources: [src('dotenv', NEW)] }) },
    {
      name: 'twice in one file (env.duplicate)',
      evidence: ev({ sources: [src('dotenv', OLD), src('dotenv', NEW, { line: 3 })] }),
    },
  ],
});
