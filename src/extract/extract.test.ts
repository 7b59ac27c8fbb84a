/**
 * Behaviour of extract() on short invented texts (made-up people, towns and groups), one test
 * per convention or trap of CONVENTIONS.md.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors.js';
import { extract } from './extract.js';
import type { ExtractionResult } from './schema.js';

const TODAY = '2030-01-01';
// 2021-03-17 is a Wednesday.
const run = (text: string, published = '2021-03-17', outlet: string | null = 'Northern Courier'): ExtractionResult =>
  extract({ text, published, outlet }, { today: TODAY });
const counts = (r: ExtractionResult) => r.incidents.map((i) => [i.act, i.count.qualifier, i.count.value ?? [i.count.min, i.count.max]]);

describe('incidents and counts', () => {
  it('a qualifier does not carry over to a coordinated second number', () => {
    const r = run('At least three protesters were killed on Monday and 25 detained in the town of Velmora, the Velmora Rights Watch said.');
    expect(counts(r)).toEqual([
      ['killing', 'at_least', 3],
      ['detention', 'exact', 25],
    ]);
  });

  it('reads number words, "both" and "another two"', () => {
    const r = run('Police arrested nearly three thousand miners in Orlak province. Both organisers were later beaten in custody. Another two men died in hospital.');
    expect(counts(r)).toEqual([
      ['detention', 'about', 3000],
      ['ill_treatment', 'exact', 2],
      ['killing', 'exact', 2],
    ]);
  });

  it('reads ranges and vague quantities', () => {
    const r = run('Troops killed between 12 and 20 villagers and detained dozens of young men during a raid on the village of Tarsk.');
    expect(counts(r)).toEqual([
      ['killing', 'range', [12, 20]],
      ['detention', 'unspecified', [null, null]],
      ['raid', 'unspecified', [null, null]],
    ]);
    expect(r.incidents[1]?.count.text).toBe('dozens');
  });

  it('does not count durations, crowd sizes, waves, towns or ages', () => {
    const r = run(
      'Some 4,000 people marched through Velmora before police moved in. Between five and seven students were detained and held for up to ten days, during three waves of arrests in four towns. A 19-year-old was among them.',
    );
    expect(counts(r)).toEqual([['detention', 'range', [5, 7]]]);
  });

  it('a dispersal is never counted by the crowd size', () => {
    const r = run('Police fired tear gas to disperse some 2,000 supporters outside the court on Tuesday, and arrested dozens.');
    expect(r.incidents.map((i) => [i.act, i.count.qualifier])).toEqual([
      ['dispersal', 'unspecified'],
      ['detention', 'unspecified'],
    ]);
  });

  it('ignores footnote digits glued to words and the footnote lines', () => {
    const r = run('Guards detained 14 students in Orlak.1 At least 3 of them were beaten.2\n\n1 Figures as of 2 March. 2 Based on 19 interviews.');
    expect(counts(r)).toEqual([
      ['detention', 'exact', 14],
      ['ill_treatment', 'at_least', 3],
    ]);
  });

  it('one clause gives several acts, each with the clause count', () => {
    const r = run('Agents abducted no fewer than 11 exiles and forcibly returned them, the Delta Rights Centre said.');
    expect(counts(r)).toEqual([
      ['abduction', 'at_least', 11],
      ['other', 'at_least', 11],
    ]);
    const r2 = run('Officers confiscated their passports, threatened their families and forced them to sign confessions.');
    expect(r2.incidents.map((i) => i.act)).toEqual(['document_confiscation', 'threat', 'coerced_statement']);
  });

  it('a total and its breakdown are separate entries', () => {
    const r = run('The monitor said 90 people were arrested, including 12 minors.');
    expect(counts(r)).toEqual([
      ['detention', 'exact', 90],
      ['detention', 'exact', 12],
    ]);
  });

  it('a single named victim counts as exactly one with no count text', () => {
    const r = run('Security agents detained the blogger Tomas Verik on Monday.');
    expect(r.incidents[0]?.count).toMatchObject({ qualifier: 'exact', value: 1, text: null });
  });

  it('skips hypotheticals, negations and mere modifiers', () => {
    const r = run('If anyone had been detained, we would know. No civilians were killed. The jailed activist wrote a letter.');
    expect(r.incidents).toEqual([]);
  });
});

describe('dates of acts', () => {
  it('takes the expression in the act\'s own clause', () => {
    const r = run('Police beat two journalists on Monday.');
    expect(r.incidents[0]?.date).toMatchObject({ text: 'on Monday', start: '2021-03-15', end: '2021-03-15', precision: 'day' });
  });

  it('an act without its own date takes the period of its episode, not the publication date', () => {
    const r = run('The crackdown began in late December. Dozens of students were detained in Orlak.');
    expect(r.incidents[0]?.date).toMatchObject({ start: '2020-12-21', end: '2021-03-17', precision: 'month' });
  });

  it('with no date anywhere the act has none', () => {
    const r = run('Guards beat the inmates with batons.');
    expect(r.incidents[0]?.date).toMatchObject({ text: null, start: null, end: null, precision: 'unknown' });
  });

  it('the date of a statement does not date the act', () => {
    const r = run('The ministry acknowledged on Monday that 40 people had been arrested.');
    expect(r.incidents[0]?.date.precision).toBe('unknown');
  });

  it('an ongoing restriction stated in the present has no date', () => {
    const r = run('Her lawyer said officials were preventing her from leaving the country.');
    expect(r.incidents[0]).toMatchObject({ act: 'movement_restriction', date: { precision: 'unknown' } });
  });
});

describe('statements', () => {
  it('a tag after the clause: speaker, organisation and stance', () => {
    const r = run('Police detained 30 marchers in Velmora on Monday, the Velmora Rights Watch said.');
    expect(r.statements).toHaveLength(1);
    expect(r.statements[0]).toMatchObject({ organisation: 'Velmora Rights Watch', stance: 'alleges', reported_by: null });
    expect(r.statements[0]?.targets).toEqual([0]);
  });

  it('a quote continued after "he said" is a second statement by the same speaker', () => {
    const r = run('“They beat us for hours,” said Arvid Lenko, a lawyer for the detainees. “Nobody has been charged.”\n\nThe governor blamed the protesters.');
    expect(r.statements.slice(0, 2).map((s) => [s.speaker, s.quote])).toEqual([
      ['Arvid Lenko', 'They beat us for hours'],
      ['Arvid Lenko', 'Nobody has been charged.'],
    ]);
  });

  it('resolves "he" to the person named before', () => {
    const r = run('Interior spokesman Pavel Drost said the operation was lawful. He said no one was injured.');
    expect(r.statements.map((s) => s.speaker)).toEqual(['Pavel Drost', 'Pavel Drost']);
  });

  it('"there is no such thing" is a denial', () => {
    const r = run('“There is no such thing as torture in our prisons,” Governor Ilse Maran said.');
    expect(r.statements[0]).toMatchObject({ speaker: 'Ilse Maran', stance: 'denies' });
  });

  it('denied, acknowledged, confirmed, urged, promised an inquiry', () => {
    const r = run(
      'A ministry spokesman, Oleg Tarn, denied the allegations. The prison service acknowledged that two inmates had died. The Delta Rights Centre said it had verified each death. The Orlak Bar Association urged prosecutors to free the students. The ombudsman said it would open an investigation.',
    );
    expect(r.statements.map((s) => s.stance)).toEqual(['denies', 'acknowledges', 'confirms', 'demands_action', 'promises_investigation']);
  });

  it('a relay: "…, the agency reported" and "told <outlet>"', () => {
    const r = run('Police spokesman Ivo Brant denied that anyone was hurt, the Meridian News Agency reported. “We acted lawfully,” he told the agency.');
    expect(r.statements.map((s) => [s.speaker, s.reported_by])).toEqual([
      ['Ivo Brant', 'Meridian News Agency'],
      ['Ivo Brant', 'Meridian News Agency'],
    ]);
    const r2 = run('Anna Kovel, director of the Delta Rights Centre, told Reuters that 12 people were missing.');
    expect(r2.statements[0]).toMatchObject({ speaker: 'Anna Kovel', organisation: 'Delta Rights Centre', reported_by: 'Reuters' });
  });

  it('a second-hand chain names the group that passes the account on', () => {
    const r = run('Former inmates told the Delta Rights Centre that guards had beaten them.');
    expect(r.statements[0]).toMatchObject({ speaker: null, speaker_role: 'Former inmates', reported_by: 'Delta Rights Centre' });
  });

  it('the outlet\'s own voice is not a statement', () => {
    const r = run('Fuel prices have risen for months in the region.');
    expect(r.statements).toEqual([]);
  });
});

describe('output contract', () => {
  it('spans are exact substrings and offsets point at them', () => {
    const text = 'At least four people were killed in Velmora on Monday, the Velmora Rights Watch said.';
    const r = run(text);
    for (const i of r.incidents) {
      expect(text.slice(i.evidence.start, i.evidence.end)).toBe(i.evidence_span);
      if (i.count.text && i.count.offsets) expect(text.slice(i.count.offsets.start, i.count.offsets.end)).toBe(i.count.text);
      if (i.date.text && i.date.offsets) expect(text.slice(i.date.offsets.start, i.date.offsets.end)).toBe(i.date.text);
    }
  });

  it('is deterministic: the same input gives the same output', () => {
    const text = 'Soldiers killed 7 villagers and detained scores of men in late March, survivors said. “They took my son,” one woman said.';
    const a = JSON.stringify(run(text));
    const b = JSON.stringify(run(text));
    expect(a).toBe(b);
  });

  it('fills the source block', () => {
    const r = extract({ text: 'Police detained 3 students.', published: '2021-03-17', outlet: 'Northern Courier', title: 'Students held', url: null }, { today: TODAY });
    expect(r.source).toEqual({ title: 'Students held', url: null, outlet: 'Northern Courier', published: '2021-03-17', published_inferred: false });
  });
});

describe('input validation', () => {
  const field = (f: () => unknown): string | undefined => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as ValidationError).fields[0]?.path;
    }
    return undefined;
  };
  it('refuses empty or blank text', () => {
    expect(field(() => run(''))).toBe('text');
    expect(field(() => run('   \n\t '))).toBe('text');
  });
  it('refuses binary data', () => {
    expect(field(() => run('PK\u0003\u0004\u0000\u0000binary'))).toBe('text');
    expect(field(() => run('\u0001\u0002\u0003\u0004\u0005 text \ufffd\ufffd\ufffd'))).toBe('text');
  });
  it('refuses text over 2,000,000 characters', () => {
    expect(field(() => run('a '.repeat(1_000_001)))).toBe('text');
  });
  it('refuses an invalid or future publication date', () => {
    expect(field(() => run('Police detained 3 students.', '2021-02-30'))).toBe('published');
    expect(field(() => run('Police detained 3 students.', '17/03/2021'))).toBe('published');
    expect(field(() => extract({ text: 'Police detained 3 students.', published: '2021-03-18' }, { today: '2021-03-17' }))).toBe('published');
  });
});

describe('robustness', () => {
  it('never throws on arbitrary prose-like text, and its spans are substrings', async () => {
    const fc = await import('fast-check');
    const word = fc.constantFrom('Police', 'detained', 'at', 'least', '40', 'people', 'on', 'Monday', ',', 'said', '“', '”', 'the', 'Velmora', 'Rights', 'Watch', 'killed', 'two', 'and', 'beaten', 'since', 'late', 'March', '.', 'he', 'told', 'Reuters', 'between', '5', 'of', 'them', 'were', '\n\n', '1', 'dozens');
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 60 }), (ws) => {
        const text = ws.join(' ');
        if (text.trim() === '') return;
        const r = run(text);
        for (const i of r.incidents) expect(text.includes(i.evidence_span)).toBe(true);
        for (const s of r.statements) expect(text.includes(s.evidence_span)).toBe(true);
      }),
      { numRuns: 150, seed: 42 },
    );
  });
});
