/**
 * `why401 run` with an app calling a local API directly (`http://127.0.0.1:PORT`,
 * `http://localhost:PORT`), the common debugging case: Java (HttpURLConnection, `java Main.java`)
 * and Ruby (net/http) skip a proxy for the loopback by default; run has them keep it (Java: an
 * empty `http.nonProxyHosts`; Ruby: the RUBYOPT helper of forward/ruby.ts), so each call is
 * diagnosed, the app's output and exit code kept, no key shown. A user's own
 * `-Dhttp.nonProxyHosts` or `NO_PROXY=127.0.0.1` is honoured: those calls are not seen. Go
 * cannot be made to: a Go command that made no call is told why. Each program is skipped when
 * it is not installed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { expectNoCredential, jsonLines } from './support.js';
import { runCli as runOpenAiCli, startOpenAi401, type OpenAi401 } from './openai-401.js';

/** An OpenAI-shaped key (random): the local API refuses it as OpenAI does. */
const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;
const JAVA = '/usr/bin/java';
/** Launching a source file needs the JDK's compiler module: a JRE alone cannot. */
const HAS_JDK = existsSync(JAVA) && existsSync('/usr/bin/javac');
const has = (command: string, args: string[]) => {
  try {
    return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
  } catch {
    return false;
  }
};
const HAS_RUBY = has('ruby', ['-rnet/http', '-e', '']);
const HAS_GO = has('go', ['version']);
/** gofmt, a binary Go built, by its path in GOROOT (Debian puts only `go` on PATH). */
const GOFMT = HAS_GO
  ? join(spawnSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).stdout.trim(), 'bin', 'gofmt')
  : '';
const HAS_GOFMT = HAS_GO && existsSync(GOFMT);

/** Calls the API at the loopback address and then as localhost; exits with its own code. */
const MAIN_JAVA = `
import java.net.HttpURLConnection;
import java.net.URI;

public class Main {
  public static void main(String[] args) throws Exception {
    for (String host : new String[] {"127.0.0.1", "localhost"}) {
      URI url = URI.create("http://" + host + ":" + System.getenv("API_PORT") + "/v1/models");
      HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
      c.setRequestProperty("Authorization", "Bearer " + System.getenv("OPENAI_API_KEY"));
      int status = c.getResponseCode();
      String body = new String(c.getErrorStream().readAllBytes());
      System.out.println("app: " + host + " " + status + " " + body.contains("invalid_api_key"));
    }
    System.exit(12);
  }
}
`;

const RUBY_APP = [
  '%w[127.0.0.1 localhost].each do |host|',
  '  u = URI("http://#{host}:#{ENV.fetch("API_PORT")}/v1/models")',
  '  r = Net::HTTP.start(u.host, u.port) { |h| h.get(u.path, { "Authorization" => "Bearer #{ENV.fetch("OPENAI_API_KEY")}" }) }',
  '  puts "app: #{host} #{r.code} #{r.body.include?("invalid_api_key")}"',
  'end',
  'exit 13',
].join('\n');

