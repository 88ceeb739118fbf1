import { defineCheck, finding } from '../types.js';
import type { RequestEvidence } from './evidence.js';

/**
 * The server echoes the key it received, masked (`sk-ab***wxyz`). Compared with the key sent,
 * it tells whether a quote or URL arrived with it, or whether another key arrived altogether.
 */
export const maskedEcho = defineCheck<RequestEvidence>('masked-echo', ({ final, credential }) => {
  const echo = final.facts?.maskedEcho;
  if (!echo || !credential || final.accepted) return [];
  const sent = credential.secret.reveal();
  const head = echo.head;
  if (/^["'`]/.test(head)) {
    return [
      finding(
        'key.quoted',
        'confirmed',
        `the server echoes the key it received starting with a quote (${head.slice(0, 1)}…)`,
      ),
    ];
  }
  if (/^https?:/i.test(head)) {
    return [
      finding(
        'key.wrong-type',
        'confirmed',
        'the server echoes the key it received: it starts with http, a URL',
      ),
    ];
  }
  const tailMatches = sent.trimEnd().endsWith(echo.tail);
  // With only the tail shown (`****wxyz`), the tail alone tells
  const headMatches = head !== '' && sent.trimStart().startsWith(head.slice(0, 3));
  if (!tailMatches && !headMatches) {
    return [
      finding('net.proxy-strips-auth', 'heuristic', [
        `the server echoes a key ending in "${echo.tail}"; the key sent ends otherwise`,
        'another credential arrived: replaced on the way (a proxy, a stale variable, another key loaded)',
      ]),
    ];
  }
  return [];
});
