import { defineCheck, finding } from '../../types.js';
import { isBlockPage, sameAnswer, type RequestEvidence } from '../../../evidence/request.js';

/** 403 from a WAF or bot filter, before any auth. */
export const wafBlocked = defineCheck<RequestEvidence>('waf-blocked', (ev) => {
  const { final, probes } = ev;
  const f = final.facts;
  if (!f || (f.status !== 403 && f.status !== 503 && f.status !== 429)) return [];
  const ua = probes['user-agent'];
  const cdn = f.layers.find((l) => l.kind === 'cdn' || l.kind === 'waf');
  const wafWords = f.says.has('waf');
  const uaHelped =
    ua?.facts !== undefined && !sameAnswer(ua, final) && ua.facts.status !== f.status;
  const blockPage = isBlockPage(ev);
  if (
    !wafWords &&
    !uaHelped &&
    !blockPage &&
    !(cdn && f.challenges.length === 0 && !f.isJson && f.status === 403)
  )
    return [];
  const evidence = [
    `${f.status}${cdn ? ` from ${cdn.name} (${cdn.evidence})` : ''} with no WWW-Authenticate challenge`,
  ];
  if (wafWords) evidence.push(`the body reads like a bot filter: ${f.errorText.slice(0, 80)}`);
  else if (blockPage)
    evidence.push(
      `an HTML block page of its own (${f.errorText.slice(0, 80)}), the very same without the key: the key played no part`,
    );
  if (ua?.facts)
    evidence.push(
      `with a descriptive User-Agent: ${ua.facts.status}${uaHelped ? ' (a different answer)' : ' (the same)'}`,
    );
  return [
    finding('status.waf-blocked', uaHelped ? 'confirmed' : 'attributed', evidence, {
      status: f.status,
      layer: cdn?.name ?? null,
    }),
  ];
});
