import { envSimilarName } from './similar-name.js';
import { NEW, envTable, ev, src } from './test-helpers.js';

const alias = {
  name: 'AZURE_OPENAI_API_KEY',
  reason: 'a known alias',
  where: '.env:1',
  fingerprint: 'sha256:0123abcd',
};
const prefixed = {
  name: 'VITE_API_TOKEN',
  reason: 'the same name with another framework prefix',
  where: 'the process environment',
  fingerprint: 'sha256:4567cdef',
};

envTable(envSimilarName, 'env.similar-name', {
  finds: [
    {
      name: 'en-05: .env defines AZURE_OPENAI_API_KEY only',
      evidence: ev({ similar: [alias] }),
      seen: ['AZURE_OPENAI_API_KEY is set in .env:1 (sha256:0123abcd; a known alias)'],
    },
    {
      name: 'en-04: VITE_API_TOKEN for API_TOKEN',
      evidence: ev({ name: 'API_TOKEN', similar: [prefixed] }),
      seen: ['VITE_API_TOKEN is set in the process environment'],
    },
    {
      name: 'set only in a compose file: the app still lacks it',
      evidence: ev({ similar: [alias], sources: [src('compose', NEW)] }),
    },
  ],
  ok: [
    { name: 'nothing similar', evidence: ev() },
    {
      name: 'the name itself is set',
      evidence: ev({ similar: [alias], sources: [src('process', NEW)] }),
    },
    {
      name: 'the name is in .env',
      evidence: ev({ similar: [alias], sources: [src('dotenv', NEW)] }),
    },
  ],
});
