/**
 * Texts written in the style of real reporting on detentions and crackdowns (wire copy,
 * NGO releases, monitors' counts): paraphrased, with invented or public-figure names. Each test
 * pins what a reviewer would expect: counts with commas and breakdowns, named-NGO attribution,
 * relays, denials by characterisation, deflections, promises and demands.
 */
import { describe, expect, it } from 'vitest';
import { extract } from './extract.js';
import { assertExtractionResult, ExtractionResultSchema, type ExtractionResult } from './schema.js';

const TEXTS: Record<string, { published: string; outlet: string | null; text: string }> = Object.fromEntries(( [
  { id: 'ovd', published: '2021-01-24', outlet: 'Reuters', text:
`MOSCOW (Reuters) - Police detained more than 3,000 people at rallies across Russia on Saturday in support of jailed opposition politician Pavel Lenov, a monitoring group said.

OVD-Info, which monitors arrests, said at least 1,009 people were detained in 50 cities, including 142 in Moscow and 87 in St Petersburg. The Interior Ministry said 3,000 had been detained.

The Kremlin said it had no information about the detentions. "The police acted lawfully," Kremlin spokesman Dmitry Ruslanov told reporters on Sunday.

Amnesty International called on the authorities to release all those detained for peaceful protest.` },
  { id: 'belarus', published: '2020-08-14', outlet: 'The Guardian', text:
`More than 6,700 people have been detained in Belarus since the disputed election on Sunday, the Interior Ministry said on Wednesday.

The Viasna human rights centre said at least two protesters had been killed and hundreds injured. One man died in Brest after being beaten in custody, according to Viasna.

The interior minister, Yuri Karaev, said the police had used force lawfully. He said the ministry would investigate the complaints. "Any officer who broke the law will be punished," he said. "But we will not allow riots."` },
  { id: 'chechnya', published: '2017-04-04', outlet: 'BBC', text:
`Novaya Gazeta reported that more than 100 men had been detained and at least three killed in Chechnya since late February.

Kadyrov's spokesman Alvi Karimov called the report "absolute lies and disinformation". He told Interfax that there were no gay people in the republic.

The Russian LGBT Network said it had received dozens of calls from men who had been held in a secret prison in Argun. "They were beaten with hoses and given electric shocks," said Igor Kolchin, a spokesman for the network.

The Kremlin said it had no information about the detentions.` },
  { id: 'percent', published: '2019-08-05', outlet: 'Meduza', text:
`Riot police detained 1,001 people during an unauthorised rally in central Moscow on Saturday, OVD-Info reported. About 40 per cent of those detained were later released without charge, the group said.

In late July, some 1,373 people were detained at a similar protest, according to the monitor. Police said they had detained 685.

"We have never seen such numbers," said Grigory Markov, a lawyer with the group. He added that at least 15 people had been hospitalised.` },
  { id: 'chechnya2019', published: '2019-01-14', outlet: 'Human Rights Watch', text:
`Security officials in Chechnya have detained about 40 people since late December in a new wave of persecution, the Russian LGBT Network said on Monday. At least two men died under torture, the group said.

The network's programme director, Igor Kochetkov, told Reuters that the detainees were held in a police station in Argun. "They are being beaten and humiliated," he said.

A spokesman for the Chechen government denied the allegations. The Investigative Committee said it would look into the reports.` },
  { id: 'relay', published: '2022-03-07', outlet: 'AP', text:
`More than 4,300 people were detained in 56 cities across Russia on Sunday at protests against the war, according to OVD-Info. The Interior Ministry put the figure at 3,500, including 1,700 in Moscow, TASS reported.

Police beat several protesters in St Petersburg, witnesses told The Associated Press. The Interior Ministry denied using excessive force.

Human Rights Watch urged the authorities to stop arresting peaceful protesters.` },
  { id: 'lastweek', published: '2023-05-12', outlet: 'Amnesty International', text:
`Last week, police in Almaty arrested at least 25 activists who had gathered outside the prosecutor's office, Amnesty International said today.

Since the start of this year, at least 120 people have been detained for taking part in peaceful protests in Kazakhstan, the organisation said. In 2022, security forces killed more than 200 people during the January unrest.

"The authorities must release everyone held solely for exercising their rights," said Marie Struthers, Amnesty's director for the region.` },
] as { id: string; published: string; outlet: string | null; text: string }[]).map(({ id, ...rest }) => [id, rest]));

