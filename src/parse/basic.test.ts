import { describe, expect, it } from 'vitest';
import { basicToken, decodeBasic, decodeBasicPair } from './basic.js';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

describe('decodeBasic', () => {
  it('decodes user:secret and reports only lengths', () => {
    const d = decodeBasic(b64('alice:s3cret-pass'));
    expect(d).toEqual({ ok: true, userLength: 5, secretLength: 11, trailingNewline: false });
    expect(JSON.stringify(d)).not.toContain('alice');
    expect(JSON.stringify(d)).not.toContain('s3cret');
  });

  it('ws-13: echo user:password | base64 encodes a trailing newline', () => {
    const token = b64('user:password\n');
    expect(token.endsWith('ZAo=')).toBe(true);
    expect(decodeBasic(token)).toMatchObject({ ok: true, trailingNewline: true });
    expect(decodeBasic(b64('user:password'))).toMatchObject({ ok: true, trailingNewline: false });
  });

  it('sees a trailing CR or CRLF too', () => {
    expect(decodeBasic(b64('user:pw\r'))).toMatchObject({ trailingNewline: true });
    expect(decodeBasic(b64('user:pw\r\n'))).toMatchObject({ trailingNewline: true });
  });

  it('splits at the first colon: the secret may hold colons', () => {
    expect(decodeBasic(b64('user:a:b'))).toMatchObject({
      ok: true,
      userLength: 4,
      secretLength: 3,
    });
  });

  it('accepts an empty user or an empty secret', () => {
    expect(decodeBasic(b64(':key'))).toMatchObject({ ok: true, userLength: 0, secretLength: 3 });
    expect(decodeBasic(b64('key:'))).toMatchObject({ ok: true, userLength: 3, secretLength: 0 });
  });

  it('trims the token', () => {
    expect(decodeBasic(` ${b64('user:pw')}\n`).ok).toBe(true);
  });

  it.each([
    [
      'user:secret sent without base64',
      'user:password',
      'the user:secret pair was sent without base64 encoding',
    ],
    ['not base64', '!!!', 'not valid base64'],
    ['empty', '', 'not valid base64'],
    ['missing padding', b64('user:pass1').replace(/=+$/, ''), 'not valid base64'],
    ['base64url characters', `${b64('user:pass')}-_`, 'not valid base64'],
    [
      'a space inside',
      `${b64('user:pass').slice(0, 4)} ${b64('user:pass').slice(4)}`,
      'not valid base64',
    ],
    ['no colon once decoded', b64('justakey0123'), 'decodes to text without the user:secret colon'],
  ])('%s', (_name, token, problem) => {
    expect(decodeBasic(token)).toEqual({ ok: false, problem });
  });
});

describe('decodeBasicPair', () => {
  it('gives both halves exactly as encoded', () => {
    expect(decodeBasicPair(b64('dev@acme.dev :tok'))).toEqual({
      user: 'dev@acme.dev ',
      password: 'tok',
    });
    expect(decodeBasicPair(b64(':key'))).toEqual({ user: '', password: 'key' });
    expect(decodeBasicPair(b64('key:'))).toEqual({ user: 'key', password: '' });
    expect(decodeBasicPair(b64('u:a:b\n'))).toEqual({ user: 'u', password: 'a:b\n' });
  });
  it('undefined when not base64 of user:secret', () => {
    expect(decodeBasicPair('user:pass')).toBeUndefined();
    expect(decodeBasicPair(b64('nocolon'))).toBeUndefined();
  });
});

describe('basicToken', () => {
  it('finds the token after Basic, or under the Basic scheme', () => {
    expect(basicToken('Basic abc=', undefined)).toBe('abc=');
    expect(basicToken(' basic  abc= ', undefined)).toBe('abc=');
    expect(basicToken('abc=', 'Basic')).toBe('abc=');
    expect(basicToken('abc=', 'Bearer')).toBeUndefined();
    expect(basicToken('abc=', undefined)).toBeUndefined();
  });
});
