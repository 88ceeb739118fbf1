import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layer rule (docs/ARCHITECTURE.md, "Layers"): what each folder of src/ may import, beside
 * itself and node's modules. An import of any other folder (or of src/'s top-level modules not
 * listed) is an error, type-only imports included. Bottom to top: the leaves (secret, parse,
 * findings, providers), evidence, checks and collect, engine, then report, demo, lib, capture and
 * cli. `*.test.ts` files may also import what `tests` adds.
 */
export const TOP = [
  'capture',
  'checks',
  'cli',
  'collect',
  'demo',
  'engine',
  'evidence',
  'findings',
  'lib',
  'parse',
  'providers',
  'report',
  'secret',
  // src/'s own modules
  'clock',
  'diagnosis',
  'errors',
  'index',
  'version',
];
export const LAYERS = {
  secret: { may: [] },
  parse: { may: [], tests: ['providers'] },
  findings: { may: [] },
  providers: { may: ['parse'] },
  evidence: { may: ['findings', 'parse', 'providers', 'secret'] },
  checks: { may: ['evidence', 'findings', 'parse', 'providers', 'secret'] },
  collect: { may: ['evidence', 'secret', 'clock', 'errors'] },
  engine: {
    may: [
      ...['checks', 'collect', 'evidence', 'findings', 'parse', 'providers', 'secret'],
      ...['clock', 'diagnosis', 'errors', 'version'],
    ],
  },
  report: { may: ['engine', 'evidence', 'findings', 'parse', 'secret', 'diagnosis'] },
  demo: { may: ['engine', 'findings', 'secret'] },
  lib: {
    may: [
      ...['engine', 'evidence', 'findings', 'providers', 'report', 'secret'],
      ...['diagnosis', 'errors'],
    ],
  },
  // capture's folders by command (relay/, run/, call/, echo/, live/) or flat: the same rule.
  capture: {
    may: [
      ...['checks', 'collect', 'engine', 'evidence', 'findings', 'providers', 'report', 'secret'],
      ...['clock', 'diagnosis', 'errors', 'version'],
    ],
  },
  // cli: on top, may import anything; nothing imports it.
};

/** `../../engine/x.js`, `../engine.js`: a relative import that climbs into a folder of src/. */
const into = (name) => `^(\\.\\./)+${name}(/|\\.js$)`;

const layerRules = Object.entries(LAYERS).flatMap(([folder, { may, tests = [] }]) => {
  const rule = (allowed) => [
    'error',
    {
      patterns: TOP.filter((t) => t !== folder && !allowed.includes(t)).map((t) => ({
        regex: into(t),
        message: `layer rule (docs/ARCHITECTURE.md, Layers): src/${folder}/ may import only ${
          allowed.length ? allowed.join(', ') : 'itself'
        }.`,
      })),
    },
  ];
  return [
    { files: [`src/${folder}/**/*.ts`], rules: { 'no-restricted-imports': rule(may) } },
    ...(tests.length
      ? [
          {
            files: [`src/${folder}/**/*.test.ts`],
            rules: { 'no-restricted-imports': rule([...may, ...tests]) },
          },
        ]
      : []),
  ];
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Plain Node scripts (scripts/*.mjs, the preload): Node's globals.
    files: ['**/*.mjs', '**/*.cjs', 'scripts/**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        performance: 'readonly',
      },
    },
  },
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
    },
  },
  ...layerRules,
);
