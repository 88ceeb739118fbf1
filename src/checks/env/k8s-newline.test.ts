import { envK8sNewline } from './k8s-newline.js';
import { NEW, envTable, ev, src } from './test-helpers.js';

envTable(envK8sNewline, 'env.k8s-newline', {
  finds: [
    {
      name: 'ws-05: echo without -n | base64',
      evidence: ev({ sources: [src('k8s', `${NEW}\n`)] }),
      seen: [
        `k8s/secret.yaml:7: Secret app data OPENAI_API_KEY holds ${NEW.length + 1} chars ending in LF`,
      ],
    },
    {
      name: 'ws-01: --from-file of a CRLF file',
      evidence: ev({ sources: [src('k8s', `${NEW}\r\n`)] }),
      seen: ['ending in CR LF'],
    },
  ],
  ok: [
    { name: 'no newline', evidence: ev({ sources: [src('k8s', NEW)] }) },
    {
      name: 'a newline in a .env value is key.newline only',
      evidence: ev({ sources: [src('dotenv', `${NEW}\n`)] }),
    },
  ],
});
