import { envDockerBaked } from './docker-baked.js';
import { NEW, OLD, decl, envTable, ev, src } from './test-helpers.js';

envTable(envDockerBaked, 'env.docker-baked', {
  finds: [
    {
      name: 'ENV in the final stage, another value than the app gets',
      evidence: ev({ sources: [src('process', NEW), src('dockerfile', OLD)] }),
      seen: [
        'Dockerfile:8: Dockerfile ENV sets',
        'not the value the app gets from the process environment',
      ],
    },
    {
      name: 'ARG without default',
      evidence: ev({
        declarations: [
          decl('dockerfile', {
            instruction: 'ARG',
            line: 2,
            tool: 'Dockerfile ARG',
            note: 'a build argument without default (--build-arg)',
          }),
        ],
      }),
      seen: ['build-time only'],
    },
    {
      name: 'compose overrides the image ENV',
      evidence: ev({ sources: [src('compose', NEW), src('dockerfile', OLD, { wins: false })] }),
      seen: ['compose overrides it in its containers'],
    },
    {
      name: 'ENV in a build stage only: not in the final image',
      evidence: ev({
        sources: [src('dockerfile', OLD, { finalStage: false, wins: false, line: 3 })],
      }),
      seen: ['Dockerfile:3: Dockerfile ENV sets', 'the final image does not inherit it'],
    },
  ],
  ok: [
    { name: 'no Dockerfile', evidence: ev({ sources: [src('process', NEW), src('dotenv', NEW)] }) },
  ],
});
