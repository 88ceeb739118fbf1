import type { Provider } from '../types.js';
import { bearer, getOk, openAiErrorBody } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/deepseek/deepseek.go
//   https://github.com/PDFMathTranslate/PDFMathTranslate/issues/696
//   https://github.com/droidrun/mobilerun/issues/28
//   https://github.com/linshenkx/prompt-optimizer/issues/170
export const deepseek: Provider = {
  id: 'deepseek',
  name: 'DeepSeek',
  hosts: ['api.deepseek.com'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /sk-[a-f0-9]{32}/,
      kinds: ['secret'],
      prefix: 'sk-',
      note: "35 chars; shares the sk- prefix with other providers, so use context (trufflehog requires 'deepseek' nearby and allows [a-z0-9]).",
    },
  ],
  validate: getOk(
    'https://api.deepseek.com/user/balance',
    'Returns is_available and balance_infos (trufflehog). GET /models also works for a plain auth check.',
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: openAiErrorBody({
        message: 'Authentication Fails, Your api key: ****abcd is invalid',
        type: 'authentication_error',
        param: null,
        code: 'invalid_request_error',
      }),
    },
    {
      status: 401,
      when: 'unknown account / malformed header',
      body: "messages 'Authentication Fails (no such user)' and 'Authentication Fails (auth header format should be Bearer sk-...)'",
    },
  ],
  revealingHeaders: [],
  revealingBody: [
    {
      source: 'balance body',
      fields: ['is_available', 'balance_infos'],
      meaning: 'Whether the account can still spend.',
    },
  ],
};
