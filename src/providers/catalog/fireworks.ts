import type { Provider } from '../types.js';
import { bearer, getOk } from './shared.js';

// Sources:
//   https://github.com/typeclaw/typeclaw/pull/388
//   https://github.com/can1357/oh-my-pi/issues/3219
//   https://github.com/langchain-ai/langchain/issues/15239
export const fireworks: Provider = {
  id: 'fireworks',
  name: 'Fireworks AI',
  hosts: ['api.fireworks.ai'],
  auth: bearer(),
  alternatives: [],
  headers: [],
  keyShapes: [
    {
      pattern: /fw_[A-Za-z0-9]{20,40}/,
      kinds: ['secret'],
      prefix: 'fw_',
      lengthUnverified: true,
      note: 'Standard key; exact length unverified (a public sample is 36 chars).',
    },
    {
      pattern: /fpk_[A-Za-z0-9]{20,60}/,
      kinds: ['secret'],
      prefix: 'fpk_',
      lengthUnverified: true,
      note: "Fire Pass key; only for chat routes (403 'not authorized for this route' elsewhere, which still proves it authenticated). Length unverified.",
    },
  ],
  validate: getOk(
    'https://api.fireworks.ai/inference/v1/models',
    "Caveats: some accounts get 500 'Error listing deployed models' here; Fire Pass keys get 403 FORBIDDEN 'Fire Pass API keys are not authorized for this route.' which still proves authentication succeeded.",
  ),
  errorShapes: [
    {
      status: 401,
      when: 'invalid key',
      body: "error code UNAUTHORIZED (exact JSON unverified); an older gateway returned {'fault': {'faultstring': 'Invalid ApiKey', 'detail': {'errorcode': 'oauth.v2.InvalidApiKey'}}}",
    },
    {
      status: 403,
      when: 'Fire Pass key on a non-chat route',
      body: '{"error":{"code":"FORBIDDEN","message":"Fire Pass API keys are not authorized for this route."}}',
    },
  ],
  revealingHeaders: [],
  unverified: ['fw_ and fpk_ key lengths', 'exact 401 JSON'],
};
