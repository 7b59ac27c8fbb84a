/**
 * Places in text: countries and Russian/Belarusian/Ukrainian regions come from the core
 * gazetteer; cities elsewhere from a small table of our own (the gazetteer has no cities
 * outside those regions); demonyms ("Kenyan", "Chechen") give the country of an unnamed or
 * unknown place ("the Kenyan lakeside town of Kiraweni").
 */
import { findBuiltinPlace, matchPlaceName } from '../core/gazetteer.js';

export interface PlaceRef {
  /** The most specific named place below country level, or null for a bare country. */
  readonly place: string | null;
  readonly country: string | null;
  /** ISO 3166-2 code when the place is a built-in region. */
  readonly region: string | null;
}

/** City → country (and region where the gazetteer has one). Capitals and cities that recur in
 * human-rights reporting; the region code links a city to its Russian/Belarusian region. */
const CITIES: Readonly<Record<string, readonly [string, string?]>> = {
  // Russia and the North Caucasus
  Grozny: ['RU', 'RU-CE'], Argun: ['RU', 'RU-CE'], Gudermes: ['RU', 'RU-CE'], Shali: ['RU', 'RU-CE'],
  Urus_Martan: ['RU', 'RU-CE'], Makhachkala: ['RU', 'RU-DA'], Nalchik: ['RU', 'RU-KB'], Magas: ['RU', 'RU-IN'],
  Nazran: ['RU', 'RU-IN'], Vladikavkaz: ['RU', 'RU-SE'], Moscow: ['RU', 'RU-MOW'],
  'St Petersburg': ['RU', 'RU-SPE'], 'St. Petersburg': ['RU', 'RU-SPE'], 'Saint Petersburg': ['RU', 'RU-SPE'],
  Yekaterinburg: ['RU'], Novosibirsk: ['RU'], 'Nizhny Novgorod': ['RU'], Kazan: ['RU'], Samara: ['RU'],
  Omsk: ['RU'], Chelyabinsk: ['RU'], 'Rostov-on-Don': ['RU'], Ufa: ['RU'], Krasnoyarsk: ['RU'],
  Perm: ['RU'], Voronezh: ['RU'], Volgograd: ['RU'], Krasnodar: ['RU'], Irkutsk: ['RU'],
  Khabarovsk: ['RU'], Vladivostok: ['RU'], Tomsk: ['RU'], Barnaul: ['RU'], Tyumen: ['RU'],
  Kaliningrad: ['RU'], Murmansk: ['RU'], Arkhangelsk: ['RU'], Pskov: ['RU'], Tver: ['RU'],
  Yakutsk: ['RU'], 'Ulan-Ude': ['RU'], Izhevsk: ['RU'], Saratov: ['RU'], Penza: ['RU'], Syktyvkar: ['RU'],
  Simferopol: ['UA'], Sevastopol: ['UA'],
  // Belarus
  Minsk: ['BY', 'BY-HM'], Brest: ['BY'], Grodno: ['BY'], Hrodna: ['BY'], Gomel: ['BY'], Homel: ['BY'],
  Vitebsk: ['BY'], Viciebsk: ['BY'], Mogilev: ['BY'], Mahilyou: ['BY'], Babruysk: ['BY'], Bobruisk: ['BY'],
  Pinsk: ['BY'], Baranovichi: ['BY'], Zhodino: ['BY'], Barysaw: ['BY'], Lida: ['BY'], Salihorsk: ['BY'],
  Okrestina: ['BY'],
  // Ukraine, Caucasus, Central Asia
  Kyiv: ['UA'], Kiev: ['UA'], Kharkiv: ['UA'], Odesa: ['UA'], Odessa: ['UA'], Lviv: ['UA'], Dnipro: ['UA'],
  Donetsk: ['UA'], Luhansk: ['UA'], Mariupol: ['UA'], Kherson: ['UA'], Melitopol: ['UA'], Bucha: ['UA'],
  Tbilisi: ['GE'], Baku: ['AZ'], Yerevan: ['AM'], Dushanbe: ['TJ'], Khujand: ['TJ'], Khorog: ['TJ'],
  Tashkent: ['UZ'], Nukus: ['UZ'], Samarkand: ['UZ'], Andijan: ['UZ'], Bishkek: ['KG'], Osh: ['KG'],
  Almaty: ['KZ'], Astana: ['KZ'], 'Nur-Sultan': ['KZ'], Zhanaozen: ['KZ'], Ashgabat: ['TM'],
  Chisinau: ['MD'], Tiraspol: ['MD'],
  // Europe and the Middle East
  Istanbul: ['TR'], Ankara: ['TR'], Izmir: ['TR'], Diyarbakir: ['TR'], Vienna: ['AT'], Berlin: ['DE'],
  Paris: ['FR'], London: ['GB'], Warsaw: ['PL'], Vilnius: ['LT'], Riga: ['LV'], Tallinn: ['EE'],
  Prague: ['CZ'], Budapest: ['HU'], Geneva: ['CH'], Brussels: ['BE'], Strasbourg: ['FR'],
  Cairo: ['EG'], Alexandria: ['EG'], Tehran: ['IR'], Baghdad: ['IQ'], Damascus: ['SY'], Aleppo: ['SY'],
  Beirut: ['LB'], Amman: ['JO'], Riyadh: ['SA'], Dubai: ['AE'], Doha: ['QA'], Manama: ['BH'],
  Sanaa: ['YE'], Jerusalem: ['IL'], Gaza: ['PS'], Tunis: ['TN'], Algiers: ['DZ'], Tripoli: ['LY'],
  Rabat: ['MA'], Casablanca: ['MA'],
  // Africa
  Nairobi: ['KE'], Mombasa: ['KE'], Kisumu: ['KE'], Kampala: ['UG'], Entebbe: ['UG'], Gulu: ['UG'],
  'Addis Ababa': ['ET'], Khartoum: ['SD'], Omdurman: ['SD'], 'El Fasher': ['SD'], Juba: ['SS'],
  Lagos: ['NG'], Abuja: ['NG'], Kano: ['NG'], Maiduguri: ['NG'], 'Port Harcourt': ['NG'],
  Accra: ['GH'], Dakar: ['SN'], Bamako: ['ML'], Ouagadougou: ['BF'], Niamey: ['NE'], Conakry: ['GN'],
  Kinshasa: ['CD'], Goma: ['CD'], Kigali: ['RW'], Bujumbura: ['BI'], 'Dar es Salaam': ['TZ'],
  Dodoma: ['TZ'], Harare: ['ZW'], Bulawayo: ['ZW'], Lusaka: ['ZM'], Maputo: ['MZ'], Luanda: ['AO'],
  Johannesburg: ['ZA'], 'Cape Town': ['ZA'], Pretoria: ['ZA'], Asmara: ['ER'], Mogadishu: ['SO'],
  Yaounde: ['CM'], Douala: ['CM'], Lome: ['TG'], Cotonou: ['BJ'], Freetown: ['SL'], Monrovia: ['LR'],
  Antananarivo: ['MG'], Lilongwe: ['MW'], "N'Djamena": ['TD'],
  // Asia
  Dhaka: ['BD'], Gazipur: ['BD'], Chittagong: ['BD'], Chattogram: ['BD'], Narayanganj: ['BD'],
  Karachi: ['PK'], Lahore: ['PK'], Islamabad: ['PK'], Kabul: ['AF'], Delhi: ['IN'], 'New Delhi': ['IN'],
  Mumbai: ['IN'], Srinagar: ['IN'], Colombo: ['LK'], Kathmandu: ['NP'], Yangon: ['MM'], Mandalay: ['MM'],
  Naypyidaw: ['MM'], Bangkok: ['TH'], 'Phnom Penh': ['KH'], Hanoi: ['VN'], 'Ho Chi Minh City': ['VN'],
  Vientiane: ['LA'], Manila: ['PH'], Cebu: ['PH'], Davao: ['PH'], 'Quezon City': ['PH'], Jakarta: ['ID'],
  'Kuala Lumpur': ['MY'], Singapore: ['SG'], Beijing: ['CN'], Shanghai: ['CN'], Urumqi: ['CN'],
  Kashgar: ['CN'], Lhasa: ['CN'], 'Hong Kong': ['HK'], Taipei: ['TW'], Pyongyang: ['KP'], Seoul: ['KR'],
  Tokyo: ['JP'], Ulaanbaatar: ['MN'],
  // The Americas
  'Mexico City': ['MX'], Tapachula: ['MX'], Tijuana: ['MX'], 'Ciudad Juárez': ['MX'], Guadalajara: ['MX'],
  Monterrey: ['MX'], 'Guatemala City': ['GT'], 'San Salvador': ['SV'], Tegucigalpa: ['HN'],
  Managua: ['NI'], 'San José': ['CR'], Havana: ['CU'], Caracas: ['VE'], Maracaibo: ['VE'],
  Bogotá: ['CO'], Bogota: ['CO'], Medellín: ['CO'], Cali: ['CO'], Quito: ['EC'], Lima: ['PE'],
  'La Paz': ['BO'], Santiago: ['CL'], 'Buenos Aires': ['AR'], 'São Paulo': ['BR'], 'Rio de Janeiro': ['BR'],
  Brasília: ['BR'], 'Port-au-Prince': ['HT'], 'Washington': ['US'], 'New York': ['US'],
};

