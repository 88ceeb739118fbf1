import { envShadowed } from './shadowed.js';
import { NEW, OLD, decl, envTable, ev, src } from './test-helpers.js';

envTable(envShadowed, 'env.shadowed', {
  finds: [
    {
      name: 'st-01: ~/.bashrc exports the old key, the process holds it',
      evidence: ev({ sources: [src('process', OLD), src('dotenv', NEW), src('shell', OLD)] }),
      seen: [
        '~/.bashrc:3 exports',
        'the process environment holds that value, so dotenv ignores .env',
      ],
    },
    {
      name: 'st-02: a new shell will export it',
      evidence: ev({ sources: [src('dotenv', NEW), src('shell', OLD)] }),
      seen: ['every new shell exports it'],
    },
    {
      name: 'st-03: an export computed at start-up, the process differs from .env',
      evidence: ev({
        sources: [src('process', OLD), src('dotenv', NEW)],
        declarations: [decl('shell', { file: '~/.zshrc', line: 9 })],
      }),
      seen: ['~/.zshrc:9 exports it (computed when the shell starts)'],
    },
    {
      name: 'an empty value in the environment blocks the .env value',
      evidence: ev({ name: 'API_TOKEN', sources: [src('process', ''), src('dotenv', NEW)] }),
      seen: [
        /the process environment holds an empty API_TOKEN: it counts as set, so dotenv leaves it empty instead of taking \.env:1 \(sha256:[0-9a-f]{8}\)/,
      ],
    },
  ],
  ok: [
    {
      name: 'the profile exports the .env value',
      evidence: ev({ sources: [src('dotenv', NEW), src('shell', NEW)] }),
    },
    { name: 'no .env value', evidence: ev({ sources: [src('process', OLD), src('shell', OLD)] }) },
    {
      name: 'empty in the environment and in .env',
      evidence: ev({ sources: [src('process', ''), src('dotenv', '')] }),
    },
    {
      name: 'a computed export, the process agrees with .env',
      evidence: ev({
        sources: [src('process', NEW), src('dotenv', NEW)],
        declarations: [decl('shell')],
      }),
    },
  ],
});
