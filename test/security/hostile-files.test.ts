/**
 * Hostile project files (issue 13, item 7): `why401 env` on each project of hostile-files.ts, the
 * built CLI under a 150 MB heap, killed far beyond any sane run (test/security/run.ts): each run
 * must end on its own, with its exit code, without a crash, and say so when it stopped at a
 * limit. Times and memory are measured apart: scripts/hostile-report.mjs.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bearer401 } from './hostile-servers.js';
import { hostileProjects, slowFolder, writeProject } from './hostile-files.js';
import { checkUrl, describeRun, expectSane, why401, type Run } from './run.js';

const root = mkdtempSync(join(tmpdir(), 'why401-hostile-files-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function describeEnvRun(run: Run): string {
  return `why401 ${run.args.join(' ')} → exit ${run.code}${run.signal ? ` (${run.signal})` : ''}${run.killed ? ' (killed)' : ''}\nstdout: ${run.stdout.slice(-600)}\nstderr: ${run.stderr.slice(0, 600)}`;
}

describe('why401 env on hostile project files (each under the 1 MiB cap)', () => {
  it.each(hostileProjects().map((p) => [p.name, p] as const))('%s', async (_name, project) => {
    const { dir, home } = writeProject(root, project);
    const run = await why401(['env', ...project.args, '--dir', dir], { env: { HOME: home } });
    const about = describeEnvRun(run);
    expect(run.killed, `hung\n${about}`).toBe(false);
    expect(run.signal, `crashed\n${about}`).toBeNull();
    expect(run.stderr, about).not.toMatch(/heap out of memory|FATAL ERROR|internal error|\n\s+at /);
    expect(run.code, about).toBe(project.exit);
    if (project.note !== undefined) expect(run.stdout, about).toContain(project.note);
  });
});

describe('check --env-dir on a folder that takes long to trace', () => {
  it('a server that answers at once is not "no HTTP answer": the deadline starts with the network', async () => {
    const key = `t0k-${randomBytes(24).toString('base64url')}`;
    const { dir } = writeProject(root, slowFolder());
    const server = await bearer401();
    try {
      const run = await checkUrl(`${server.origin}/v1/items`, key, ['--env-dir', dir]);
      expectSane(run, [key]);
      expect(
        { status: run.json?.verdict.status, cause: run.json?.verdict.cause, exit: run.code },
        describeRun(run),
        // a bare 401 that is the same without the key: inconclusive, no candidate named
      ).toEqual({ status: 'inconclusive', cause: null, exit: 1 });
      expect(run.json?.exchanges[0]?.response?.status, describeRun(run)).toBe(401);
    } finally {
      await server.stop();
    }
  });
});
