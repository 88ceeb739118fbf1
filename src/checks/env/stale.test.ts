import { envStale } from './stale.js';
import { NEW, OLD, decl, envTable, ev, src } from './test-helpers.js';

envTable(envStale, 'env.stale', {
  finds: [
    {
      name: 'st-06: the shell kept the key from before the rotation',
      evidence: ev({ sources: [src('process', OLD), src('dotenv', NEW)] }),
      seen: [/the process environment holds sha256:[0-9a-f]{8} \(sk-…aaaa\); \.env:1 now holds/],
    },
    {
      name: 'the profile exports the new value: this shell predates it',
      evidence: ev({
        sources: [src('process', OLD), src('dotenv', NEW), src('shell', NEW)],
      }),
      seen: ['this shell started before it changed'],
    },
  ],
  ok: [
    { name: 'same value', evidence: ev({ sources: [src('process', NEW), src('dotenv', NEW)] }) },
    {
      name: 'the .env value plus a CR: a CRLF file sourced by the shell (env.crlf)',
      evidence: ev({
        sources: [src('process', `${NEW}\r`), src('dotenv', NEW)],
        files: [{ file: '.env', kind: 'dotenv', crlf: true }],
      }),
    },
    { name: 'no .env value', evidence: ev({ sources: [src('process', OLD)] }) },
    { name: 'not in the process', evidence: ev({ sources: [src('dotenv', NEW)] }) },
    {
      name: 'empty in the process: set, not stale (env.shadowed)',
      evidence: ev({ sources: [src('process', ''), src('dotenv', NEW)] }),
    },
    {
      name: 'st-01: a profile export explains it (env.shadowed)',
      evidence: ev({ sources: [src('process', OLD), src('dotenv', NEW), src('shell', OLD)] }),
    },
    {
      name: 'a computed export may explain it',
      evidence: ev({
        sources: [src('process', OLD), src('dotenv', NEW)],
        declarations: [decl('shell')],
      }),
    },
  ],
});
