import { envDuplicate } from './duplicate.js';
import { NEW, OLD, decl, envTable, ev, src } from './test-helpers.js';

envTable(envDuplicate, 'env.duplicate', {
  finds: [
    {
      name: 'the new key appended, the old line left',
      evidence: ev({ sources: [src('dotenv', OLD, { line: 1 }), src('dotenv', NEW, { line: 3 })] }),
      seen: [
        /\.env defines it on lines 1 \(sha256:[0-9a-f]{8}\) and 3 \(sha256:[0-9a-f]{8}\): dotenv uses line 3/,
      ],
    },
    {
      name: 'twice in ~/.bashrc, once computed',
      evidence: ev({
        sources: [src('shell', OLD, { line: 2 })],
        declarations: [decl('shell', { line: 12 })],
      }),
      seen: ['value unknown', 'uses line 12'],
    },
    {
      name: 'twice in one compose service',
      evidence: ev({
        sources: [src('compose', OLD, { line: 5 }), src('compose', NEW, { line: 6 })],
      }),
    },
    {
      name: 'a name repeated 1000 times: the first lines, a count and the line used',
      evidence: ev({
        sources: Array.from({ length: 1000 }, (_, i) => src('dotenv', OLD, { line: i + 1 })),
      }),
      seen: [
        /lines 1 \(sha256:\w+\), 2 .*, 4 \(sha256:\w+\), 995 more and 1000 \(sha256:\w+\): dotenv uses line 1000$/,
      ],
    },
  ],
  ok: [
    {
      name: 'once per file',
      evidence: ev({ sources: [src('dotenv', NEW), src('dotenv', NEW, { file: '.env.local' })] }),
    },
    {
      name: 'two services of one compose file',
      evidence: ev({
        sources: [
          src('compose', OLD, { line: 5 }),
          src('compose', NEW, { line: 9, group: 'compose:.#web' }),
        ],
      }),
    },
    {
      name: 'two Dockerfile stages',
      evidence: ev({
        sources: [src('dockerfile', OLD, { line: 2 }), src('dockerfile', NEW, { line: 8 })],
      }),
    },
    { name: 'the process environment', evidence: ev({ sources: [src('process', NEW)] }) },
  ],
});