const run = (id: string): ExtractionResult => {
  const t = TEXTS[id];
  if (!t) throw new Error(id);
  return extract({ text: t.text, published: t.published, outlet: t.outlet }, { today: '2100-01-01' });
};
const counts = (r: ExtractionResult) => r.incidents.map((i) => [i.act, i.count.qualifier, i.count.value ?? [i.count.min, i.count.max]]);
const stances = (r: ExtractionResult) => r.statements.map((s) => [s.stance, s.speaker ?? s.organisation, s.reported_by]);

describe('real-style reporting', () => {
  it('monitor totals with thousands separators and "including N in City" breakdowns', () => {
    const r = run('ovd');
    expect(counts(r)).toEqual([
      ['detention', 'more_than', 3000],
      ['detention', 'at_least', 1009],
      ['detention', 'exact', 142],
      ['detention', 'exact', 87],
      ['detention', 'exact', 3000],
    ]);
    expect(r.incidents.map((i) => i.location.place)).toEqual([null, 'Moscow', 'Moscow', 'St Petersburg', 'St Petersburg']);
    expect(r.incidents[0]?.date).toMatchObject({ start: '2021-01-23', precision: 'day' });
    expect(stances(r)).toEqual([
      ['alleges', 'OVD-Info', null],
      ['alleges', 'OVD-Info', null],
      ['acknowledges', 'Interior Ministry', null],
      ['other', 'Kremlin', null],
      ['other', 'Dmitry Ruslanov', null],
      ['demands_action', 'Amnesty International', null],
    ]);
  });

  it('"since" periods, deaths after beatings, an authority promising to investigate', () => {
    const r = run('belarus');
    expect(counts(r)).toEqual([
      ['detention', 'more_than', 6700],
      ['killing', 'at_least', 2],
      ['injury', 'unspecified', [null, null]],
      ['killing', 'exact', 1],
      ['ill_treatment', 'exact', 1],
    ]);
    expect(r.incidents[3]?.location).toMatchObject({ place: 'Brest', country: 'BY' });
    expect(stances(r)).toEqual([
      ['acknowledges', 'Interior Ministry', null],
      ['alleges', 'Viasna', null],
      ['alleges', 'Viasna', null],
      ['other', 'Yuri Karaev', null],
      ['promises_investigation', 'Yuri Karaev', null],
      ['other', 'Yuri Karaev', null],
      ['other', 'Yuri Karaev', null],
    ]);
  });

  it('"X reported that", "called the report lies" and a pronoun speaker after it', () => {
    const r = run('chechnya');
    expect(counts(r).slice(0, 2)).toEqual([
      ['detention', 'more_than', 100],
      ['killing', 'at_least', 3],
    ]);
    expect(r.incidents[0]?.date).toMatchObject({ start: '2017-02-21', end: '2017-04-04', precision: 'month' });
    expect(r.incidents.some((i) => i.act === 'torture')).toBe(true);
    expect(stances(r)).toEqual([
      ['alleges', 'Novaya Gazeta', null],
      ['denies', 'Alvi Karimov', null],
      ['denies', 'Alvi Karimov', 'Interfax'],
      ['alleges', 'Russian LGBT Network', null],
      ['alleges', 'Igor Kolchin', null],
      ['other', 'Kremlin', null],
    ]);
    expect(r.statements[1]?.quote).toBe('absolute lies and disinformation');
    expect(r.statements[4]?.organisation).toBe('Russian LGBT Network');
  });

  it('"per cent" is not a count; police counter-figures; "a lawyer with the group"', () => {
    const r = run('percent');
    expect(counts(r)).toEqual([
      ['detention', 'exact', 1001],
      ['detention', 'about', 1373],
      ['detention', 'exact', 685],
      ['injury', 'at_least', 15],
    ]);
    expect(r.incidents[1]?.date).toMatchObject({ start: '2019-07-21', end: '2019-07-31', precision: 'month' });
    expect(r.statements.map((s) => s.organisation)).toEqual(['OVD-Info', 'OVD-Info', 'OVD-Info', 'Police', 'OVD-Info', 'OVD-Info']);
    expect(r.statements[3]?.stance).toBe('acknowledges');
  });

  it('"died under torture", a told-relay carried to "he said", denial and promise', () => {
    const r = run('chechnya2019');
    expect(counts(r)).toEqual([
      ['detention', 'about', 40],
      ['killing', 'at_least', 2],
      ['torture', 'at_least', 2],
      ['ill_treatment', 'unspecified', [null, null]],
    ]);
    expect(stances(r)).toEqual([
      ['alleges', 'Russian LGBT Network', null],
      ['alleges', 'Russian LGBT Network', null],
      ['alleges', 'Igor Kochetkov', 'Reuters'],
      ['alleges', 'Igor Kochetkov', 'Reuters'],
      ['denies', 'Chechen government', null],
      ['promises_investigation', 'Investigative Committee', null],
    ]);
  });

  it('relays: "according to", "told The Associated Press"; a denial of excessive force is no incident', () => {
    const r = run('relay');
    expect(counts(r)).toEqual([
      ['detention', 'more_than', 4300],
      ['ill_treatment', 'unspecified', [null, null]],
    ]);
    expect(r.statements[2]?.reported_by).toBe('The Associated Press');
    expect(r.statements.slice(3).map((s) => [s.stance, s.organisation])).toEqual([
      ['denies', 'Interior Ministry'],
      ['demands_action', 'Human Rights Watch'],
    ]);
  });

  it('"last week", "since the start of this year", "in 2022"; "the organisation", "Amnesty\'s director"', () => {
    const r = run('lastweek');
    expect(r.incidents.map((i) => [i.act, i.count.value, i.date.start, i.date.end, i.date.precision])).toEqual([
      ['detention', 25, '2023-05-01', '2023-05-07', 'week'],
      ['detention', 120, '2023-01-01', '2023-05-12', 'year'],
      ['killing', 200, '2022-01-01', '2022-01-31', 'month'],
    ]);
    expect(r.statements.map((s) => [s.stance, s.organisation])).toEqual([
      ['alleges', 'Amnesty International'],
      ['alleges', 'Amnesty International'],
      ['demands_action', 'Amnesty International'],
    ]);
  });
});

