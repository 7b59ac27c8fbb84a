import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  blindIndex,
  blindIndexSearchTokens,
  blindIndexTokens,
  deriveBlindIndexKey,
  ICAO_9303_CYRILLIC,
  latinForm,
  normaliseNameTokens,
} from './blind-index.js';
import { CryptoError } from './errors.js';

const key = randomBytes(32);

describe('normaliseNameTokens', () => {
  it.each([
    ['Магомед Исаев', ['магомед', 'исаев']],
    ['  ИСАЕВ,   Магомед-Расул  ', ['исаев', 'магомед', 'расул']],
    ['Пётр Семёнов', ['петр', 'семенов']],
    ["O'Neil  José", ['o', 'neil', 'josé']],
    ['Ｍａｇｏｍｅｄ', ['magomed']], // full-width letters, folded by NFKC
    ['Иса́ев', ['иса́ев']], // a stress mark stays inside the word
    ['42, ---', []],
    ['', []],
  ])('%s', (name, tokens) => {
    expect(normaliseNameTokens(name)).toEqual(tokens);
  });

  it('treats decomposed й the same as composed й', () => {
    expect(normaliseNameTokens('Йошкар'.normalize('NFD'))).toEqual(normaliseNameTokens('Йошкар'));
  });
});

describe('latinForm (ICAO Doc 9303)', () => {
  it('has every Russian letter in its table', () => {
    for (const ch of 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя') expect(ICAO_9303_CYRILLIC[ch]).toBeDefined();
  });

  it.each([
    ['щукин', 'shchukin'],
    ['юрий', 'iurii'],
    ['хасбулатов', 'khasbulatov'],
    ['цхай', 'tskhai'],
    ['объедков', 'obieedkov'],
    ['шамиль', 'shamil'],
    ['басаев', 'basaev'],
    ['жанна', 'zhanna'],
    ['чернышева', 'chernysheva'],
    ['эльвира', 'elvira'],
    ['ильясова', 'iliasova'],
    ['яхья', 'iakhia'],
    ['ґонта', 'gonta'],
    ['їжак', 'izhak'],
    ['josé', 'jose'],
    ['müller', 'muller'],
    ['magomed', 'magomed'],
  ])('%s → %s', (token, latin) => {
    expect(latinForm(token)).toBe(latin);
  });
});

describe('blindIndexTokens', () => {
  it("'Магомед Исаев' and 'Magomed Isaev' share their Latin tokens", () => {
    const cyrillic = blindIndexTokens(key, 'Магомед Исаев');
    const latin = blindIndexTokens(key, 'Magomed Isaev');
    expect(latin).toHaveLength(2);
    expect(cyrillic).toHaveLength(4); // two words, each in both scripts
    for (const t of latin) expect(cyrillic).toContain(t);
  });

  it('ignores case, word order, punctuation and ё', () => {
    expect(blindIndexTokens(key, 'ИСАЕВ, магомед')).toEqual(blindIndexTokens(key, 'Магомед Исаев'));
    expect(blindIndexTokens(key, 'Семёнов')).toEqual(blindIndexTokens(key, 'Семенов'));
  });

  it('gives one token per distinct word', () => {
    expect(blindIndexTokens(key, 'Magomed Magomedov Magomed')).toHaveLength(2);
    expect(blindIndexTokens(key, '')).toEqual([]);
  });

  it('tokens are 16 bytes of hex, sorted', () => {
    const tokens = blindIndexTokens(key, 'Зарема Хасанова');
    for (const t of tokens) expect(t).toMatch(/^[0-9a-f]{32}$/);
    expect([...tokens].sort()).toEqual(tokens);
  });

  it('different keys give different tokens', () => {
    const a = blindIndexTokens(key, 'Magomed Isaev');
    const b = blindIndexTokens(randomBytes(32), 'Magomed Isaev');
    for (const t of a) expect(b).not.toContain(t);
  });

  it('reveals nothing obvious: not a plain hash or an unkeyed HMAC of the token', () => {
    const [token] = blindIndexTokens(key, 'Magomed') as [string];
    const guesses = ['magomed', 'name:magomed', 'Magomed'].flatMap((g) => [
      createHash('sha256').update(g).digest('hex'),
      createHash('md5').update(g).digest('hex'),
      createHmac('sha256', Buffer.alloc(32)).update(g).digest('hex'),
      createHmac('sha256', '').update(g).digest('hex'),
    ]);
    for (const g of guesses) {
      expect(g.startsWith(token)).toBe(false);
      expect(g).not.toContain(token);
    }
    expect(token).not.toContain(Buffer.from('magomed').toString('hex'));
  });

  it('is HMAC-SHA256(key, "name:" + token) truncated to 16 bytes', () => {
    const expected = createHmac('sha256', key).update('name:magomed').digest().subarray(0, 16).toString('hex');
    expect(blindIndexTokens(key, 'Magomed')).toEqual([expected]);
    expect(blindIndex(key, 'name', 'magomed')).toBe(expected);
  });

  it('keeps fields apart by domain', () => {
    expect(blindIndex(key, 'name', 'magomed')).not.toBe(blindIndex(key, 'alias', 'magomed'));
    expect(() => blindIndex(key, 'na:me', 'x')).toThrow(CryptoError);
  });

  it('refuses a short key', () => {
    expect(() => blindIndexTokens(randomBytes(16), 'x')).toThrow(CryptoError);
  });
});

describe('blindIndexSearchTokens', () => {
  it('a Latin or Cyrillic query finds names stored in either script', () => {
    const storedCyrillic = new Set(blindIndexTokens(key, 'Исаев Магомед Ахмедович'));
    const storedLatin = new Set(blindIndexTokens(key, 'Magomed Isaev'));
    for (const query of ['Magomed Isaev', 'Магомед Исаев', 'isaev']) {
      const q = blindIndexSearchTokens(key, query);
      expect(q.every((t) => storedCyrillic.has(t))).toBe(true);
      expect(q.every((t) => storedLatin.has(t))).toBe(true);
    }
    expect(blindIndexSearchTokens(key, 'Magomed Isaev').length).toBe(2);
    expect(blindIndexSearchTokens(key, 'Ахмед').every((t) => storedCyrillic.has(t))).toBe(false);
  });
});

describe('deriveBlindIndexKey', () => {
  it('is deterministic, differs from the data key, and depends on collection and key version', () => {
    const dataKey = randomBytes(32);
    const k = deriveBlindIndexKey(dataKey, 'c1', 1);
    expect(k).toHaveLength(32);
    expect(deriveBlindIndexKey(dataKey, 'c1', 1).equals(k)).toBe(true);
    expect(k.equals(dataKey)).toBe(false);
    expect(deriveBlindIndexKey(dataKey, 'c2', 1).equals(k)).toBe(false);
    expect(deriveBlindIndexKey(dataKey, 'c1', 2).equals(k)).toBe(false);
  });
});
