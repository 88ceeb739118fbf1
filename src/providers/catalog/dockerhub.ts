import type { Provider } from '../types.js';
import { basic, bearer } from './shared.js';

// Sources:
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/dockerhub/v2/dockerhub.go
//   trufflesecurity/trufflehog@3ab759f pkg/detectors/docker/docker_auth_config.go
//   https://github.com/mongodb/kingfisher/issues/202
//   https://github.com/docker/hub-feedback/issues/2438
//   https://github.com/docker/hub-feedback/issues/2171
//   https://github.com/jupyterhub/binderhub/issues/993
export const dockerhub: Provider = {
  id: 'dockerhub',
  name: 'Docker Hub (Hub API and registry)',
  hosts: ['hub.docker.com', 'registry-1.docker.io', 'auth.docker.io'],
  auth: bearer({ note: 'A JWT from POST /v2/auth/token, not the PAT itself.' }),
  alternatives: [
    basic('user:key', {
      user: 'username',
      note: 'Docker username with the PAT: docker login / registry token endpoint (auth.docker.io/token).',
    }),
  ],
  headers: [],
  keyShapes: [
    {
      pattern: /dckr_pat_[A-Za-z0-9_-]{27}/,
      kinds: ['secret'],
      prefix: 'dckr_pat_',
      note: 'Personal access token (needs the Docker username).',
    },
    {
      pattern: /dckr_oat_[A-Za-z0-9_-]{32}/,
      kinds: ['secret'],
      prefix: 'dckr_oat_',
      note: 'Organization access token.',
    },
  ],
  validate: {
    method: 'POST',
    url: 'https://hub.docker.com/v2/auth/token',
    successStatus: 200,
    body: '{"identifier":"<username>","secret":"<PAT>"}',
    note: 'Returns access_token, a JWT whose claims show scope (e.g. repo:public_read), username and source docker_pat|<id>. Sending the PAT directly as Bearer to Hub endpoints fails.',
  },
  errorShapes: [
    {
      status: 401,
      when: 'PAT sent as Bearer to a Hub endpoint, or bad credentials',
      body: '{"message":"unauthorized","errinfo":{}}',
    },
    {
      status: 401,
      when: 'correct password but 2FA enabled (login flow)',
      body: 'response carries a login_2fa_token / MFA-required marker (trufflehog treats this as valid)',
    },
    {
      status: 403,
      when: 'JWT derived from a PAT on endpoints that refuse PATs',
      body: '{"message":"token issued from personal access token",...} or \'access to the resource is forbidden with personal access token\'',
    },
    {
      status: 401,
      when: 'registry call without token',
      body: 'registry error JSON',
      wwwAuthenticate:
        'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:<name>:pull"',
    },
  ],
  revealingHeaders: [
    {
      name: 'WWW-Authenticate',
      meaning: 'Registry tells where to get a token and which scope is needed.',
    },
  ],
  revealingBody: [
    {
      source: 'JWT claims',
      fields: ['scope', 'username', 'source'],
      meaning: 'Access level and token origin.',
    },
  ],
};
