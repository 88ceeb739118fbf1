import { defineCheck, finding } from '../../types.js';
import { sameAnswer, type RequestEvidence } from '../../../evidence/request.js';
import { hidesAs404, masking } from './not-found-masked.js';

/** The gateway's "auth" error that really means no such route (API Gateway); a 404 that is a wrong URL. */
export const noRoute = defineCheck<RequestEvidence>('no-route', (ev) => {
  const { final, probes, provider } = ev;
  const f = final.facts;
  if (!f || (f.status !== 403 && f.status !== 404 && f.status !== 401)) return [];
  const anon = probes['without-credential'];
  // A 403 whose words (or its gateway's error type) say no route matched: API Gateway's
  // "Missing Authentication Token" is an unmatched path or method, not a key problem.
  const told = f.layers.find((l) => l.noRoute);
  if (f.status === 403 && (f.says.has('route') || told)) {
    const layer = told ?? f.layers.find((l) => l.kind === 'gateway');
    return [
      finding(
        'status.no-route',
        sameAnswer(anon, final) ? 'confirmed' : 'attributed',
        [
          `${f.status} "${f.errorText.slice(0, 60)}"${layer ? ` (${layer.name}: ${layer.evidence})` : ''}`,
          ...(sameAnswer(anon, final)
            ? ['the same answer without any credential: the route, not the key']
            : []),
        ],
        { status: f.status, kind: 'gateway' },
      ),
    ];
  }
  // A plain 404 of a server not known to hide resources behind it: the URL, not the key; unless
  // the key placed elsewhere was accepted (Telegram's token belongs in the path itself).
  const acceptedElsewhere =
    Object.values(probes).some((p) => p?.carried && p.accepted) ||
    ev.alternatives.some((a) => a.accepted);
  if (
    f.status !== 404 ||
    acceptedElsewhere ||
    masking(ev).length > 0 ||
    (hidesAs404(provider) && !ev.credential)
  )
    return [];
  const identical = ev.credential !== null && sameAnswer(anon, final);
  const evidence = [`404${f.errorText ? `: ${f.errorText.slice(0, 100)}` : ''}`];
  if (f.says.has('route'))
    evidence.push('the words are those of a path or method that matched nothing');
  if (identical)
    evidence.push('the very same 404 without any credential: the key plays no part in it');
  else if (anon?.facts)
    evidence.push(
      `without the credential: ${anon.facts.status}; with it the key was read, and the path still matched nothing`,
    );
  return [
    finding(
      'status.no-route',
      identical ? 'confirmed' : f.says.has('route') ? 'attributed' : 'heuristic',
      evidence,
      { status: 404, kind: 'not-found', path: final.request.url.pathname.slice(0, 120) },
    ),
  ];
});
