import { envFrameworkPrefix } from './framework-prefix.js';
import { NEXT, VITE, envTable, ev } from './test-helpers.js';

const withServer = { ...VITE, serverCode: true };

envTable(envFrameworkPrefix, 'env.framework-prefix', {
  finds: [
    {
      name: 'en-01: PUBLIC_API_TOKEN read through Vite',
      evidence: ev({ name: 'PUBLIC_API_TOKEN', framework: VITE }),
      seen: ['has the PUBLIC_ prefix of another tool'],
      severity: 'error',
    },
    {
      name: 'en-04: no prefix in a Vite app',
      evidence: ev({ name: 'WEATHER_API_KEY', framework: VITE }),
      seen: ['browser code sees only VITE_* names'],
      severity: 'error',
    },
    {
      name: 'en-03: Next.js, server code sees it: context only',
      evidence: ev({ name: 'GITHUB_ID', framework: NEXT }),
      seen: ['server code reads GITHUB_ID'],
      severity: 'info',
    },
    {
      name: 'Vite with an Express server: context only',
      evidence: ev({ name: 'WEATHER_API_KEY', framework: withServer }),
      severity: 'info',
    },
    {
      name: 'VITE_ name in a Next.js app is wrong everywhere',
      evidence: ev({ name: 'VITE_API_TOKEN', framework: NEXT }),
      severity: 'error',
    },
  ],
  ok: [
    { name: 'no framework', evidence: ev({ name: 'API_TOKEN' }) },
    { name: 'VITE_ in Vite', evidence: ev({ name: 'VITE_API_TOKEN', framework: VITE }) },
    { name: 'NEXT_PUBLIC_ in Next.js', evidence: ev({ name: 'NEXT_PUBLIC_KEY', framework: NEXT }) },
  ],
});
