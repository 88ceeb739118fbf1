import { LineCounter, parseAllDocuments } from 'yaml';
import { YAML_OPTIONS, yamlProblems, yamlWalker } from './yaml-nodes.js';

/**
 * Keys of Kubernetes Secret and ConfigMap manifests (multi-document YAML): Secret `data` is
 * base64-decoded, `stringData` taken as is (and wins over `data`), ConfigMap `data` as is. Pure.
 */

export interface K8sEntry {
  readonly object: string;
  readonly kind: 'Secret' | 'ConfigMap';
  readonly field: 'data' | 'stringData';
  readonly name: string;
  readonly value: string;
  readonly line: number;
}

export interface K8sParse {
  readonly entries: readonly K8sEntry[];
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function parseK8s(text: string): K8sParse {
  const counter = new LineCounter();
  const entries: K8sEntry[] = [];
  const problems: { line: number; message: string }[] = [];
  for (const doc of parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter: counter })) {
    if (!('errors' in doc)) continue; // an empty stream
    problems.push(...yamlProblems(doc));
    const y = yamlWalker(doc, counter);
    const kind = y.text(y.get(doc.contents, 'kind'));
    if (kind !== 'Secret' && kind !== 'ConfigMap') continue;
    const object = `${kind} ${y.text(y.get(y.get(doc.contents, 'metadata'), 'name')) ?? '(unnamed)'}`;
    const fields = kind === 'Secret' ? (['data', 'stringData'] as const) : (['data'] as const);
    for (const field of fields) {
      for (const e of y.entries(y.get(doc.contents, field))) {
        const raw = y.text(e.value);
        if (typeof raw !== 'string') continue;
        const line = y.line(e.keyNode);
        let value = raw;
        if (kind === 'Secret' && field === 'data') {
          const compact = raw.replace(/\s+/g, '');
          if (!BASE64.test(compact) || compact.length % 4 === 1) {
            problems.push({ line, message: `${object} data.${e.key} is not valid base64` });
            continue;
          }
          value = Buffer.from(compact, 'base64').toString('utf8');
        }
        entries.push({ object, kind, field, name: e.key, value, line });
      }
    }
    problems.push(...y.problems());
  }
  return { entries, problems };
}
