import { envQuotesKept } from './quotes-kept.js';
import { NEW, envTable, ev, src } from './test-helpers.js';

envTable(envQuotesKept, 'env.quotes-kept', {
  finds: [
    {
      name: 'qt-02: compose list item - KEY="…"',
      evidence: ev({ sources: [src('compose', `"${NEW}"`)] }),
      seen: ['compose.yaml:5: the compose list syntax (`- KEY=…`) keeps the quotes'],
      severity: 'error',
    },
    {
      name: 'qt-02: single quotes',
      evidence: ev({ sources: [src('compose', `'${NEW}'`)] }),
    },
    {
      name: 'dotenv keeps an unbalanced quote',
      evidence: ev({ sources: [src('dotenv', `"${NEW}`)] }),
      seen: ['.env:1: dotenv keeps the quotes'],
    },
    {
      name: 'qt-03: an env_file quoted for dotenv (Compose v2 strips, docker run keeps)',
      evidence: ev({
        sources: [
          src('compose', NEW, { via: 'env_file', file: 'app.env', line: 2, quotedInFile: true }),
        ],
      }),
      seen: ['Compose v1 keep them'],
      severity: 'info',
    },
  ],
  ok: [
    { name: 'a clean compose value', evidence: ev({ sources: [src('compose', NEW)] }) },
    {
      name: 'dotenv removed the quotes',
      evidence: ev({ sources: [src('dotenv', NEW, { quotedInFile: true })] }),
    },
    {
      name: 'quotes in the process environment (key.quoted covers it)',
      evidence: ev({ sources: [src('process', `"${NEW}"`)] }),
    },
    {
      name: 'a quote inside',
      evidence: ev({ sources: [src('dotenv', `sk-new-777"bbbbbbbbbbbbbbbbb`)] }),
    },
  ],
});
