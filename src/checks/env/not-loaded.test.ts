import { loaderFor } from '../../evidence/dotenv-loader.js';
import { envNotLoaded } from './not-loaded.js';
import { NEW, OLD, VITE, envTable, ev, src, unloaded } from './test-helpers.js';

envTable(envNotLoaded, 'env.not-loaded', {
  finds: [
    {
      name: 'en-02: BEARER_TOKEN in .env, absent from the process',
      evidence: ev({ name: 'BEARER_TOKEN', sources: [src('dotenv', NEW, { wins: true })] }),
      seen: ['.env:1 defines it', 'nothing loaded .env'],
    },
    {
      name: 'defined twice in .env: the line dotenv uses is the one shown',
      evidence: ev({
        sources: [src('dotenv', OLD, { line: 1 }), src('dotenv', NEW, { line: 2, wins: true })],
      }),
      seen: ['.env:2 defines it'],
    },
    {
      name: 'only in .env.local, which dotenv does not read',
      evidence: ev({
        sources: [unloaded(src('dotenv', NEW, { file: '.env.local' }))],
      }),
      seen: ['dotenv reads only .env'],
    },
  ],
  ok: [
    { name: 'not in any file', evidence: ev() },
    {
      name: 'in the environment too',
      evidence: ev({ sources: [src('process', NEW), src('dotenv', NEW)] }),
    },
    {
      name: 'the app imports dotenv/config: it loads .env itself',
      evidence: ev({
        loader: {
          ...loaderFor(null, undefined),
          loadedBy: 'src/index.js:1 loads .env (dotenv/config)',
        },
        sources: [src('dotenv', NEW, { wins: true })],
      }),
    },
    {
      name: 'Vite loads its .env files itself',
      evidence: ev({
        loader: loaderFor(VITE, undefined),
        framework: VITE,
        sources: [src('dotenv', NEW)],
      }),
    },
  ],
});
