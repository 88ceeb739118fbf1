/**
 * `why401 run -- java Main.java` through the intercepting forward proxy: one JVM (a source file
 * launched as is, nothing compiled ahead, nothing downloaded) calls https://api.openai.test by
 * name, mapped with --map to a loopback server answering as OpenAI does to a wrong key, with
 * java.net.http.HttpClient (which prefers HTTP/2: the proxy's ALPN offers http/1.1 only) and
 * with HttpURLConnection. Both go through JAVA_TOOL_OPTIONS' proxy and the run's JKS trust store.
 * One JVM for both clients: each start costs seconds. Skipped without a JDK (/usr/bin/javac).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKey } from '../e2e/servers.js';
import { expectNoCredential } from './support.js';
import {
  expectInvalidKeyCalls,
  runCli as runOpenAiCli,
  startOpenAi401,
  type OpenAi401,
} from './openai-401.js';

/** An OpenAI-shaped key (random): the API refuses it as OpenAI does. */
const KEY = `sk-proj-${makeKey('', 48)}T3BlbkFJ${makeKey('', 48)}`;
const JAVA = '/usr/bin/java';
/** Launching a source file needs the JDK's compiler module: a JRE alone cannot. */
const HAS_JDK = existsSync(JAVA) && existsSync('/usr/bin/javac');

/**
 * Prints the trust store's folder and a property of the user's own JAVA_TOOL_OPTIONS, then one
 * call with each client, then exits with its own code.
 */
const MAIN_JAVA = `
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

public class Main {
  public static void main(String[] args) throws Exception {
    String auth = "Bearer " + System.getenv("OPENAI_API_KEY");
    String url = "https://api.openai.test/v1/models";
    System.out.println("app: folder " + Path.of(System.getProperty("javax.net.ssl.trustStore")).getParent());
    System.out.println("app: own " + System.getProperty("app.own"));

    HttpClient client = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).build();
    HttpResponse<String> res = client.send(request, HttpResponse.BodyHandlers.ofString());
    System.out.println("app: HttpClient " + res.statusCode() + " " + res.version() + " " + res.body().contains("invalid_api_key"));

    HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection();
    c.setRequestProperty("Authorization", auth);
    int status = c.getResponseCode();
    String body = new String(c.getErrorStream().readAllBytes());
    System.out.println("app: HttpURLConnection " + status + " " + body.contains("invalid_api_key"));
    System.exit(11);
  }
}
`;

describe.skipIf(!HAS_JDK)(
  'why401 run -- java (skipped without a JDK: default-jdk-headless)',
  () => {
    let api: OpenAi401;
    let dir: string;

    beforeAll(async () => {
      api = await startOpenAi401(KEY);
      dir = mkdtempSync(join(tmpdir(), 'why401-run-java-'));
      writeFileSync(join(dir, 'Main.java'), MAIN_JAVA);
    });

    afterAll(() => {
      api.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('HttpClient and HttpURLConnection: both calls diagnosed through JAVA_TOOL_OPTIONS, the app’s output and exit code kept, no key shown, nothing left', async () => {
      const r = await runOpenAiCli(
        KEY,
        ['run', '--no-env', '--json', '--map', api.map, '--', JAVA, join(dir, 'Main.java')],
        { JAVA_TOOL_OPTIONS: '-Dapp.own=kept' },
      );
      expect(r.code, r.stderr).toBe(11);
      expect(r.stdout).toContain('app: own kept');
      // HTTP/2 was asked for and HTTP/1.1 agreed: the proxy's ALPN offers nothing else.
      expect(r.stdout).toContain('app: HttpClient 401 HTTP_1_1 true');
      expect(r.stdout).toContain('app: HttpURLConnection 401 true');
      expect(api.seen).toEqual([
        { host: 'api.openai.test', auth: `Bearer ${KEY}` },
        { host: 'api.openai.test', auth: `Bearer ${KEY}` },
      ]);
      expectInvalidKeyCalls(r.stderr, 2);
      expect(r.stderr).toMatch(
        /exited with 11 · watched through the forward proxy \(HTTPS intercepted\) · 2 calls, 2 refused/,
      );
      // The JVM says what it picked up: the user's options, then the run's, nothing secret.
      const picked = /Picked up JAVA_TOOL_OPTIONS: (.*)/.exec(r.stderr)?.[1] ?? '';
      expect(picked).toMatch(
        /^-Dapp\.own=kept -Dhttp\.proxyHost=127\.0\.0\.1 .* -Djavax\.net\.ssl\.trustStorePassword=changeit$/,
      );
      const folder = /app: folder (\S+)/.exec(r.stdout)?.[1];
      expect(folder, r.stdout).toMatch(/why401-ca-/);
      expect(existsSync(folder ?? '/')).toBe(false);
      expectNoCredential(r.stdout + r.stderr, [KEY], 'java run');
    });
  },
);
