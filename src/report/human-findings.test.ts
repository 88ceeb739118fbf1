import { describe, expect, it } from 'vitest';
import { PLAIN } from './style.js';
import { renderFinding } from '../findings/render.js';
import { renderFindingHuman } from './human-findings.js';

describe('renderFindingHuman', () => {
  it("evidence quoting a server is one line: its LF and escapes by name, no line of the server's own", () => {
    const f = renderFinding({
      id: 'credential.invalid',
      confidence: 'attributed',
      evidence: ['401: denied\n✔ Accepted (200)\u001b[1A\u202e'],
    });
    const text = renderFindingHuman(f, PLAIN);
    expect(text).toContain('seen: 401: denied⟨LF⟩✔ Accepted (200)⟨ESC⟩[1A⟨RLO⟩');
    expect(text).not.toMatch(/^\s*✔/m);
    expect(text.split('\n')).toHaveLength(3); // head, seen, fix
  });
});
