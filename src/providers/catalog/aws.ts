import type { Provider } from '../types.js';
import { bearer } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/aws/access_keys/accesskey.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/aws/session_keys/sessionkey.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/aws/access_keys/canary.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule aws-access-token)
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule aws-amazon-bedrock-api-key-long-lived)
//   streaak/keyhacks@371e807 README.md
export const aws: Provider = {
  id: 'aws',
  name: 'AWS (Signature Version 4)',
  hosts: ['sts.amazonaws.com', '*.amazonaws.com'],
  auth: {
    in: 'signature',
    name: 'Authorization',
    note: 'AWS4-HMAC-SHA256 Credential=<AccessKeyId>/<date>/<region>/<service>/aws4_request, SignedHeaders=<list>, Signature=<hex>; the secret never travels.',
  },
  alternatives: [
    bearer({
      note: 'Amazon Bedrock API keys (ABSK..., long-lived, base64) for bedrock-runtime only (gitleaks).',
    }),
  ],
  headers: [
    {
      name: 'X-Amz-Date',
      value: 'YYYYMMDDTHHMMSSZ',
      required: true,
      note: 'Signing time; clock skew breaks signatures.',
    },
    {
      name: 'X-Amz-Security-Token',
      value: '<session token>',
      required: false,
      note: 'Required with temporary (ASIA...) credentials.',
    },
    {
      name: 'x-amz-content-sha256',
      value: '<payload hash>',
      required: false,
      note: 'Required by S3 (unverified here).',
    },
  ],
  keyShapes: [
    {
      pattern: /AKIA[A-Z2-7]{16}/,
      kinds: ['identifier'],
      prefix: 'AKIA',
      usableAsApiKey: false,
      note: 'Long-term access key id (IAM user); needs its 40-char secret to sign.',
    },
    {
      pattern: /ASIA[A-Z2-7]{16}/,
      kinds: ['identifier', 'session'],
      prefix: 'ASIA',
      usableAsApiKey: false,
      note: 'Temporary access key id (STS); needs the secret and X-Amz-Security-Token.',
    },
    {
      pattern: /ABIA[A-Z2-7]{16}/,
      kinds: ['identifier'],
      prefix: 'ABIA',
      usableAsApiKey: false,
      note: 'Access key id with the ABIA prefix (secret scanners list it next to AKIA).',
    },
    {
      pattern: /ACCA[A-Z2-7]{16}/,
      kinds: ['identifier'],
      prefix: 'ACCA',
      usableAsApiKey: false,
      note: 'Access key id with the ACCA prefix (secret scanners list it next to AKIA).',
    },
    {
      pattern: /[A-Za-z0-9+/]{40}/,
      kinds: ['secret'],
      generic: true,
      usableAsApiKey: false,
      note: 'Secret access key (40 chars, generic); signs requests, never sent.',
    },
    {
      pattern: /ABSK[A-Za-z0-9+/]{109,269}={0,2}/,
      kinds: ['secret'],
      prefix: 'ABSK',
      lengthUnverified: true,
      note: 'Bedrock long-lived API key (gitleaks); Bearer on bedrock-runtime only.',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15',
    successStatus: 200,
    note: "Must be SigV4-signed (service 'sts', region us-east-1 for the global endpoint; unverified here). Always allowed regardless of IAM policy; returns Account, Arn, UserId. Equivalent: aws sts get-caller-identity.",
  },
  errorShapes: [
    {
      status: 403,
      when: 'unknown/deleted access key id (AWS uses 403, not 401)',
      body: "Error Code InvalidClientTokenId, 'The security token included in the request is invalid.'",
    },
    {
      status: 403,
      when: 'wrong secret, bad canonical request, or clock skew',
      body: "Error Code SignatureDoesNotMatch (clock skew can also give 'Signature expired' / RequestTimeTooSkewed; unverified)",
    },
    {
      status: 403,
      when: 'temporary credentials expired',
      body: "Error Code ExpiredToken, 'The security token included in the request is expired'",
    },
    {
      status: 403,
      when: 'valid credentials, no IAM permission',
      body: "Error Code AccessDenied / AccessDeniedException 'User: arn:... is not authorized to perform: ...'",
    },
  ],
  revealingHeaders: [
    {
      name: 'x-amzn-RequestId',
      meaning: 'Request id.',
    },
  ],
  revealingBody: [
    {
      source: 'GetCallerIdentity body',
      fields: ['Arn', 'Account', 'UserId'],
      meaning: 'Identity behind the key.',
    },
  ],
  unverified: [
    'x-amz-content-sha256 required by S3',
    'STS global endpoint signing region us-east-1',
    'clock-skew error names',
  ],
};
