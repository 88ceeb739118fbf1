import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { usersWgetrc, wgetrcCaFiles, writeWgetrc } from './wget.js';

describe('wgetrcCaFiles: the CA files a wgetrc names', () => {
  it.each([
    ['ca_certificate = /etc/corp.pem', ['/etc/corp.pem']],
    ['  CA-Certificate=/etc/corp.pem  ', ['/etc/corp.pem']],
    ['cacertificate = ~/certs/corp.pem', ['/home/u/certs/corp.pem']],
    ['# ca_certificate = /etc/corp.pem', []],
    ['ca_directory = /etc/ssl/certs', []],
    ['ca_certificate =', []],
    ['tries = 3\nca_certificate = /a.pem\r\nca_certificate = /b.pem', ['/a.pem', '/b.pem']],
  ])('%j → %j', (text, files) => {
    expect(wgetrcCaFiles(text, '/home/u')).toEqual(files);
  });
});

describe('usersWgetrc and writeWgetrc', () => {
  const dir = mkdtempSync(join(tmpdir(), 'why401-wget-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, '.wgetrc'), 'tries = 2');
  writeFileSync(join(dir, 'named'), 'timeout = 9\n');

  it('WGETRC first, else $HOME/.wgetrc, else nothing', () => {
    expect(usersWgetrc({ HOME: dir, WGETRC: join(dir, 'named') }).text).toBe('timeout = 9\n');
    expect(usersWgetrc({ HOME: dir }).text).toBe('tries = 2');
    expect(usersWgetrc({ HOME: join(dir, 'nowhere') }).text).toBe('');
    expect(usersWgetrc({}).text).toBe('');
    expect(usersWgetrc({ WGETRC: dir }).text).toBe(''); // a folder: not read
  });

  it('the user’s commands, then ca_certificate naming the bundle (the last command wins), 0600', () => {
    const file = writeWgetrc(dir, 'tries = 2\nca_certificate = /etc/corp.pem', '/run/bundle.pem');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines[0]).toBe('tries = 2');
    expect(lines[1]).toBe('ca_certificate = /etc/corp.pem');
    expect(lines.at(-2)).toBe('ca_certificate = /run/bundle.pem');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});
