import type { ActorInput } from '../src/core/actor.js';
import type { ClaimInput } from '../src/core/claim.js';
import type { Count } from '../src/core/count.js';
import type { FuzzyDate } from '../src/core/fuzzy-date.js';
import type { ActInput, IncidentInput } from '../src/core/incident.js';
import type { SourceInput } from '../src/core/source.js';
import { ACT_TYPES, COUNT_QUALIFIERS, STANCES, type ActType, type Stance } from '../src/core/vocabularies.js';
import { gazetteerId } from '../src/app/places.js';
import { Rng } from './prng.js';

/**
 * The synthetic corpus: incidents with 1–3 acts of varied types and 1–3 claims each, every
 * count qualifier, dates over 2015–2025, places among Russian regions and neighbouring
 * countries, and titles and summaries in English or Russian from word lists with a skewed
 * (Zipf-like) frequency, so that search has common words, rare words and near-unique ones.
 * Everything comes from a seeded PRNG: the same seed gives the same corpus.
 */

const EN_WORDS = `police detained activists protest rally officers security service court hearing lawyer
journalist arrested beaten searched apartment station charges custody cell prison colony hunger strike
relatives complained investigators denied statement report witnesses video footage residents village
city republic region border checkpoint soldiers unit commander federal local officials prosecutor
interrogation pressure threats phone confiscated passport documents released fine administrative
criminal case extremism terrorism treason article sentenced years appeal rejected human rights defenders
organisation memorial centre monitoring group volunteers evacuation shelling civilians injured killed
disappeared abducted whereabouts unknown family mother father brother sister son daughter wife husband
teacher student pensioner doctor priest imam believers mosque church worship meeting picket single
banner poster leaflets online post social network messenger channel blogger comment repost likes
mobilisation conscripts draft office notice refused service deserters hospital treatment medical aid
electric shocks suffocation bag handcuffs forced confession camera recorded lawyer access denied
detention centre temporary isolation transfer transport convoy night morning evening weekend holiday
election observer ballot polling station vote fraud candidate campaign headquarters office raid masked
armed men vehicles without plates uniform balaclavas dogs door broke entered seized laptops money`
  .split(/\s+/)
  .filter(Boolean);

const RU_WORDS = `полиция задержала активистов акция протеста митинг сотрудники силовики суд заседание адвокат
журналист арестован избит обыск квартира отдел обвинение стража камера тюрьма колония голодовка
родственники пожаловались следователи отрицают заявление доклад свидетели видео записи жители село
город республика область граница блокпост военные часть командир федеральные местные чиновники прокурор
допрос давление угрозы телефон изъяли паспорт документы отпустили штраф административное
уголовное дело экстремизм терроризм госизмена статья приговорили лет апелляция отклонена правозащитники
организация мемориал центр мониторинг группа волонтеры эвакуация обстрел мирные ранены убиты
пропал похищен местонахождение неизвестно семья мать отец брат сестра сын дочь жена муж
учитель студент пенсионер врач священник имам верующие мечеть церковь богослужение встреча пикет одиночный
плакат листовки публикация соцсети мессенджер канал блогер комментарий репост лайки
мобилизация призывники повестка военкомат отказался служба дезертиры больница лечение медицинская помощь
электрошок удушение пакет наручники принудительное признание камера записала доступ адвоката запрещен
изолятор временного содержания этап конвой ночью утром вечером выходные праздник
выборы наблюдатель бюллетень участок голосование фальсификации кандидат штаб офис облава люди масках
вооруженные машины без номеров форма балаклавы собаки дверь выломали вошли изъяли ноутбуки деньги`
  .split(/\s+/)
  .filter(Boolean);

