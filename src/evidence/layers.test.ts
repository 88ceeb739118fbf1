import { describe, expect, it } from 'vitest';
import { layersFromHeaders } from './layers.js';

describe('layersFromHeaders: a challenge realm that names a layer (issue 14)', () => {
  it.each([
    ['Basic realm="traefik"', 'Traefik', 'proxy'],
    ['Basic realm="Netlify"', 'Netlify', 'cdn'],
    ['Basic realm="nginx staging"', 'nginx', 'server'],
    ['Bearer, Basic realm=Caddy', 'Caddy', 'server'],
  ])('%s → %s', (challenge, name, kind) => {
    const found = layersFromHeaders({ 'www-authenticate': challenge });
    expect(found).toContainEqual({
      name,
      kind,
      evidence: expect.stringMatching(/^www-authenticate realm "/) as unknown as string,
    });
  });

  it.each([
    'Basic realm="Twilio API"',
    'Bearer realm="api", error="invalid_token"',
    'Bearer realm="https://accounts.google.com/"',
    'OAuth realm="https%3A%2F%2Facme.atlassian.net"',
    'Basic realm="Restricted"',
  ])('%s names no layer', (challenge) => {
    expect(layersFromHeaders({ 'www-authenticate': challenge })).toEqual([]);
  });

  it('a layer the headers already name is not repeated (Kong: Server and realm)', () => {
    const found = layersFromHeaders({
      server: 'kong/3.6.1',
      'www-authenticate': 'Key realm="kong"',
    });
    expect(found.filter((l) => l.name === 'Kong')).toHaveLength(1);
  });
});
