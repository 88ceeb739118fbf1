import { envCrlf } from './crlf.js';
import { NEW, envTable, ev, src } from './test-helpers.js';

envTable(envCrlf, 'env.crlf', {
  finds: [
    {
      name: '.env saved on Windows',
      evidence: ev({
        sources: [src('dotenv', NEW)],
        files: [{ file: '.env', kind: 'dotenv', crlf: true }],
      }),
      seen: ['.env has CRLF line endings', 'source .env'],
    },
    {
      name: 'ws-06: a CRLF profile: the shell keeps the CR',
      evidence: ev({
        sources: [src('shell', `${NEW}\r`)],
        files: [{ file: '~/.bashrc', kind: 'shell', crlf: true }],
      }),
      seen: ['the shell keeps the CR'],
    },
    {
      name: 'a CRLF .env loaded with `set -a; . ./.env`: the process holds the value plus CR, an error',
      evidence: ev({
        sources: [src('process', `${NEW}\r`), src('dotenv', NEW)],
        files: [{ file: '.env', kind: 'dotenv', crlf: true }],
      }),
      seen: ["holds .env's value of OPENAI_API_KEY plus a CR"],
      severity: 'error',
    },
  ],
  ok: [
    {
      name: 'LF endings',
      evidence: ev({
        sources: [src('dotenv', NEW)],
        files: [{ file: '.env', kind: 'dotenv', crlf: false }],
      }),
    },
    {
      name: 'a CRLF file that does not define the name',
      evidence: ev({
        sources: [src('dotenv', NEW)],
        files: [{ file: 'other.env', kind: 'compose', crlf: true }],
      }),
    },
  ],
});
