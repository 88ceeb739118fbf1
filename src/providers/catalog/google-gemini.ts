import type { Provider } from '../types.js';
import { getOk, inHeader, inQuery } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/googlegemini/googlegemini.go
//   gitleaks/gitleaks@b58d3f1 config/gitleaks.toml (rule gcp-api-key)
//   https://github.com/continuedev/continue/issues/8516
//   https://github.com/google-gemini/gemini-cli/issues/25198
//   https://github.com/continuedev/continue/issues/12781
//   https://github.com/google-gemini/deprecated-generative-ai-python/issues/10
//   https://github.com/mhawksey/GeminiApp/issues/10
//   https://github.com/google/generative-ai-docs/issues/356
//   public code samples of AQ.-prefixed GEMINI_API_KEY values (find_string over public GitHub)
export const googleGemini: Provider = {
  id: 'google-gemini',
  name: 'Google Gemini API (AI Studio / Generative Language API)',
  hosts: ['generativelanguage.googleapis.com'],
  auth: inHeader('x-goog-api-key', null),
  alternatives: [inQuery('key', { note: 'Equivalent; leaks the key into logs.' })],
  headers: [],
  keyShapes: [
    {
      pattern: /AIza[0-9A-Za-z_-]{35}/,
      kinds: ['secret'],
      prefix: 'AIza',
      note: 'Classic Google API key, 39 chars (AI Studio keys start AIzaSy). Same format as every other Google Cloud / Firebase API key.',
    },
    {
      pattern: /AQ\.Ab[A-Za-z0-9_-]{48}/,
      kinds: ['secret'],
      prefix: 'AQ.',
      lengthUnverified: true,
      note: "Newer AI Studio key format starting 'AQ.' (53 chars in all public samples seen, 2026). Not yet covered by trufflehog or gitleaks (unverified format).",
    },
  ],
  validate: getOk(
    'https://generativelanguage.googleapis.com/v1beta/models',
    'Free model list (trufflehog uses /v1/models). A 403 means the key is a real Google key but cannot call this API (see errorShape).',
  ),
  errorShapes: [
    {
      status: 400,
      when: 'invalid, deleted or mistyped key (NOT 401)',
      body: '{"error":{"code":400,"message":"API key not valid. Please pass a valid API key.","status":"INVALID_ARGUMENT","details":[{"@type":"type.googleapis.com/google.rpc.ErrorInfo","reason":"API_KEY_INVALID","domain":"googleapis.com","metadata":{"service":"generativelanguage.googleapis.com"}}]}} (message also \'API Key not found. Please pass a valid API key.\')',
    },
    {
      status: 403,
      when: "API not enabled in the key's project",
      body: "status PERMISSION_DENIED, reason SERVICE_DISABLED ('Generative Language API has not been used in project N before or it is disabled')",
    },
    {
      status: 403,
      when: 'key restricted to other APIs',
      body: "status PERMISSION_DENIED, reason API_KEY_SERVICE_BLOCKED ('Requests to this API generativelanguage.googleapis.com method ... are blocked.')",
    },
    {
      status: 403,
      when: 'key has HTTP-referrer/IP/app restrictions',
      body: "reason API_KEY_HTTP_REFERRER_BLOCKED ('Requests from referer <empty> are blocked.')",
    },
    {
      status: 403,
      when: 'key/project suspended or flagged as leaked',
      body: "reason CONSUMER_SUSPENDED ('Permission denied: Consumer api_key:... has been suspended.')",
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'error body',
      fields: ['details[].metadata.consumer'],
      meaning: 'projects/<number> that owns the key (identity), present on 403s.',
    },
  ],
  unverified: ['AQ. key format'],
};
