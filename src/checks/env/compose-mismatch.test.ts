import { envComposeMismatch } from './compose-mismatch.js';
import { NEW, OLD, envTable, ev, src } from './test-helpers.js';

envTable(envComposeMismatch, 'env.compose-mismatch', {
  finds: [
    {
      name: 'a hard-coded value left in environment:',
      evidence: ev({ sources: [src('dotenv', NEW), src('compose', OLD)] }),
      seen: [
        /compose\.yaml:5 \(compose environment\) gives sha256:[0-9a-f]{8} \(sk-…aaaa\); \.env:1 holds/,
      ],
    },
    {
      name: '${VAR} took the old value from the shell',
      evidence: ev({
        sources: [
          src('process', OLD),
          src('dotenv', NEW),
          src('compose', OLD, { note: 'interpolated' }),
        ],
      }),
      seen: ['compose took it from the shell'],
    },
    {
      name: 'an env_file with another value',
      evidence: ev({
        sources: [
          src('dotenv', NEW),
          src('compose', OLD, { via: 'env_file', file: 'app.env', line: 1 }),
        ],
      }),
      seen: ['app.env:1'],
    },
  ],
  ok: [
    {
      name: 'the same value',
      evidence: ev({ sources: [src('dotenv', NEW), src('compose', NEW)] }),
    },
    { name: 'no .env', evidence: ev({ sources: [src('compose', OLD)] }) },
    {
      name: 'a losing env_file',
      evidence: ev({ sources: [src('dotenv', NEW), src('compose', OLD, { wins: false })] }),
    },
  ],
});
