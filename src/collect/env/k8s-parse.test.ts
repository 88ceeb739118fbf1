import { describe, expect, it } from 'vitest';
import { mentionsSecretOrConfigMap } from './k8s-manifests.js';
import { parseK8s } from './k8s-parse.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('parseK8s', () => {
  const text = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: cfg }',
    'data:',
    '  LOG_LEVEL: info',
    '---',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: app',
    'data:',
    `  API_KEY: ${b64('abc\n')}`,
    'stringData:',
    '  TOKEN: |',
    '    xyz',
    '---',
    'kind: Deployment',
    'data:',
    '  NOT_ME: x',
  ].join('\n');

  it('reads every Secret and ConfigMap of a multi-document file, with lines', () => {
    expect(parseK8s(text).entries).toEqual([
      {
        object: 'ConfigMap cfg',
        kind: 'ConfigMap',
        field: 'data',
        name: 'LOG_LEVEL',
        value: 'info',
        line: 5,
      },
      {
        object: 'Secret app',
        kind: 'Secret',
        field: 'data',
        name: 'API_KEY',
        value: 'abc\n',
        line: 12,
      },
      {
        object: 'Secret app',
        kind: 'Secret',
        field: 'stringData',
        name: 'TOKEN',
        value: 'xyz\n',
        line: 14,
      },
    ]);
    expect(mentionsSecretOrConfigMap(text)).toBe(true);
  });

  it('reports data that is not base64, and keeps going', () => {
    const parsed = parseK8s(
      'kind: Secret\nmetadata:\n  name: s\ndata:\n  A: "not base64!"\n  B: ' + b64('ok'),
    );
    expect(parsed.problems).toEqual([{ line: 5, message: 'Secret s data.A is not valid base64' }]);
    expect(parsed.entries.map((e) => e.value)).toEqual(['ok']);
  });

  it('reports broken YAML with a line, never throws', () => {
    const parsed = parseK8s('kind: Secret\ndata:\n  A: [unclosed\n');
    expect(parsed.problems[0]?.line).toBeGreaterThan(0);
  });

  it('ignores files without a Secret or ConfigMap', () => {
    expect(mentionsSecretOrConfigMap('kind: Deployment\n')).toBe(false);
  });
});
