import { envNetrc } from './netrc.js';
import { NEW, envTable, ev, src } from './test-helpers.js';

envTable(envNetrc, 'env.netrc', {
  finds: [
    {
      name: 'am-01: a machine entry for the host',
      evidence: ev({ sources: [src('process', NEW), src('netrc', 'sk-net-321jjjjjjjjjjjjjjjj')] }),
      seen: ['~/.netrc:3: the entry for machine api.openai.com', 'applies to api.openai.com'],
    },
    {
      name: 'the same secret as the variable',
      evidence: ev({ sources: [src('process', NEW), src('netrc', NEW)] }),
      seen: ['the same secret as $OPENAI_API_KEY'],
    },
  ],
  ok: [{ name: 'no entry', evidence: ev({ sources: [src('process', NEW)] }) }],
});
