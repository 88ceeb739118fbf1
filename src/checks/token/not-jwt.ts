/**
 * An opaque or encrypted (JWE) bearer token where the API validates JWTs, by what it says:
 * ASP.NET IDX12741 / IDX14100 / IDX12709 ("JWT is not well formed"), jsonwebtoken's "jwt
 * malformed", jose's "Invalid Compact JWS", Spring's "Malformed token" / "An error occurred while
 * attempting to decode the Jwt", Envoy's "Jwt is not in the form of Header.Payload.Signature".
 */
import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from '../../evidence/request.js';
import { decodeJwt } from '../../parse/jwt.js';
import { quote } from './shared.js';

/** The API parses bearer tokens as JWTs (and could not parse this one). Exported for the table test. */
export const EXPECTS_JWT =
  /\bIDX1274[01]\b|\bIDX1410[0-2]\b|\bIDX12709\b|\bIDX14120\b|jwt (is )?malformed|malformed (jwt|token)|jwt is not well[- ]formed|invalid compact jw[se]|invalid (jwt|jws)\b|not a (valid )?jwt|error occurred while attempting to decode the jwt|jwt is not in the form of|invalid serialized (jws|jwt)|(jwt|token) must have (three|3) parts|wrong number of segments|token contains an invalid number of segments|jwt must have 3 parts|unable to (parse|decode) (the )?(jwt|token)/i;

export const tokenNotJwt = defineCheck<RequestEvidence>('token-not-jwt', (e) => {
  const f = e.final.facts;
  const c = e.credential;
  if (!c || !f || e.final.accepted || (f.status !== 401 && f.status !== 403)) return [];
  if (c.spot.in !== 'header' || c.spot.scheme?.toLowerCase() !== 'bearer') return [];
  const jwt = decodeJwt(c.meant);
  const form = jwt.ok ? (jwt.encrypted ? 'jwe' : 'jwt') : 'opaque';
  if (form === 'jwt') return [];
  // A broken JWT (cut, edited) is key.truncated / key.malformed's, not an opaque token.
  if (form === 'opaque' && c.meant.startsWith('eyJ')) return [];
  const m = EXPECTS_JWT.exec(f.errorText);
  if (!m) return [];
  return [
    finding(
      'token.not-jwt',
      'attributed',
      [
        form === 'jwe'
          ? 'the token is a JWE (5 parts, encrypted): its claims cannot be read by the API'
          : `the token is opaque (${c.meant.length} chars, not header.payload.signature)`,
        `${f.status}: the API says ${quote(f.errorText, m.index)}`,
      ],
      { form },
    ),
  ];
});
