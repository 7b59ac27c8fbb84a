import { describe, expect, it } from 'vitest';
import { lemmatise } from './lemma.js';

describe('lemmatise', () => {
  it('gives the bases the rules look for', () => {
    const cases: [string, string, string][] = [
      ['detained', 'VERB', 'detain'], ['added', 'VERB', 'add'], ['forced', 'VERB', 'force'], ['barred', 'VERB', 'bar'],
      ['killed', 'VERB', 'kill'], ['expelled', 'VERB', 'expel'], ['dying', 'VERB', 'die'], ['denied', 'VERB', 'deny'],
      ['told', 'VERB', 'tell'], ['went', 'VERB', 'go'], ['beaten', 'VERB', 'beat'], ['saying', 'VERB', 'say'],
      ['seems', 'VERB', 'seem'], ['trying', 'VERB', 'try'], ['were', 'AUX', 'be'], ['has', 'AUX', 'have'],
      ['arrests', 'NOUN', 'arrest'], ['injuries', 'NOUN', 'injury'], ['men', 'NOUN', 'man'], ['busses', 'NOUN', 'bus'],
      ['marches', 'NOUN', 'march'], ['whereabouts', 'NOUN', 'whereabouts'], ['Moscow', 'PROPN', 'Moscow'], ['fewer', 'ADJ', 'few'],
    ];
    for (const [w, pos, base] of cases) expect([w, lemmatise(w, pos)]).toEqual([w, base]);
  });
});
