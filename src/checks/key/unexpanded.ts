import { defineCheck, finding } from '../types.js';
import type { KeyEvidence } from '../../evidence/key.js';

const REFERENCES: readonly { pattern: Pick<RegExp, 'test'>; syntax: string }[] = [
  { pattern: /^\$[A-Za-z_][A-Za-z0-9_]*$/, syntax: '$NAME (shell)' },
  { pattern: { test: hasBraceReference }, syntax: '${NAME} (shell, compose, dotenv-expand)' },
  { pattern: /^%[A-Za-z_][A-Za-z0-9_()]*%$/, syntax: '%NAME% (cmd.exe)' },
  { pattern: /^\$env:[A-Za-z_]/i, syntax: '$env:NAME (PowerShell)' },
  // not /\{\{\s*[^{}]+\}\}/ (the same matches): \s* and [^{}]+ overlap and backtrack in O(n²)
  { pattern: /\{\{[^{}]+\}\}/, syntax: '{{ … }} (CI or template)' },
  { pattern: /^\$\([^)]*\)$/, syntax: '$(…) (command substitution)' },
  { pattern: /^process\.env(\.|\[)/, syntax: 'process.env.NAME (JavaScript)' },
  { pattern: /^import\.meta\.env\./, syntax: 'import.meta.env.NAME (Vite)' },
  { pattern: /^os\.(environ|getenv)/, syntax: 'os.environ (Python)' },
];

/**
 * `${` with a `}` after it, as /\$\{[^}]*\}/ would find, in one pass: that unanchored regex
 * rescans to the end from every `${` of a long value without `}` (O(n²)).
 */
function hasBraceReference(value: string): boolean {
  const open = value.indexOf('${');
  return open >= 0 && value.indexOf('}', open + 2) >= 0;
}

/** True when the meant value is an unexpanded reference (`$NAME`, `${NAME}`, `{{ … }}`). */
export function isUnexpanded(core: string): boolean {
  return REFERENCES.some((r) => r.pattern.test(core.trim()));
}

export const keyUnexpanded = defineCheck<KeyEvidence>('key-unexpanded', ({ core }) => {
  const ref = REFERENCES.find((r) => r.pattern.test(core.trim()));
  if (!ref) return [];
  return [
    finding(
      'key.unexpanded',
      'definitive',
      `the value is a variable reference in ${ref.syntax} syntax that was never substituted`,
      { syntax: ref.syntax },
    ),
  ];
});
