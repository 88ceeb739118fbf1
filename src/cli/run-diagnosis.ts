import type { RequestInput } from '../engine/build-request.js';
import { sendAndJudge, type SendAndJudgeOptions } from '../engine/send-and-judge.js';
import { renderCurl } from '../report/curl.js';
import { diagnosisHuman } from '../report/human-diagnosis.js';
import { scrubJson } from '../secret/scrub.js';
import { exitOfVerdict } from './exit-codes.js';
import { isTerminal, styleFor, writeErr, writeOut, writeResult } from './io.js';

export interface OutputFlags {
  readonly json?: boolean | undefined;
  readonly curl?: boolean | undefined;
  readonly noColor?: boolean | undefined;
  readonly verbose?: boolean | undefined;
}

/** Runs the engine and prints the result; returns the exit code of spec/cli.md. */
export async function runDiagnosis(
  input: RequestInput,
  options: SendAndJudgeOptions,
  flags: OutputFlags,
): Promise<number> {
  const progress = !flags.json && isTerminal(2);
  const { diagnosis: d, evidence } = await sendAndJudge(input, {
    ...options,
    ...(progress ? { onProgress: (l: string) => writeErr(`… ${l}`) } : {}),
  });
  const code = exitOfVerdict(d.verdict.status);
  if (flags.json) writeResult(scrubJson(d, 2), code);
  else {
    writeResult(
      diagnosisHuman(
        d,
        styleFor(1, flags.noColor === true),
        flags.verbose === true,
        evidence.writeNotProbed,
        evidence.token?.notes,
      ),
      code,
    );
    if (flags.curl) writeOut(`\nThe same request with curl:\n${renderCurl(evidence)}`);
  }
  if (flags.json && flags.curl) writeErr(renderCurl(evidence));
  return code;
}

export { parseHeader } from './options.js';
