import type { Placement } from './types.js';

/** `Authorization: Bearer <key>`, `x-api-key: <key>`, `?key=<key>`. */
export function describePlacement(p: Placement): string {
  switch (p.in) {
    case 'header':
      return `${p.name}: ${p.scheme ? `${p.scheme}${p.scheme.endsWith('=') ? '' : ' '}` : ''}<key>`;
    case 'query':
      return `?${p.name}=<key>`;
    case 'path':
      return `URL path ${p.template}`;
    case 'basic':
      return `Authorization: Basic base64(${p.pair.replace('key', '<key>')})`;
    case 'signature':
      return `${p.name}: signed request (not a bearer key)`;
  }
}