/** Roots and endings of made-up surnames: each surname is a rare search term. */
const SURNAME_ROOTS: readonly (readonly [string, string])[] = [
  ['Abdul', 'Абдул'], ['Akhmed', 'Ахмед'], ['Alikh', 'Алих'], ['Arsan', 'Арсан'], ['Bakar', 'Бакар'], ['Baysar', 'Байсар'],
  ['Bekmurz', 'Бекмурз'], ['Borz', 'Борз'], ['Chabr', 'Чабр'], ['Dadaz', 'Дадаз'], ['Daud', 'Дауд'], ['Dzhabr', 'Джабр'],
  ['Elmurz', 'Эльмурз'], ['Gadzhi', 'Гаджи'], ['Gazim', 'Газим'], ['Guseyn', 'Гусейн'], ['Ibragim', 'Ибрагим'], ['Idris', 'Идрис'],
  ['Ismail', 'Исмаил'], ['Kadyr', 'Кадыр'], ['Kazbek', 'Казбек'], ['Khas', 'Хас'], ['Khizr', 'Хизр'], ['Kurbanal', 'Курбанал'],
  ['Lecha', 'Леча'], ['Magom', 'Магом'], ['Makhm', 'Махм'], ['Mans', 'Манс'], ['Movsar', 'Мовсар'], ['Murad', 'Мурад'],
  ['Musl', 'Мусл'], ['Nazir', 'Назир'], ['Omar', 'Омар'], ['Rasul', 'Расул'], ['Ramz', 'Рамз'], ['Rustam', 'Рустам'],
  ['Said', 'Саид'], ['Salman', 'Салман'], ['Shamil', 'Шамил'], ['Sulim', 'Сулим'], ['Tagir', 'Тагир'], ['Timur', 'Тимур'],
  ['Umar', 'Умар'], ['Usam', 'Усам'], ['Vakh', 'Вах'], ['Yakub', 'Якуб'], ['Zaur', 'Заур'], ['Zelim', 'Зелим'],
  ['Belyak', 'Беляк'], ['Voron', 'Ворон'], ['Gromyk', 'Громык'], ['Dubrov', 'Дубров'], ['Zhuravl', 'Журавл'], ['Kozlov', 'Козлов'],
  ['Lebed', 'Лебед'], ['Medved', 'Медвед'], ['Orlov', 'Орлов'], ['Petrush', 'Петруш'], ['Rybak', 'Рыбак'], ['Sokol', 'Сокол'],
  ['Tikhon', 'Тихон'], ['Fedos', 'Федос'], ['Kharit', 'Харит'], ['Tsvetk', 'Цветк'], ['Chernysh', 'Черныш'], ['Shchegl', 'Щегл'],
  ['Yurch', 'Юрч'], ['Yasen', 'Ясен'], ['Bondar', 'Бондар'], ['Kovalch', 'Ковальч'], ['Melnych', 'Мельнич'], ['Savch', 'Савч'],
  ['Tkach', 'Ткач'], ['Shevch', 'Шевч'], ['Moroz', 'Мороз'], ['Lysenk', 'Лысенк'], ['Pavlyuch', 'Павлюч'], ['Hrytsen', 'Грицен'],
];
const SURNAME_ENDINGS: readonly (readonly [string, string])[] = [
  ['ov', 'ов'], ['ev', 'ев'], ['in', 'ин'], ['aev', 'аев'], ['enko', 'енко'], ['sky', 'ский'], ['uev', 'уев'], ['ova', 'ова'], ['eva', 'ева'], ['ina', 'ина'],
];

const VICTIM_GROUPS_EN = ['activists', 'protesters', 'journalists', 'lawyers', 'believers', 'residents', 'students', 'conscripts', 'relatives', 'volunteers'];
const VICTIM_GROUPS_RU = ['активисты', 'протестующие', 'журналисты', 'адвокаты', 'верующие', 'жители', 'студенты', 'призывники', 'родственники', 'волонтеры'];
const TAGS = ['protest', 'religion', 'mobilisation', 'elections', 'lgbt', 'crimea', 'north-caucasus', 'press-freedom', 'anti-war', 'torture-in-custody'];

