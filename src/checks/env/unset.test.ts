import { loaderFor } from '../../evidence/dotenv-loader.js';
import { NEW, NEXT, decl, envTable, ev, src } from './test-helpers.js';
import { envUnset } from './unset.js';

envTable(envUnset, 'env.unset', {
  finds: [
    { name: 'en-08: defined nowhere', evidence: ev(), seen: ['$OPENAI_API_KEY is not set'] },
    {
      name: 'en-02: only in .env, which plain dotenv may not load: still an error',
      evidence: ev({ sources: [src('dotenv', NEW, { wins: true })] }),
      severity: 'error',
    },
    {
      name: 'Next.js loads .env.local itself: context only',
      evidence: ev({
        framework: NEXT,
        loader: loaderFor(NEXT, undefined),
        sources: [src('dotenv', NEW, { file: '.env.local', wins: true })],
      }),
      seen: ['.env.local:1 gives it to dotenv'],
      severity: 'info',
    },
    {
      name: 'only in .env, which the app loads itself (dotenv/config): context only',
      evidence: ev({
        loader: {
          ...loaderFor(null, undefined),
          loadedBy: 'src/index.js:1 loads .env (dotenv/config)',
        },
        sources: [src('dotenv', NEW, { wins: true })],
      }),
      seen: [
        '.env:1 gives it to the app when it starts: src/index.js:1 loads .env (dotenv/config)',
      ],
      severity: 'info',
    },
    {
      name: 'a compose service gets it: context only',
      evidence: ev({ sources: [src('compose', NEW)] }),
      severity: 'info',
    },
    {
      name: 'compose passes it through from a shell that lacks it',
      evidence: ev({ declarations: [decl('compose', { note: 'passed through, but not set' })] }),
      seen: ['compose passes it through from the shell, which lacks it'],
      severity: 'error',
    },
  ],
  ok: [
    { name: 'set in the environment', evidence: ev({ sources: [src('process', NEW)] }) },
    {
      name: 'set in the environment and .env',
      evidence: ev({ sources: [src('process', NEW), src('dotenv', NEW)] }),
    },
  ],
});