describe('output guard', () => {
  it('every result that passes the hand-written guard also parses with the zod schema', () => {
    for (const id of Object.keys(TEXTS)) {
      const r = run(id);
      expect(() => ExtractionResultSchema.parse(r)).not.toThrow();
      expect(ExtractionResultSchema.parse(r)).toEqual(r);
    }
  });

  it('rejects what the zod schema rejects', () => {
    const r = run('ovd');
    const bad = (f: (x: ExtractionResult) => void): void => {
      const copy = JSON.parse(JSON.stringify(r)) as ExtractionResult;
      f(copy);
      expect(() => ExtractionResultSchema.parse(copy)).toThrow();
      expect(() => assertExtractionResult(copy)).toThrow(/invalid result/);
    };
    bad((x) => ((x.incidents[0] as { act: string }).act = 'arrest'));
    bad((x) => ((x.incidents[0] as { count: { value: unknown } }).count.value = '3'));
    bad((x) => ((x.incidents[0] as { date: { start: unknown } }).date.start = '23 Jan'));
    bad((x) => ((x.incidents[0] as { location: { country: unknown } }).location.country = 'RUS'));
    bad((x) => ((x.statements[0] as { stance: string }).stance = 'claims'));
    bad((x) => ((x.statements[0] as { targets: unknown[] }).targets = [-1]));
    bad((x) => ((x.statements[0] as { evidence: unknown }).evidence = null));
  });
});