/** Places: Russian regions (the North Caucasus most often), some countries, a few incidents with none. */
const PLACE_TABLE: readonly (readonly [string | null, number])[] = [
  ['RU-CE', 60], ['RU-DA', 50], ['RU-IN', 30], ['RU-KB', 20], ['RU-SE', 10], ['RU-KC', 10], ['RU-MOW', 60], ['RU-SPE', 30],
  ['UA-43', 30], ['UA-40', 5], ['RU-KDA', 15], ['RU-BA', 10], ['RU-TA', 10], ['RU-SVE', 10], ['RU-NVS', 8], ['RU-ROS', 10],
  ['RU-MOS', 15], ['RU-NIZ', 8], ['RU-SA', 5], ['RU-BU', 5], ['RU-TY', 4], ['RU-KGD', 6], ['RU-KHA', 5], ['RU-PRI', 6],
  ['RU-VGG', 6], ['RU-SAM', 6], ['RU-PER', 6], ['RU-IRK', 6], ['RU-KR', 4], ['RU-KO', 4], ['RU-OMS', 4], ['RU-CHE', 6],
  ['RU', 25], ['BY', 15], ['BY-HM', 10], ['BY-HO', 3], ['UA', 10], ['GE', 5], ['KZ', 5], ['UZ', 4], ['TJ', 4], ['AZ', 4],
  ['AM', 3], ['KG', 3], ['TM', 2], [null, 15],
];

const ACT_TYPE_TABLE: readonly (readonly [ActType, number])[] = ACT_TYPES.codes.map((code): readonly [ActType, number] => {
  const common: Partial<Record<ActType, number>> = { detention: 30, ill_treatment: 12, torture: 10, prosecution: 14, raid: 8, threat: 8, dispersal: 6 };
  return [code, common[code] ?? 3];
});

const STANCE_TABLE: readonly (readonly [Stance, number])[] = STANCES.codes.map((code): readonly [Stance, number] => {
  const w: Partial<Record<Stance, number>> = { alleges: 60, denies: 10, confirms: 8, acknowledges: 5, promises_investigation: 4, demands_action: 4, other: 3 };
  return [code, w[code] ?? 1];
});

const OUTLETS = [
  'OVD-Info', 'Mediazona', 'Memorial Human Rights Centre', 'Kavkaz.Realii', 'Novaya Gazeta', 'Meduza', 'The Insider', 'Caucasian Knot',
  'Crimean Human Rights Group', 'Viasna', 'Amnesty International', 'Human Rights Watch', 'Интерфакс', 'ТАСС', 'РИА Новости', 'Коммерсант',
  'Кавказский узел', 'Новая газета Европа', 'Дождь', 'Агентство', 'Sibir.Realii', 'Idel.Realii', 'Radio Svoboda', 'BBC Russian',
  'Grozny Inform', 'Daily Ledger', 'Regional Courier', 'Вестник', 'Северный дозор', 'Крымская солидарность',
];

const SOURCE_KIND_TABLE = [
  ['news_article', 50], ['ngo_report', 15], ['testimony', 12], ['official_statement', 10], ['social_post', 10], ['court_document', 3],
] as const;

