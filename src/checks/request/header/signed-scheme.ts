import { defineCheck, finding } from '../../types.js';
import type { RequestEvidence } from '../../../evidence/request.js';
import { sentScheme } from '../../../evidence/request.js';

/**
 * Words of a server that wants a signed request in `Authorization` and got something else: AWS's
 * `IncompleteSignatureException` ("Authorization header requires 'Credential' parameter.
 * Authorization header requires 'Signature' parameter…"), "requires a signed request", "the
 * Authorization header is not a valid signature (AWS4-HMAC-SHA256)". A bare key or a Bearer token
 * there is another scheme altogether.
 */
const WANTS_SIGNATURE =
  /incompletesignature|authorization header requires '?(credential|signature|signedheaders)'? parameter|requires? (a )?signed request|(aws4-hmac-sha256|signature version 4) (is )?(required|expected)|expected (an? )?(aws4-hmac-sha256|hmac) signature/i;

/** The server asks for a signed request (AWS Signature V4 and its kind) where a key went as a scheme of its own. */
export const signedSchemeWanted = defineCheck<RequestEvidence>(
  'signed-scheme-wanted',
  ({ final, credential }) => {
    const f = final.facts;
    if (!credential || !f || final.accepted || f.status < 400 || f.status >= 500) return [];
    const scheme = sentScheme(credential);
    // Only a key sent in Authorization as Bearer, Token, a raw value, …: a signature was not.
    if (scheme === null || /^(aws4-|hmac|signature)/i.test(scheme)) return [];
    const words = `${f.headers['x-amzn-errortype'] ?? ''} ${f.errorText}`;
    const said = WANTS_SIGNATURE.exec(words);
    if (!said) return [];
    const how =
      credential.spot.in === 'header' && credential.spot.scheme
        ? `${credential.spot.scheme} …`
        : 'the raw key';
    const aws = /aws4|incompletesignature|x-amz|credential/i.test(words);
    return [
      finding(
        'header.wrong-scheme',
        'attributed',
        [
          `${f.status}: ${f.errorText.slice(0, 140)}`,
          `the server wants a signed request${aws ? ' (AWS Signature V4: Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…)' : ''}, and the key went as Authorization: ${how}`,
          ...(aws
            ? [
                'an IAM-authorised route takes no API key or Bearer token: sign the request with AWS credentials (an SDK, aws-sigv4), or use the route or API key (x-api-key) the API documents',
              ]
            : []),
        ],
        {
          sentHeader: 'Authorization',
          sentScheme: scheme === 'raw' ? null : scheme,
          expectedScheme: aws
            ? 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…'
            : null,
        },
      ),
    ];
  },
);
