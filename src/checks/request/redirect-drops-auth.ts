import { defineCheck, finding } from '../types.js';
import { saysNoCredential, type RequestEvidence } from '../../evidence/request.js';

/** A hop to another origin: clients drop Authorization there, and so does why401. */
export const redirectDropsAuth = defineCheck<RequestEvidence>(
  'redirect-drops-auth',
  ({ leftOrigin, final, credential }) => {
    if (!leftOrigin) return [];
    if (leftOrigin.notFollowed) {
      // Nothing was sent there: what stopped the hop is the whole story, key or no key.
      const what =
        leftOrigin.notFollowed === 'body'
          ? 'the body it would send again holds a possible credential'
          : 'its Location holds the credential';
      const evidence = [
        `${leftOrigin.status} from ${leftOrigin.from} to ${leftOrigin.to}: not followed, ${what}; nothing secret is sent to an origin you did not name`,
      ];
      return [
        finding('net.redirect-drops-auth', 'attributed', evidence, {
          from: leftOrigin.from,
          to: leftOrigin.to,
        }),
      ];
    }
    if (!credential) return [];
    const evidence = [
      `${leftOrigin.status} from ${leftOrigin.from} to ${leftOrigin.to}: another origin, so the credential stays behind`,
    ];
    if (final.accepted) {
      const f = finding('net.redirect-drops-auth', 'attributed', evidence, {
        from: leftOrigin.from,
        to: leftOrigin.to,
      });
      return [{ ...f, severity: 'warning' }];
    }
    const missing = saysNoCredential(final.facts);
    if (missing)
      evidence.push(
        `${final.request.url.origin} answered ${final.facts?.status}: no credential arrived`,
      );
    return [
      finding('net.redirect-drops-auth', missing ? 'confirmed' : 'attributed', evidence, {
        from: leftOrigin.from,
        to: leftOrigin.to,
      }),
    ];
  },
);
