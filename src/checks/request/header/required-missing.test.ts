import { requiredMissing } from './required-missing.js';
import { checkTable } from '../test-helpers.js';

checkTable(requiredMissing, 'header.required-missing', {
  finds: [
    {
      name: 'Azure OpenAI without ?api-version= (a 404 that says nothing of it)',
      provider: 'azure-openai',
      asSent: true,
      url: 'https://res.openai.azure.com/openai/deployments',
      spot: { in: 'header', name: 'api-key', scheme: null },
      reply: { status: 404, body: { error: { code: '404', message: 'Resource not found' } } },
      evidence: [/requires \?api-version=/],
    },
    {
      name: 'GitHub with an empty User-Agent',
      provider: 'github',
      asSent: true,
      url: 'https://api.github.com/user',
      headers: [['User-Agent', '']],
      reply: {
        status: 403,
        headers: { 'content-type': 'text/plain' },
        body: 'Request forbidden by administrative rules. Please make sure your request has a User-Agent header',
      },
      evidence: [/requires User-Agent/],
    },
  ],
  ok: [
    {
      name: 'Azure OpenAI with ?api-version=',
      provider: 'azure-openai',
      asSent: true,
      url: 'https://res.openai.azure.com/openai/deployments?api-version=2024-02-01',
      spot: { in: 'header', name: 'api-key', scheme: null },
      reply: { status: 401, body: { error: { code: '401', message: 'Access denied' } } },
    },
  ],
});