const CITY_INDEX = new Map<string, readonly [string, string?]>(
  Object.entries(CITIES).map(([k, v]) => [k.replace(/_/g, '-').toLowerCase(), v]),
);

/** Demonym → country. Also adjectives for regions ("Chechen" → RU, region RU-CE). */
const DEMONYMS: ReadonlyMap<string, readonly [string, string?]> = new Map(Object.entries<readonly [string, string?]>({
  russian: ['RU'], chechen: ['RU', 'RU-CE'], dagestani: ['RU', 'RU-DA'], ingush: ['RU', 'RU-IN'],
  belarusian: ['BY'], belarussian: ['BY'], ukrainian: ['UA'], crimean: ['UA'], georgian: ['GE'],
  armenian: ['AM'], azerbaijani: ['AZ'], kazakh: ['KZ'], kazakhstani: ['KZ'], kyrgyz: ['KG'],
  tajik: ['TJ'], uzbek: ['UZ'], turkmen: ['TM'], moldovan: ['MD'], turkish: ['TR'], iranian: ['IR'],
  iraqi: ['IQ'], syrian: ['SY'], egyptian: ['EG'], saudi: ['SA'], kenyan: ['KE'], ugandan: ['UG'],
  nigerian: ['NG'], ethiopian: ['ET'], sudanese: ['SD'], tanzanian: ['TZ'], rwandan: ['RW'],
  zimbabwean: ['ZW'], cameroonian: ['CM'], congolese: ['CD'], ghanaian: ['GH'], malian: ['ML'],
  bangladeshi: ['BD'], pakistani: ['PK'], afghan: ['AF'], indian: ['IN'], burmese: ['MM'],
  myanmar: ['MM'], thai: ['TH'], cambodian: ['KH'], vietnamese: ['VN'], philippine: ['PH'],
  filipino: ['PH'], indonesian: ['ID'], chinese: ['CN'], uyghur: ['CN'], tibetan: ['CN'],
  mexican: ['MX'], guatemalan: ['GT'], honduran: ['HN'], salvadoran: ['SV'], nicaraguan: ['NI'],
  cuban: ['CU'], venezuelan: ['VE'], colombian: ['CO'], brazilian: ['BR'], peruvian: ['PE'],
  bolivian: ['BO'], ecuadorian: ['EC'], chilean: ['CL'], argentine: ['AR'], haitian: ['HT'],
  polish: ['PL'], lithuanian: ['LT'], latvian: ['LV'], estonian: ['EE'], hungarian: ['HU'],
  serbian: ['RS'], german: ['DE'], french: ['FR'], british: ['GB'], american: ['US'],
}));