const ORGS: readonly (readonly [string, string, NonNullable<ActorInput['organisationType']>])[] = [
  ['Ministry of Internal Affairs', 'МВД', 'ministry'], ['Federal Security Service', 'ФСБ', 'security_service'], ['Investigative Committee', 'Следственный комитет', 'agency'],
  ['Prosecutor General\u2019s Office', 'Генеральная прокуратура', 'agency'], ['National Guard', 'Росгвардия', 'security_service'], ['Centre E', 'Центр «Э»', 'police'],
  ['Grozny police department', 'УМВД по Грозному', 'police'], ['Makhachkala police department', 'УМВД по Махачкале', 'police'], ['Moscow police', 'ГУ МВД по Москве', 'police'],
  ['Federal Penitentiary Service', 'ФСИН', 'agency'], ['Military commissariat', 'Военный комиссариат', 'military'], ['Kadyrovtsy battalion', 'Кадыровцы', 'armed_group'],
  ['Leninsky district court', 'Ленинский районный суд', 'court'], ['Southern District Military Court', 'Южный окружной военный суд', 'court'], ['Regional administration', 'Администрация региона', 'government'],
  ['Memorial', 'Мемориал', 'ngo'], ['OVD-Info', 'ОВД-Инфо', 'ngo'], ['Committee Against Torture', 'Комитет против пыток', 'ngo'], ['Crimean Solidarity', 'Крымская солидарность', 'ngo'],
  ['Viasna', 'Весна', 'ngo'], ['Northern Watch', 'Северный дозор', 'ngo'], ['Russian LGBT Network', 'Российская ЛГБТ-сеть', 'ngo'], ['Mediazona', 'Медиазона', 'media'],
  ['Kavkaz.Realii', 'Кавказ.Реалии', 'media'], ['Novaya Gazeta', 'Новая газета', 'media'],
];
const PERPETRATOR_ORGS = 15; // the first ORGS entries are state bodies
const ROLES = ['spokesperson', 'press secretary', 'head of department', 'programme director', 'lawyer', 'monitor', 'editor', 'deputy minister'];
const SPEAKER_ROLES = ['witnesses', 'relatives', 'a lawyer', 'local residents', 'a former detainee', 'очевидцы', 'родственники', 'адвокат'];

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export interface SetupData {
  readonly sources: SourceInput[];
  /** Organisations first (with their parents among earlier ones), then persons (parentIndex into the same list). */
  readonly actors: { input: Omit<ActorInput, 'parentId'>; parentIndex: number | null }[];
}

/** Sources and actors the incidents' claims refer to; created once, before the incidents. */
export function setupData(seed: number, sourceCount = 400, personCount = 150): SetupData {
  const rng = new Rng(seed ^ 0x5eed);
  const sources: SourceInput[] = [];
  for (let i = 0; i < sourceCount; i++) {
    const ru = rng.chance(0.4);
    const words = ru ? RU_WORDS : EN_WORDS;
    const title = cap(Array.from({ length: rng.int(4, 9) }, () => rng.zipf(words)).join(' '));
    const date = `${rng.int(2015, 2025)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
    const kind = rng.weighted(SOURCE_KIND_TABLE);
    const source: SourceInput = {
      kind,
      title,
      outlet: rng.chance(0.92) ? rng.pick(OUTLETS) : null,
      author: rng.chance(0.5) ? `${rng.pick(SURNAME_ROOTS)[0]}${rng.pick(SURNAME_ENDINGS)[0]}` : null,
      url: rng.chance(0.7) ? `https://example.org/${ru ? 'ru' : 'en'}/${i}` : null,
      language: ru ? 'ru' : 'en',
      publishedAt: date,
      reliability: rng.pick(['A', 'B', 'C', 'D', 'E', 'F'] as const),
      text: rng.chance(0.3) ? Array.from({ length: rng.int(30, 120) }, () => rng.zipf(words)).join(' ') : null,
    };
    // The setup records as the local operator, who holds no collection key: a testimony's text
    // is sealed and needs one, so the corpus's testimonies carry none.
    sources.push(kind === 'testimony' ? { ...source, text: null } : source);
  }
  const actors: SetupData['actors'] = ORGS.map(([name, nameRu, organisationType]) => ({
    input: { kind: 'organisation' as const, name, nameRu, organisationType },
    parentIndex: null,
  }));
  for (let i = 0; i < personCount; i++) {
    const [r, rRu] = rng.pick(SURNAME_ROOTS);
    const [e, eRu] = rng.pick(SURNAME_ENDINGS);
    actors.push({
      input: { kind: 'person', name: `${r}${e}`, nameRu: `${rRu}${eRu}`, role: rng.pick(ROLES) },
      parentIndex: rng.chance(0.8) ? rng.int(0, ORGS.length - 1) : null,
    });
  }
  return { sources, actors };
}

