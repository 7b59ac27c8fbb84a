import { describe, expect, it } from 'vitest';
import { nulPaths } from './nul-guard.js';

describe('nulPaths', () => {
  it('names every string, nested or not, that holds U+0000, and keys that do', () => {
    expect(nulPaths({ title: 'ok', acts: [{ victims: 'a\u0000' }, { type: 'x' }], 'k\u0000': 1 }).sort()).toEqual(['acts.0.victims', 'k\u0000']);
    expect(nulPaths('\u0000')).toEqual(['(root)']);
    expect(nulPaths({ a: 'clean', b: [1, null, true, { c: 'd' }] })).toEqual([]);
    expect(nulPaths(undefined)).toEqual([]);
  });

  it('walks a deeply nested value without overflowing the stack', () => {
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(nulPaths(deep)).toHaveLength(1);
  });

  it('stops after a bounded number of findings', () => {
    expect(nulPaths(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20);
  });
});
