/**
 * Perpetrators (and the victims next to them) on short invented texts: made-up people, towns,
 * units and outlets. One test per rule of src/extract/agents.ts.
 */
import { describe, expect, it } from 'vitest';
import { extract } from './extract.js';
import type { ExtractionResult } from './schema.js';

const TODAY = '2030-01-01';
const run = (text: string, published = '2021-03-17', outlet: string | null = 'Northern Courier'): ExtractionResult =>
  extract({ text, published, outlet }, { today: TODAY });
/** [act, perpetrator] for every proposed incident, in order. */
const agents = (r: ExtractionResult) => r.incidents.map((i) => [i.act, i.perpetrator]);

describe('perpetrator: the act’s own agent', () => {
  it('active verb: its subject', () => {
    const r = run('Border guards detained 14 students near the village of Krasny Yar on Monday.');
    expect(agents(r)).toEqual([['detention', 'Border guards']]);
  });

  it('passive with a "by" agent: the agent, with a relative clause that identifies generic men', () => {
    expect(agents(run('Two reporters were beaten by riot police in Velmora on Tuesday.'))).toEqual([['ill_treatment', 'riot police']]);
    const r = run('The editor of Orlak Vesti was beaten by men who identified themselves as traffic police and had his camera smashed.');
    expect(r.incidents[0]?.perpetrator).toBe('men who identified themselves as traffic police');
  });

  it('passive without an agent: none, and no agent is carried over from an earlier act', () => {
    const r = run('Soldiers of the Vostok battalion raided the village of Tarsk on Monday. Later, at least 40 people were detained and two were killed.');
    expect(agents(r)).toEqual([
      ['raid', 'Soldiers of the Vostok battalion'],
      ['detention', null],
      ['killing', null],
    ]);
  });

  it('a count subject is never a perpetrator ("40 people were detained", "40 detained")', () => {
    expect(agents(run('40 people were detained in Orlak.'))).toEqual([['detention', null]]);
    const r = run('At least three people were killed on Monday and 40 detained in Velmora, the Velmora Rights Watch said.');
    expect(agents(r)).toEqual([
      ['killing', null],
      ['detention', null],
    ]);
    for (const i of r.incidents) expect(i.perpetrator ?? '').not.toMatch(/^\d|^(?:one|two|three|forty|dozens)\b/i);
  });

  it('a count on the agent is dropped ("as many as six men", "dozens of riot police")', () => {
    expect(agents(run('Dozens of riot police detained 30 people in Orlak.'))).toEqual([['detention', 'riot police']]);
    expect(agents(run('Witnesses said as many as six men beat the reporter.'))).toEqual([['ill_treatment', 'men']]);
  });

  it('an aside between the subject and its verb is skipped', () => {
    const r = run('Police, working with the FSB, detained 12 activists in Orlak on Monday.');
    expect(agents(r)).toEqual([['detention', 'Police']]);
    const r2 = run('Relatives said the kidnappers, usually men in camouflage, confiscated passports and threatened their families.');
    expect(agents(r2)).toEqual([
      ['document_confiscation', 'men in camouflage'],
      ['threat', 'men in camouflage'],
    ]);
  });

  it('a relayed statement: the agent is the subject of the act, not the speaker or the relay', () => {
    const r = run('Police detained 12 activists in Orlak on Friday, the Sever news agency reported.');
    expect(agents(r)).toEqual([['detention', 'Police']]);
    const r2 = run('Lidia Marsk told Reuters that officers had beaten her brother in custody.');
    expect(agents(r2)).toEqual([['ill_treatment', 'officers']]);
    // "They" inside a quote with no agent named before it: not the speaker, not the relay.
    const r3 = run('“They beat us every night,” a former detainee told Reuters.');
    expect(agents(r3)).toEqual([['ill_treatment', null]]);
  });

  it('an organisation speaking of itself: "the ministry said it had detained"', () => {
    const r = run('The Interior Ministry said it had detained 40 suspects in Velmora.');
    expect(agents(r)).toEqual([['detention', 'The Interior Ministry']]);
    // A speaker who is not an agent gives nothing.
    expect(agents(run('Residents said they had beaten the thief.'))).toEqual([['ill_treatment', null]]);
  });

  it('coordinated verbs, participle adjuncts and infinitives of purpose share the agent', () => {
    const r = run('Troops killed between 12 and 20 villagers and detained dozens of young men during a raid on Tarsk.');
    expect(agents(r)).toEqual([
      ['killing', 'Troops'],
      ['detention', 'Troops'],
      ['raid', 'Troops'],
    ]);
    const r2 = run('Police in the town of Velmora fired tear gas and rubber bullets to break up a march on Monday, killing two protesters.');
    expect(agents(r2)).toEqual([
      ['dispersal', 'Police'],
      ['killing', 'Police'],
    ]);
    const r3 = run('Guards gave prisoners electric shocks, stripped them and threatened their families.');
    expect(agents(r3)).toEqual([
      ['torture', 'Guards'],
      ['ill_treatment', 'Guards'],
      ['threat', 'Guards'],
    ]);
    // The victims of "them" are the previous act's.
    expect(r3.incidents[1]?.victims).toBe('prisoners');
  });

  it('no function-word or abstract phrase: "as a result of torture by police", "every effort to prevent"', () => {
    const r = run('Two detainees died in Orlak as a result of torture by police.');
    const torture = r.incidents.find((i) => i.act === 'torture');
    expect(torture?.perpetrator).toBe('police');
    const r2 = run('Lawyers said the detentions were carried out by the Guard and the local police were making every effort to prevent families from leaving the region.');
    expect(agents(r2)).toEqual([['movement_restriction', 'the local police']]);
  });

  it('"they" is resolved to the last agent named before, and never to a pronoun', () => {
    const text =
      'Officers of the Orlak police detained the blogger Арсен Vodin on Monday.\n\n“They took away his passport, they threatened his mother and they forced him to sign a confession,” his lawyer said.';
    const r = run(text);
    expect(agents(r)).toEqual([
      ['detention', 'Officers of the Orlak police'],
      ['document_confiscation', 'Officers of the Orlak police'],
      ['threat', 'Officers of the Orlak police'],
      ['coerced_statement', 'Officers of the Orlak police'],
    ]);
    for (const i of r.incidents) expect(i.perpetrator).not.toMatch(/^(?:they|he|she|it|we)$/i);
  });

  it('intransitive acts and acts with no agent role have none', () => {
    expect(agents(run('Two inmates died in custody in Orlak last week.'))).toEqual([['killing', null]]);
    const r = run('The hospital treated 30 people for injuries after the march.');
    expect(r.incidents.map((i) => i.perpetrator)).toEqual([null]);
  });

  it('the victims are never the perpetrator, and the place is cut from the agent', () => {
    const r = run('Security agents in Kampala detained the activist Brenda Lute on Monday.');
    expect(agents(r)).toEqual([['detention', 'Security agents']]);
    expect(r.incidents[0]?.victims).toBe('the activist Brenda Lute');
    const r2 = run('Several relatives still in Orlak said security officers were preventing them from travelling abroad.');
    expect(agents(r2)).toEqual([['movement_restriction', 'security officers']]);
    expect(r2.incidents[0]?.victims).not.toBe('security officers');
  });

  it('a breakdown of a total keeps the total’s agent; a back-reference takes the act it names', () => {
    const r = run('Police detained 90 people in Orlak on Monday, including 12 minors.');
    expect(agents(r)).toEqual([
      ['detention', 'Police'],
      ['detention', 'Police'],
    ]);
    const r2 = run('Unknown gunmen abducted 20 traders near Tarsk this year. The abductions took place in two districts: 15 in Lower Tarsk and five in Orlak.');
    expect(agents(r2).map((x) => x[1])).toEqual(['Unknown gunmen', 'Unknown gunmen', 'Unknown gunmen']);
  });

  it('every perpetrator and victims value is an exact span of the input', () => {
    const text =
      'Riot police in Velmora fired tear gas to disperse some 3,000 marchers, and arrested dozens. Guards at the Orlak jail beat at least 11 of those arrested, the Velmora Rights Watch said. “They took our phones,” one marcher told the group.';
    const r = run(text);
    expect(r.incidents.length).toBeGreaterThan(2);
    for (const i of r.incidents) {
      if (i.perpetrator !== null) expect(text).toContain(i.perpetrator);
      if (i.victims !== null) expect(text).toContain(i.victims);
      expect(i.perpetrator ?? '').not.toMatch(/^(?:\d|dozens|some|every|as a|they$)/i);
    }
  });
});

describe('victims: no pronoun, date, event noun or document', () => {
  it('the owner of a confiscated document, not the document', () => {
    const r = run('Her lawyer said police had kept Ana Vel’s passport since March.');
    expect(r.incidents[0]?.perpetrator).toBe('police');
    expect(r.incidents[0]?.victims).toBe('Ana Vel');
    expect(run('Officers confiscated passports in Orlak.').incidents[0]?.victims).toBeNull();
  });

  it('no pronoun or date as victims', () => {
    const r = run('Police in Tarsk had detained 17 of them last week.');
    expect(r.incidents[0]?.victims).toBeNull();
    const r2 = run('“They called us traitors and beat us,” a marcher said.');
    for (const i of r2.incidents) expect(i.victims).toBeNull();
  });

  it('a pronoun object after a speaker takes the speaker’s phrase', () => {
    const r = run('Workers said officers forced them to sign confessions.');
    expect(r.incidents[0]?.perpetrator).toBe('officers');
    expect(r.incidents[0]?.victims).toBe('Workers');
  });
});
