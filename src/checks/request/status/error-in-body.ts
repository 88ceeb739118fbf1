import { AUTH_CODE } from '../../../evidence/answer.js';
import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';

/** A 2xx (or 400) whose body is an auth error. */
export const errorInBody = defineCheck<RequestEvidence>('error-in-body', (ev) => {
  const { final, credential } = ev;
  const f = final.facts;
  // A sign-in page is status.login-redirect's; a key of another mode is key.wrong-environment's.
  if (!f || f.loginForm || f.says.has('environment')) return [];
  const twoHundred = f.status >= 200 && f.status < 300 && f.bodySaysFailure;
  // A 400 is about the request unless its words are about the credential (`resource_missing`,
  // "missing parameter" are not); a 2xx that says it failed needs less.
  const authTopic =
    f.blamesCredential ||
    f.says.has('restricted') ||
    ((f.says.has('missing') || f.says.has('expired') || f.says.has('invalid')) &&
      (twoHundred || f.aboutCredential)) ||
    (twoHundred && (f.says.has('scope') || f.errorCodes.some((c) => AUTH_CODE.test(c))));
  if (!(twoHundred || f.status === 400) || !authTopic) return [];
  // A 400 whose words blame the key sent (`API key not valid`) is credential.invalid's to name:
  // here it is only how the refusal came.
  const keyBlamed = !twoHundred && credential !== null && f.blamesCredential;
  return [
    finding(
      'status.error-in-body',
      keyBlamed ? 'heuristic' : 'attributed',
      `${f.status} with an auth error in the body: ${f.errorText.slice(0, 160)}`,
      {
        status: f.status,
        bodyCode: f.errorCodes.find((c) => !/^\d+$/.test(c)) ?? null,
      },
    ),
  ];
});
