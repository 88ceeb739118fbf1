/**
 * Loaded into every Node process `why401 run` starts (NODE_OPTIONS=--import): watches the
 * process's outgoing http, https and fetch calls through node:diagnostics_channel and reports
 * them to why401 through a FIFO. It prints nothing and changes nothing the app can see.
 */
import { reporterFromEnv } from './preload-reporter.js';
import { watchHttp } from './preload-http.js';
import { watchUndici } from './preload-undici.js';

const reporter = reporterFromEnv();
if (reporter) {
  reporter.send({ t: 'hello', pid: process.pid, argv: process.argv[1] ?? '' });
  const flushHttp = watchHttp(reporter);
  const flushUndici = watchUndici(reporter);
  process.on('exit', () => {
    flushHttp();
    flushUndici();
  });
}