describe('why401 run: an app calling a local API on the loopback', () => {
  let api: OpenAi401;
  let port: string;
  let dir: string;

  beforeAll(async () => {
    api = await startOpenAi401(KEY);
    port = api.map.split(':').pop() ?? '';
    dir = mkdtempSync(join(tmpdir(), 'why401-run-loopback-'));
    writeFileSync(join(dir, 'Main.java'), MAIN_JAVA);
    writeFileSync(join(dir, 'ok.go'), 'package main\n');
  });

  afterAll(() => {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const runCli = (args: string[], env: Record<string, string> = {}) =>
    runOpenAiCli(KEY, ['run', '--no-env', '--json', '--', ...args], { API_PORT: port, ...env });

  /** Both calls got the API's 401 (as the app saw it), as sent. */
  const expectAppRefusedTwice = (stdout: string) => {
    expect(stdout).toContain('app: 127.0.0.1 401 true');
    expect(stdout).toContain('app: localhost 401 true');
    expect(api.seen).toEqual([
      { host: `127.0.0.1:${port}`, auth: `Bearer ${KEY}` },
      { host: `localhost:${port}`, auth: `Bearer ${KEY}` },
    ]);
  };

  /** Both calls seen through the run's proxy, by the URL the app called, diagnosed as a wrong key. */
  const expectDiagnosedTwice = (r: { stdout: string; stderr: string }, code: number) => {
    const calls = jsonLines(r.stderr);
    expect(calls.map((call) => [call['status'], call['url']])).toEqual([
      [401, `http://127.0.0.1:${port}/v1/models`],
      [401, `http://localhost:${port}/v1/models`],
    ]);
    for (const call of calls) expect(JSON.stringify(call)).toContain('credential.invalid');
    expect(r.stderr).toMatch(
      new RegExp(`exited with ${code} · watched through the forward proxy .* · 2 calls, 2 refused`),
    );
  };

  const expectNotSeen = (stderr: string, code: number) => {
    expect(jsonLines(stderr)).toEqual([]);
    expect(stderr).toMatch(new RegExp(`exited with ${code} · .* · 0 calls, 0 refused`));
  };

  describe.skipIf(!HAS_JDK)('java Main.java (skipped without a JDK: default-jdk-headless)', () => {
    it('HttpURLConnection to 127.0.0.1 and localhost: both diagnosed (an empty http.nonProxyHosts), output and exit code kept, no key shown', async () => {
      api.seen.length = 0;
      const r = await runCli([JAVA, join(dir, 'Main.java')]);
      expect(r.code, r.stderr).toBe(12);
      expectAppRefusedTwice(r.stdout);
      expectDiagnosedTwice(r, 12);
      expect(r.stderr).toMatch(/Picked up JAVA_TOOL_OPTIONS: .*-Dhttp\.nonProxyHosts= /);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'java loopback run');
    });

    it('the user’s own -Dhttp.nonProxyHosts in JAVA_TOOL_OPTIONS is kept: the loopback goes straight, not seen', async () => {
      api.seen.length = 0;
      const r = await runCli([JAVA, join(dir, 'Main.java')], {
        JAVA_TOOL_OPTIONS: '-Dhttp.nonProxyHosts=*.corp',
      });
      expect(r.code, r.stderr).toBe(12);
      expectAppRefusedTwice(r.stdout);
      expectNotSeen(r.stderr, 12);
      expect(r.stderr).not.toMatch(/-Dhttp\.nonProxyHosts= /);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'java own nonProxyHosts run');
    });
  });

  describe.skipIf(!HAS_RUBY)('ruby -rnet/http (skipped when ruby is not installed)', () => {
    it('net/http to 127.0.0.1 and localhost: both diagnosed (the RUBYOPT helper), the user’s RUBYOPT kept, output and exit code kept, no key shown', async () => {
      api.seen.length = 0;
      const r = await runCli(
        ['ruby', '-rnet/http', '-e', `puts "app: own #{$VERBOSE.nil?}"\n${RUBY_APP}`],
        {
          // -W0: the user's own switch, still in force ($VERBOSE nil) beside the helper's -r.
          RUBYOPT: '-W0',
        },
      );
      expect(r.code, r.stderr).toBe(13);
      expect(r.stdout).toContain('app: own true');
      expectAppRefusedTwice(r.stdout);
      expectDiagnosedTwice(r, 13);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'ruby loopback run');
    });

    it.each([
      [
        'NO_PROXY=127.0.0.1 of the user’s is honoured (localhost too: it resolves there, as Ruby reads NO_PROXY)',
        { NO_PROXY: '127.0.0.1' },
      ],
      [
        // Nothing listens on port 9: had the loopback calls gone on there, the app would get a 502.
        'a proxy of the user’s that loopback calls would go on through: left as Ruby sends them, straight, not broken',
        { http_proxy: 'http://127.0.0.1:9', https_proxy: 'http://127.0.0.1:9' },
      ],
    ])('%s: not seen', async (_name, env) => {
      api.seen.length = 0;
      const r = await runCli(['ruby', '-rnet/http', '-e', RUBY_APP], env);
      expect(r.code, r.stderr).toBe(13);
      expectAppRefusedTwice(r.stdout);
      expectNotSeen(r.stderr, 13);
    });
  });

  it.skipIf(!HAS_GO)(
    'go (skipped without golang-go): a Go command that made no call is told Go never proxies the loopback, and what to do',
    async () => {
      const r = await runCli(['go', 'version']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stderr).toContain('0 calls, 0 refused');
      expect(r.stderr).toMatch(/Go never sends a call to localhost or a 127\.x\/::1 address/);
      expect(r.stderr).toContain('--map api.local=http://127.0.0.1:8080');
      expect(r.stderr).toContain('why401 capture --target http://127.0.0.1:8080');
    },
  );

  it.skipIf(!HAS_GOFMT)(
    'a binary Go built, not known by name (gofmt; skipped without it): told the same; a program that is not Go is not',
    async () => {
      const go = await runCli([GOFMT, '-l', join(dir, 'ok.go')]);
      expect(go.code, go.stderr).toBe(0);
      expect(go.stderr).toMatch(/no call seen\.[\s\S]*Go never sends a call to localhost/);
      const sh = await runCli(['sh', '-c', 'exit 0']);
      expect(sh.stderr).toContain('no call seen.');
      expect(sh.stderr).not.toContain('Go never');
    },
  );
});
