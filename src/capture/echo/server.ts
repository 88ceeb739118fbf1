import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { scrubJson } from '../../secret/scrub.js';
import { echoReport, type EchoReport } from './report.js';
import { tapRawHeads } from '../http1/raw-heads.js';

export interface EchoServer {
  readonly origin: string;
  close(): Promise<void>;
}

/** Answers every request with what arrived, as redacted JSON, and hands the report to onRequest. */
export async function startEcho(
  port: number,
  onRequest: (report: EchoReport) => void,
  host = '127.0.0.1',
): Promise<EchoServer> {
  const server = http.createServer((req, res) => {
    // The body is counted, not kept: an upload of any size is read to its end and answered
    // (cutting it off reset the app's connection and showed nothing).
    let bytes = 0;
    req.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
    });
    req.on('end', () => {
      const report = echoReport(req, bytes);
      onRequest(report);
      const body = `${scrubJson(report, 2)}\n`;
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  });
  // Echo reads raw heads before the parser: every header starts there, including the first.
  tapRawHeads(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const { port: bound } = server.address() as AddressInfo;
  return {
    origin: `http://${host}:${bound}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