/** Ids of the records the setup created, in setup order. */
export interface Refs {
  readonly sourceIds: readonly string[];
  /** Organisations first, in ORGS order, then persons. */
  readonly actorIds: readonly string[];
}

export interface BenchClaim {
  /** Index of the act the claim is about, or null for the incident as a whole. */
  readonly act: number | null;
  readonly claim: Omit<ClaimInput, 'incidentId' | 'actId'>;
}

/** One incident with the claims about it: the shape of an import item. */
export interface BenchItem {
  readonly incident: IncidentInput;
  readonly claims: BenchClaim[];
}

function fuzzyDate(rng: Rng): FuzzyDate {
  const precision = rng.weighted([['day', 55], ['week', 8], ['month', 22], ['year', 10], ['unknown', 5]] as const);
  if (precision === 'unknown') return { start: null, end: null, precision };
  const y = rng.int(2015, 2025);
  const m = rng.int(1, 12);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const mm = String(m).padStart(2, '0');
  if (precision === 'year') return { start: `${y}-01-01`, end: `${y}-12-31`, precision };
  if (precision === 'month') return { start: `${y}-${mm}-01`, end: `${y}-${mm}-${last}`, precision };
  const d = rng.int(1, last - (precision === 'week' ? 6 : 0));
  const start = `${y}-${mm}-${String(d).padStart(2, '0')}`;
  const end = precision === 'week' ? `${y}-${mm}-${String(d + 6).padStart(2, '0')}` : start;
  return { start, end, precision };
}

function count(rng: Rng): Count | null {
  if (rng.chance(0.12)) return null;
  const qualifier = rng.pick(COUNT_QUALIFIERS.codes);
  const n = rng.chance(0.8) ? rng.int(1, 12) : rng.int(13, 400);
  switch (qualifier) {
    case 'range': {
      const min = rng.int(1, 20);
      return { qualifier, value: null, min, max: min + rng.int(0, 30) };
    }
    case 'unspecified':
      return { qualifier, value: null, min: null, max: null };
    default:
      return { qualifier, value: n, min: null, max: null };
  }
}

function surname(rng: Rng, ru: boolean): string {
  const [r, rRu] = rng.pick(SURNAME_ROOTS);
  const [e, eRu] = rng.pick(SURNAME_ENDINGS);
  return ru ? `${rRu}${eRu}` : `${r}${e}`;
}

function sentence(rng: Rng, ru: boolean, min: number, max: number): string {
  const words = ru ? RU_WORDS : EN_WORDS;
  return `${cap(Array.from({ length: rng.int(min, max) }, () => rng.zipf(words)).join(' '))}.`;
}

/** The corpus, item by item; `item(i)` is the same for the same seed and refs. */
export class Corpus {
  constructor(
    private readonly seed: number,
    private readonly refs: Refs,
  ) {}