export function demonymCountry(word: string): readonly [string, string?] | null {
  return DEMONYMS.get(word.toLowerCase()) ?? null;
}

// Names repeat across sentences and texts; the answer for a name never changes, so a bounded
// memo is safe and keeps the gazetteer's normalisation off the hot path.
const MEMO = new Map<string, PlaceRef | null>();

/** A name (one to four words) as a place: a built-in country or region, or a listed city. */
export function lookupPlace(name: string): PlaceRef | null {
  const hit = MEMO.get(name);
  if (hit !== undefined) return hit;
  const r = lookupPlaceRaw(name);
  if (MEMO.size > 20_000) MEMO.clear();
  MEMO.set(name, r);
  return r;
}

function lookupPlaceRaw(name: string): PlaceRef | null {
  const clean = name.replace(/[’']s$/, '').trim();
  const city = CITY_INDEX.get(clean.toLowerCase());
  if (city) return { place: clean, country: city[0], region: city[1] ?? null };
  const hits = matchPlaceName(clean);
  const hit = hits[0];
  if (!hit) return null;
  if (hit.kind === 'country') return { place: null, country: hit.countryCode, region: null };
  return { place: hit.nameEn, country: hit.countryCode, region: hit.code };
}

/** Country name for a code (for 'country' context and role strings). */
export function countryName(code: string): string | null {
  return findBuiltinPlace(code)?.nameEn ?? null;
}
