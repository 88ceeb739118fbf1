import { describe, expect, it } from 'vitest';
import { parseNetrc } from './netrc.js';

describe('parseNetrc', () => {
  it('reads machine and default entries, the password line, skipping macdef', () => {
    const text = [
      'machine api.example.com',
      '  login bot',
      '  password p4ss-word',
      'macdef init',
      'machine fake.example password no',
      '',
      'default login anon password "quoted pw"',
    ].join('\n');
    expect(parseNetrc(text, '~/.netrc')).toEqual([
      {
        machine: 'api.example.com',
        password: 'p4ss-word',
        hasLogin: true,
        line: 3,
        file: '~/.netrc',
      },
      { machine: null, password: 'quoted pw', hasLogin: true, line: 7, file: '~/.netrc' },
    ]);
  });

  it('accepts one-line entries and entries without password', () => {
    expect(parseNetrc('machine a login x\nmachine b password y', 'n')).toEqual([
      { machine: 'a', password: null, hasLogin: true, line: 1, file: 'n' },
      { machine: 'b', password: 'y', hasLogin: false, line: 2, file: 'n' },
    ]);
  });
});