  item(i: number): BenchItem {
    // One PRNG per item, so any item can be made on its own (and in any order).
    const rng = new Rng((this.seed * 0x9e3779b1) ^ Math.imul(i + 1, 0x85ebca6b));
    const ru = rng.chance(0.4);
    const placeCode = rng.weighted(PLACE_TABLE);
    const actCount = rng.weighted([[1, 45], [2, 35], [3, 20]] as const);
    const acts: ActInput[] = [];
    for (let a = 0; a < actCount; a++) {
      const type = rng.weighted(ACT_TYPE_TABLE);
      acts.push({
        type,
        victims: rng.chance(0.6) ? `${rng.int(1, 30)} ${rng.pick(ru ? VICTIM_GROUPS_RU : VICTIM_GROUPS_EN)}` : null,
        perpetrators: rng.chance(0.3) ? (ru ? ORGS[rng.int(0, PERPETRATOR_ORGS - 1)]![1] : ORGS[rng.int(0, PERPETRATOR_ORGS - 1)]![0]) : null,
        date: rng.chance(0.15) ? fuzzyDate(rng) : { start: null, end: null, precision: 'unknown' },
        placeId: rng.chance(0.05) ? gazetteerId(rng.weighted(PLACE_TABLE.filter(([c]) => c !== null)) as string) : null,
        involvements: rng.chance(0.35)
          ? [{ actorId: this.refs.actorIds[rng.int(0, PERPETRATOR_ORGS - 1)]!, degree: rng.pick(['direct', 'ordered', 'complicit', 'failed_to_prevent'] as const) }]
          : [],
      });
    }
    const firstType = ACT_TYPES.terms.find((t) => t.code === acts[0]!.type)!;
    const group = rng.pick(ru ? VICTIM_GROUPS_RU : VICTIM_GROUPS_EN);
    const title = ru
      ? `${firstType.ru}: ${group}, ${surname(rng, true)} — ${rng.zipf(RU_WORDS)} ${rng.zipf(RU_WORDS)}`
      : `${firstType.en} of ${group}, ${surname(rng, false)} — ${rng.zipf(EN_WORDS)} ${rng.zipf(EN_WORDS)}`;
    const parts = [sentence(rng, ru, 8, 16), sentence(rng, ru, 6, 14)];
    if (rng.chance(0.5)) parts.push(`${ru ? 'Дело' : 'Case'} ${rng.pick(['KUSP', 'UD', 'AP'])}-${rng.int(10000, 99999)}, ${surname(rng, ru)}.`);
    if (rng.chance(0.4)) parts.push(sentence(rng, ru, 5, 12));
    const incident: IncidentInput = {
      title,
      summary: parts.join(' '),
      date: fuzzyDate(rng),
      placeId: placeCode === null ? null : gazetteerId(placeCode),
      tags: Array.from({ length: rng.weighted([[0, 50], [1, 35], [2, 15]] as const) }, () => rng.pick(TAGS)).filter((t, k, all) => all.indexOf(t) === k),
      acts,
      reviewDecision: rng.weighted([[null, 96], ['verified', 3], ['refuted', 1]] as const),
    };
    const claims: BenchClaim[] = [];
    const claimCount = rng.weighted([[1, 40], [2, 35], [3, 25]] as const);
    for (let c = 0; c < claimCount; c++) {
      const stance = rng.weighted(STANCE_TABLE);
      const hasSpeaker = rng.chance(0.65);
      const cru = rng.chance(ru ? 0.85 : 0.15);
      claims.push({
        act: rng.chance(0.9) ? rng.int(0, actCount - 1) : null,
        claim: {
          sourceId: rng.zipf(this.refs.sourceIds, 1.6),
          speakerId: hasSpeaker ? rng.pick(this.refs.actorIds) : null,
          speakerRole: hasSpeaker ? null : rng.pick(SPEAKER_ROLES),
          relayId: rng.chance(0.1) ? this.refs.actorIds[rng.int(15, ORGS.length - 1)]! : null,
          stance,
          about: sentence(rng, cru, 4, 9).slice(0, -1),
          quote: rng.chance(0.3) ? sentence(rng, cru, 8, 20) : null,
          asserts: {
            count: stance === 'promises_investigation' || stance === 'demands_action' ? null : count(rng),
            perpetratorId: rng.chance(0.1) ? this.refs.actorIds[rng.int(0, PERPETRATOR_ORGS - 1)]! : null,
          },
          credibility: rng.chance(0.5) ? rng.pick(['1', '2', '3', '4', '5', '6'] as const) : null,
          review: rng.weighted([['accepted', 85], ['proposed', 10], ['rejected', 5]] as const),
        },
      });
    }
    return { incident, claims };
  }
}

/** Words for queries: the same lists the corpus draws from, by how common they are. */
export const VOCAB = {
  en: EN_WORDS,
  ru: RU_WORDS,
  surnames: (rng: Rng, ru: boolean) => surname(rng, ru),
  placeCodes: PLACE_TABLE.map(([c]) => c).filter((c): c is string => c !== null),
  outlets: OUTLETS,
};
