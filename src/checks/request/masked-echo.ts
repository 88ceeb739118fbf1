import { defineCheck, finding } from '../types.js';
import { sameAnswer, type RequestEvidence } from '../../evidence/request.js';

/**
 * The server echoes the key it received, masked (`sk-ab***wxyz`). Compared with the key sent,
 * it tells whether a quote or URL arrived with it, or whether another key arrived altogether.
 */
export const maskedEcho = defineCheck<RequestEvidence>(
  'masked-echo',
  ({ final, credential, probes }) => {
    const echo = final.facts?.maskedEcho;
    if (!echo || !credential || final.accepted) return [];
    const sent = credential.secret.reveal();
    // A quote the server wraps around the whole masked key (`The provided key 'rk_live_****abcd'
    // does not…`) is its sentence quoting the key, not a quote that arrived with it: unless the
    // key sent starts with that very quote.
    const quoting = echo.closedQuote && !sent.trimStart().startsWith(echo.head.charAt(0));
    const head = quoting ? echo.head.slice(1) : echo.head;
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
    const tailMatches = [sent.trimEnd(), credential.meant].some((k) => k.endsWith(echo.tail));
    // The head is mostly the public prefix every key of the provider shares (`sk-`): it tells only
    // when the tail is too short to (`sk-ab…yz`). A tail of 3+ characters identifies the key.
    const headMatches = head !== '' && sent.trimStart().startsWith(head.slice(0, 3));
    const other = echo.tail.length >= 3 ? !tailMatches : !tailMatches && !headMatches;
    if (other) {
      // Without any credential the very same answer, naming the same key: that key is not ours.
      const same = sameAnswer(probes['without-credential'], final);
      return [
        finding('net.proxy-strips-auth', same ? 'attributed' : 'heuristic', [
          `the server echoes a key ending in "${echo.tail}"; the key sent ends otherwise`,
          ...(same
            ? [
                'without any credential the very same answer, naming that same key: it is not the one sent',
              ]
            : []),
          'another credential arrived: replaced on the way (a proxy, a stale variable, another key loaded)',
        ]),
      ];
    }
    return [];
  },
);
