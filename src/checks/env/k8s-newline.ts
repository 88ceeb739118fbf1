import { defineCheck, finding } from '../types.js';
import { where } from './describe.js';
import type { EnvEvidence } from '../../evidence/env.js';

/** A Secret or ConfigMap value that ends in a newline (ws-01, ws-04, ws-05). */
export const envK8sNewline = defineCheck<EnvEvidence>('env-k8s-newline', (e) =>
  e.sources
    .filter((s) => s.kind === 'k8s' && /\r?\n$/.test(s.value.reveal()))
    .map((s) => {
      const v = s.value.reveal();
      const ending = v.endsWith('\r\n') ? 'CR LF' : 'LF';
      return finding(
        'env.k8s-newline',
        'definitive',
        `${where(s)}: ${s.tool ?? 'Secret'} ${e.name} holds ${v.length} chars ending in ${ending} (${s.value.fingerprint})`,
        { name: e.name, file: s.file, line: s.line },
      );
    }),
);
