import { signedSchemeWanted } from './signed-scheme.js';
import { checkTable } from '../test-helpers.js';

const incomplete = {
  status: 403,
  headers: { 'x-amzn-errortype': 'IncompleteSignatureException' },
  body: {
    message:
      "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
  },
};

checkTable(signedSchemeWanted, 'header.wrong-scheme', {
  finds: [
    {
      name: 'AWS API Gateway (IAM auth): a Bearer token gets IncompleteSignatureException',
      reply: incomplete,
      confidence: 'attributed',
      evidence: [/AWS Signature V4/, /went as Authorization: Bearer/],
      data: { sentScheme: 'bearer' },
    },
    {
      name: 'the same answer to a raw key in Authorization',
      spot: { in: 'header', name: 'Authorization', scheme: null },
      reply: incomplete,
      evidence: [/the raw key/],
    },
    {
      name: 'only the error type header (a HEAD-like empty body)',
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'IncompleteSignatureException:' },
        body: '',
      },
    },
    {
      name: 'a service that says it requires a signed request',
      spot: { in: 'header', name: 'Authorization', scheme: 'Token' },
      reply: { status: 401, body: { error: 'This endpoint requires a signed request' } },
    },
  ],
  ok: [
    {
      name: 'a key in x-api-key: not in Authorization',
      spot: { in: 'header', name: 'x-api-key', scheme: null },
      reply: incomplete,
    },
    {
      name: 'a signed request whose signature does not match (sig.*, not the scheme)',
      spot: { in: 'header', name: 'Authorization', scheme: 'AWS4-HMAC-SHA256' },
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'InvalidSignatureException' },
        body: {
          message: 'The request signature we calculated does not match the signature you provided.',
        },
      },
    },
    {
      name: 'API Gateway "Missing Authentication Token" (no route: status.no-route)',
      reply: {
        status: 403,
        headers: { 'x-amzn-errortype': 'MissingAuthenticationTokenException' },
        body: { message: 'Missing Authentication Token' },
      },
    },
    { name: 'an unknown key', reply: { status: 401, body: { message: 'Unauthorized' } } },
  ],
});
