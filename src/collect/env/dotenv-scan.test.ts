import { parse } from 'dotenv';
import { describe, expect, it } from 'vitest';
import { scanDotenv } from './dotenv-scan.js';

describe('scanDotenv', () => {
  it('gives each definition its line and the value dotenv gives', () => {
    const text = '# comment\n\nA=1\nexport B="two words" # note\nC=\'x\'\n';
    const scan = scanDotenv(text);
    expect(scan.entries.map((e) => [e.name, e.line, e.value, e.quoted])).toEqual([
      ['A', 3, '1', false],
      ['B', 4, 'two words', true],
      ['C', 5, 'x', true],
    ]);
    for (const e of scan.entries) expect(e.value).toBe(parse(text)[e.name]);
    expect(scan.unparsed).toEqual([]);
    expect(scan.crlf).toBe(false);
  });

  it('finds duplicates, the last one being what dotenv keeps', () => {
    const scan = scanDotenv('K=old\nX=1\nK=new\n');
    expect(scan.entries.filter((e) => e.name === 'K').map((e) => [e.line, e.value])).toEqual([
      [1, 'old'],
      [3, 'new'],
    ]);
  });

  it('keeps the line count across a multi-line quoted value', () => {
    const scan = scanDotenv('PEM="-----BEGIN\nabc\n-----END"\nNEXT=1\n');
    expect(scan.entries.map((e) => [e.name, e.line])).toEqual([
      ['PEM', 1],
      ['NEXT', 4],
    ]);
    expect(scan.entries[0]?.value).toBe('-----BEGIN\nabc\n-----END');
  });

  it('reports CRLF files; dotenv strips the CR from values', () => {
    const scan = scanDotenv('A=one\r\nB="two"\r\n');
    expect(scan.crlf).toBe(true);
    expect(scan.entries.map((e) => e.value)).toEqual(['one', 'two']);
    expect(scan.entries.map((e) => e.line)).toEqual([1, 2]);
  });

  it('reports a byte-order mark, which dotenv skips', () => {
    const scan = scanDotenv('\ufeffA=1\nB=2\n');
    expect(scan.bom).toBe(true);
    expect(scan.entries.map((e) => [e.name, e.line, e.value])).toEqual([
      ['A', 1, '1'],
      ['B', 2, '2'],
    ]);
    expect(scanDotenv('A=1\n').bom).toBe(false);
  });

  it('lists lines dotenv skips', () => {
    expect(scanDotenv('A=1\nOPENAI_API_KEY sk-x\n  # ok\nB=2\n').unparsed).toEqual([2]);
  });

  it('keeps what follows = literally for loaders without quote rules', () => {
    expect(scanDotenv('A="x" \n').entries[0]?.literal).toBe('"x" ');
  });

  it('keeps an unbalanced quote, as dotenv does', () => {
    expect(scanDotenv('A="abc\n').entries[0]?.value).toBe('"abc');
  });

  it('marks an unquoted value that dotenv cuts at a # written inside it', () => {
    const text = 'A=abc#def\nB=abc # note\nC="abc#def"\nD=#abc\nE=https://h/#/cb\n';
    const scan = scanDotenv(text);
    expect(scan.entries.map((e) => [e.name, e.value, e.hashCut])).toEqual([
      ['A', 'abc', true],
      ['B', 'abc', false],
      ['C', 'abc#def', false],
      ['D', '', false],
      ['E', 'https://h/', true],
    ]);
    for (const e of scan.entries) expect(e.value).toBe(parse(text)[e.name]);
  });
});
