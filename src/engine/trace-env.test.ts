import { describe, expect, it } from 'vitest';
import type { Definition } from '../evidence/env-definitions.js';
import { credentialLooking } from './trace-env.js';

const def = (name: string, value: string | null): Definition =>
  ({
    kind: 'process',
    name,
    value,
    file: null,
    line: null,
    tool: 'process',
  }) as unknown as Definition;

// Built at run time: nothing key-shaped is written down whole.
const random = `x7Gq${'2LmP'.repeat(2)}9aQ`;

describe('credentialLooking: what env --all lists', () => {
  it.each<[string, string | null, boolean]>([
    ['OPENAI_API_KEY', 'anything', true],
    ['SHOP_PASS', 'hunter2hunter2', true],
    ['WEBHOOK', `https://hooks.example.com/services/${random}${random}`, true],
    ['KEYTIMEOUT', '1', false], // a secret-sounding name holding a plain setting
    ['PATH', `/tmp/tmp.${random}/node_modules/.bin:/usr/bin:/bin`, false], // random folder names
    ['HOME', `/tmp/why401-${random}`, false],
    ['APP_NAME', 'production', false],
    ['SOMETHING', random + random, true], // a key-shaped value, whatever the name
  ])('%s=%s → %s', (name, value, expected) =>
    expect(credentialLooking(def(name, value))).toBe(expected),
  );
});
