import { isMap, isSeq, LineCounter, parseDocument } from 'yaml';
import { interpolate, type Lookup } from './interpolate.js';
import { YAML_OPTIONS, yamlProblems, yamlWalker } from './yaml-nodes.js';

/**
 * The `environment` and `env_file` entries of every service of a compose file, with compose's
 * rules: `${VAR}` substituted from the shell and the project's .env; map syntax `KEY: "v"` is
 * YAML (quotes removed), list syntax `- KEY="v"` is taken literally (quotes kept); `- KEY` and
 * `KEY:` pass the value through from the shell. Pure.
 */

export interface ComposeEnvItem {
  readonly service: string;
  readonly name: string;
  /** null: passed through from an environment that lacks it (the container does not get it). */
  readonly value: string | null;
  readonly line: number;
  readonly syntax: 'map' | 'list';
  readonly note?: string;
}

export interface ComposeEnvFile {
  readonly service: string;
  readonly path: string;
  readonly line: number;
  /** Position in the service's env_file list: later files win. */
  readonly index: number;
  readonly required: boolean;
  /** `format: raw`: values taken literally, no quote handling. */
  readonly raw: boolean;
}

export interface ComposeParse {
  readonly environment: readonly ComposeEnvItem[];
  readonly envFiles: readonly ComposeEnvFile[];
  readonly problems: readonly { readonly line: number; readonly message: string }[];
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

export function parseCompose(text: string, lookup: Lookup): ComposeParse {
  const counter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter: counter });
  const problems = yamlProblems(doc);
  const y = yamlWalker(doc, counter);
  const environment: ComposeEnvItem[] = [];
  const envFiles: ComposeEnvFile[] = [];
  const services = y.get(doc.contents, 'services');
  if (services !== undefined && !isMap(y.deref(services)))
    problems.push({ line: y.line(services), message: '`services` is not a map' });

  for (const { key: service, value: body } of y.entries(services)) {
    const env = y.deref(y.get(body, 'environment'));
    if (isMap(env)) {
      for (const e of y.entries(env)) {
        const raw = y.text(e.value);
        if (raw === undefined || !NAME.test(e.key)) continue;
        environment.push(item(service, e.key, raw, y.line(e.keyNode), 'map', lookup));
      }
    } else if (isSeq(env)) {
      for (const node of env.items) {
        const entry = y.text(node);
        if (typeof entry !== 'string') continue;
        const whole = interpolate(entry, lookup);
        const eq = whole.value.indexOf('=');
        const name = eq === -1 ? whole.value : whole.value.slice(0, eq);
        if (!NAME.test(name)) {
          problems.push({ line: y.line(node), message: 'an environment entry without a name' });
          continue;
        }
        const rawValue = eq === -1 ? null : entry.slice(entry.indexOf('=') + 1);
        environment.push(item(service, name, rawValue, y.line(node), 'list', lookup));
      }
    }
    const files = y.deref(y.get(body, 'env_file'));
    const list = isSeq(files) ? files.items : files === undefined ? [] : [files];
    list.forEach((node, index) => {
      const path = y.text(node) ?? y.text(y.get(node, 'path'));
      if (typeof path !== 'string') return;
      envFiles.push({
        service,
        path: interpolate(path, lookup).value,
        line: y.line(node),
        index,
        required: y.text(y.get(node, 'required')) !== 'false',
        raw: y.text(y.get(node, 'format')) === 'raw',
      });
    });
  }
  problems.push(...y.problems());
  return { environment, envFiles, problems };
}

function item(
  service: string,
  name: string,
  raw: string | null,
  line: number,
  syntax: 'map' | 'list',
  lookup: Lookup,
): ComposeEnvItem {
  if (raw === null) {
    const passed = lookup(name);
    return passed === undefined || passed === null
      ? {
          service,
          name,
          value: null,
          line,
          syntax,
          note: 'passed through, but not set where compose runs',
        }
      : {
          service,
          name,
          value: passed,
          line,
          syntax,
          note: 'passed through from where compose runs',
        };
  }
  const result = interpolate(raw, lookup);
  const notes = [
    ...(result.missing.length > 0
      ? [`\${${result.missing.join('}, ${')}} not set: compose puts an empty string`]
      : []),
    ...(result.required.length > 0
      ? [`compose refuses to start: ${result.required.join(', ')} unset`]
      : []),
  ];
  return {
    service,
    name,
    value: result.unknown ? null : result.value,
    line,
    syntax,
    ...(notes.length > 0
      ? { note: notes.join('; ') }
      : raw.includes('$')
        ? { note: 'interpolated' }
        : {}),
  };
}
