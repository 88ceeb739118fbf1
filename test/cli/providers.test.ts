import { describe, expect, it } from 'vitest';
import { PROVIDERS } from '../../src/providers/catalog/index.js';
import { STACK, json, why401 } from './helpers.js';

interface ProviderJson {
  id: string;
  name: string;
  hosts: string[];
  keyShapes: { pattern: string; kinds: string[] }[];
  validate: { method: string; url: string };
}

describe('why401 providers', () => {
  it('lists the 55 providers, one a line', () => {
    const run = why401(['providers']);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(55);
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(PROVIDERS.map((p) => p.id));
  });

  it('--json is one object listing 55 providers with patterns as strings', () => {
    const { schema, providers: out } = json<{ schema: string; providers: ProviderJson[] }>(
      why401(['providers', '--json']),
    );
    expect(schema).toBe('why401/providers@1');
    expect(out).toHaveLength(55);
    for (const p of out) {
      for (const s of p.keyShapes) expect(() => new RegExp(s.pattern)).not.toThrow();
    }
  });

  it('providers openai --json parses', () => {
    const run = why401(['providers', 'openai', '--json']);
    expect(run.status).toBe(0);
    const p = json<ProviderJson>(run);
    expect(p.id).toBe('openai');
    expect(p.hosts).toContain('api.openai.com');
    expect(p.keyShapes.length).toBeGreaterThan(0);
    expect(typeof p.keyShapes[0]?.pattern).toBe('string');
    expect(p.validate.url).toMatch(/^https:\/\//);
  });

  it.each(PROVIDERS.map((p) => [p.id, p.name] as const))('providers %s: exit 0', (id, name) => {
    const run = why401(['providers', id]);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`${name} (${id})`);
    expect(run.stdout).toContain('Key shapes');
  });

  it('finds a provider whatever the case', () => {
    expect(why401(['providers', 'Stripe']).status).toBe(0);
  });

  it.each([
    ['an unknown provider', ['providers', 'nope']],
    ['an unknown flag', ['providers', '--bogus']],
  ])('%s: exit 2, one line', (_name, args) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK);
  });

  it('suggests near ids', () => {
    expect(why401(['providers', 'git']).stderr).toContain('github');
  });

  it('--help exits 0', () => {
    expect(why401(['providers', '--help']).status).toBe(0);
  });
});
