/**
 * Loaded into every Node process `why401 run` starts (NODE_OPTIONS=--import), and into their
 * worker threads: watches the outgoing http, https and fetch calls through
 * node:diagnostics_channel and reports them to why401 through a FIFO. It prints nothing and
 * changes nothing the app can see.
 */
import { threadId } from 'node:worker_threads';
import { proxiedClaims } from './preload-proxied.js';
import { reporterFromEnv } from './preload-reporter.js';
import { watchHttp } from './preload-http.js';
import { watchUndici } from './preload-undici.js';
import { watchWorkers } from './preload-workers.js';

const reporter = reporterFromEnv();
if (reporter) {
  reporter.send({
    t: 'hello',
    pid: process.pid,
    argv: process.argv[1] ?? '',
    ...(threadId ? { thread: threadId } : {}),
  });
  const onSocket = proxiedClaims(reporter);
  const flushHttp = watchHttp(reporter, onSocket);
  const flushUndici = watchUndici(reporter, onSocket);
  watchWorkers(import.meta.url, reporter.path);
  process.on('exit', () => {
    flushHttp();
    flushUndici();
  });
}
