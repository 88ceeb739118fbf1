import { describe, expect, it } from 'vitest';
import { FINDING_IDS } from '../../src/findings/ids.js';
import { STACK, json, why401 } from './helpers.js';

describe('why401 explain', () => {
  it.each(FINDING_IDS.map((id) => [id]))('%s: exit 0, the long form', (id) => {
    const run = why401(['explain', id]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.startsWith(`${id} (`)).toBe(true);
    for (const section of ['What it means', 'How it happens', 'How to confirm', 'How to fix']) {
      expect(run.stdout).toContain(section);
    }
  });

  it.each(FINDING_IDS.filter((_, n) => n % 5 === 0).map((id) => [id]))('%s --json', (id) => {
    const run = why401(['explain', id, '--json']);
    expect(run.status).toBe(0);
    const out = json(run);
    expect(out['id']).toBe(id);
    expect(['error', 'warning', 'info']).toContain(out['severity']);
    expect(typeof out['title']).toBe('string');
    expect(typeof out['meaning']).toBe('string');
  });

  it.each([['401'], ['403'], ['404'], ['407'], ['429']])('status %s: exit 0', (code) => {
    const run = why401(['explain', code]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain(code);
    expect(run.stdout).toContain('Related findings:');
    const out = json(why401(['explain', code, '--json']));
    expect(out['status']).toBe(code);
  });

  it('--list lists every finding id', () => {
    const run = why401(['explain', '--list']);
    expect(run.status).toBe(0);
    const listed = run.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[0]);
    expect(listed).toEqual([...FINDING_IDS]);
    expect(new Set(listed).size, 'each id once').toBe(listed.length);
    expect(json(why401(['explain', '--list', '--json']))).toEqual({
      schema: 'why401/finding-ids@1',
      ids: [...FINDING_IDS],
    });
  });

  it.each([
    ['an unknown topic', ['explain', 'nope']],
    ['an unknown id of a known family', ['explain', 'key.nope']],
    ['a status code without an explanation', ['explain', '999']],
    ['no topic', ['explain']],
    ['an unknown flag', ['explain', 'key.newline', '--bogus']],
  ])('%s: exit 2, one line', (_name, args) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(STACK);
  });

  it('suggests near ids', () => {
    expect(why401(['explain', 'newline']).stderr).toContain('key.newline');
  });

  it('--help exits 0', () => {
    const run = why401(['explain', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage: why401 explain');
  });
});
