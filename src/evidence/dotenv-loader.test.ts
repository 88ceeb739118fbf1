import { describe, expect, it } from 'vitest';
import type { Framework } from './framework.js';
import { loaderFor } from './dotenv-loader.js';

const fw = (id: Framework['id']): Framework => ({ id, label: id, prefix: 'X_', serverCode: false });

describe('loaderFor', () => {
  it('plain dotenv reads .env only', () => {
    expect(loaderFor(null, undefined)).toMatchObject({
      id: 'dotenv',
      files: ['.env'],
      expands: false,
    });
  });
  it('Next.js: mode.local, local, mode, .env', () => {
    expect(loaderFor(fw('next'), undefined).files).toEqual([
      '.env.development.local',
      '.env.local',
      '.env.development',
      '.env',
    ]);
  });
  it('Next.js skips .env.local in test', () => {
    expect(loaderFor(fw('next'), 'test').files).toEqual(['.env.test.local', '.env.test', '.env']);
  });
  it('Vite: mode.local, mode, local, .env', () => {
    expect(loaderFor(fw('vite'), 'production').files).toEqual([
      '.env.production.local',
      '.env.production',
      '.env.local',
      '.env',
    ]);
  });
  it('--mode without a framework asks for the Next.js order', () => {
    expect(loaderFor(null, 'staging').id).toBe('next');
  });
});
