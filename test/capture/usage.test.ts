import { describe, expect, it } from 'vitest';
import { why401 } from '../cli/helpers.js';

describe('capture, run, echo: help and usage errors', () => {
  it.each([['capture'], ['run'], ['echo']])('%s --help exits 0 with examples', (command) => {
    const run = why401([command, '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(`Usage: why401 ${command}`);
    expect(run.stdout).toContain('Examples');
  });

  it('the top-level help lists them', () => {
    const help = why401(['--help']).stdout;
    expect(help).toMatch(/^\s+capture --target/m);
    expect(help).toMatch(/^\s+run -- <command…>/m);
    expect(help).toMatch(/^\s+echo \[--port N\]/m);
  });

  it.each([
    [['capture'], /needs --target/],
    [['capture', '--target', 'ftp://x'], /must be http/],
    [['capture', '--target', 'http://127.0.0.1:1', '--port', '70000'], /--port takes/],
    [
      ['capture', '--target', 'http://127.0.0.1:1', '--ui', '--ui-port', '9000'],
      /--ui-port goes with --forward --ui/,
    ],
    [['capture', '--forward', '--ui-port', '9000'], /--ui-port goes with --forward --ui/],
    [
      ['capture', '--forward', '--ui', '--port', '9000', '--ui-port', '9000'],
      /--ui-port and --port are both 9000/,
    ],
    [['echo', '--port', 'x'], /--port takes/],
    [['run', 'node', 'app.js'], /put -- before the command/],
  ])('%j is a usage error', (args, message) => {
    const run = why401(args);
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
