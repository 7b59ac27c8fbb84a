/**
 * Place mentions in a sentence: built-in countries and regions, listed cities, and unknown
 * towns introduced as such ("the lakeside town of Kiraweni", "in Nolkhola").
 */
import { demonymCountry, lookupPlace, type PlaceRef } from './places.js';
import type { SentView } from './view.js';
import { isCapital, spanText } from './view.js';

export interface PlaceMention {
  readonly first: number;
  readonly last: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly ref: PlaceRef;
}

const PLACE_NOUNS = new Set(['town', 'city', 'village', 'district', 'region', 'province', 'settlement', 'municipality', 'county', 'state', 'republic', 'neighbourhood', 'neighborhood', 'suburb', 'camp', 'island']);
const LOCATIVE = new Set(['in', 'at', 'near', 'outside', 'from', 'across', 'inside']);
const NOT_PLACE = new Set([
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october',
  'november', 'december', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday',
  'the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'this', 'that', 'parliament', 'court',
  'custody', 'god', 'english', 'russian', 'i',
]);
const ORG_WORDS = /^(?:Network|Centre|Center|Watch|Authority|Forum|Ministry|Agency|Association|Observatory|Committee|Desk|Circle|Alliance|League|Party|Union|Office|Bureau|Commission|Court|Government|Service|Services|Police|Army|Station|Hospital|Council|Group|Institute|Foundation|Coalition|University|School|Prison|Jail|Base|Airport|Market|Square|Street|Avenue|Park|Hostel|Church|Mosque|Radio|News|Times|Post|Press)$/;

function capitalised(text: string): boolean {
  return isCapital(text.charCodeAt(0));
}

export function findPlaces(v: SentView, text: string): { places: PlaceMention[]; countries: string[] } {
  const places: PlaceMention[] = [];
  const countries: string[] = [];
  const n = v.tokens.length;
  let i = 0;
  while (i < n) {
    const t = v.tokens[i];
    if (!t) break;
    const cap = capitalised(t.text);
    if (cap) {
      const dem = demonymCountry(t.lower);
      if (dem) countries.push(dem[0]);
    }
    if (!cap || NOT_PLACE.has(t.lower)) {
      i++;
      continue;
    }
    // The run of capitalised words (allowing "de", "es", "del", "-" inside: "Dar es Salaam").
    let j = i + 1;
    while (j < n && j - i < 5) {
      const u = v.tokens[j];
      if (!u) break;
      if (capitalised(u.text) && !NOT_PLACE.has(u.lower)) j++;
      else if ((u.text === '-' || u.lower === 'es' || u.lower === 'de' || u.lower === 'del' || u.lower === 'on') && capitalised(v.tokens[j + 1]?.text ?? '')) j += 2;
      else break;
    }
    let matched = false;
    // Longest known name inside the run.
    for (let len = j - i; len >= 1 && !matched; len--) {
      for (let s = i; s + len <= j && !matched; s++) {
        const name = spanText(text, v.tokens, s, s + len);
        const ref = lookupPlace(name);
        if (!ref) continue;
        // An organisation's name is not a place ("the Kiraweni Civic Watch", "Kampala Legal Watch").
        const after = v.tokens[j]?.text ?? '';
        if (j > s + len && ORG_WORDS.test(v.tokens[j - 1]?.text ?? '')) continue;
        if (ORG_WORDS.test(after)) continue;
        let first = s;
        // "Russia’s Chechnya": a country, a possessive, then the region.
        if (ref.place && s >= 2 && (v.tokens[s - 1]?.text === '’s' || v.tokens[s - 1]?.text === "'s")) {
          const c = lookupPlace(v.tokens[s - 2]?.text ?? '');
          if (c && c.place === null) first = s - 2;
        }
        places.push({ first, last: s + len, start: v.tokens[first]?.start ?? 0, end: v.tokens[s + len - 1]?.end ?? 0, text: spanText(text, v.tokens, first, s + len), ref });
        if (ref.country) countries.push(ref.country);
        matched = true;
      }
    }
    if (!matched) {
      const prev = v.tokens[i - 1]?.lower ?? '';
      const prev2 = v.tokens[i - 2]?.lower ?? '';
      const lastWord = v.tokens[j - 1]?.text ?? '';
      const introduced = prev === 'of' && PLACE_NOUNS.has(prev2);
      const locative = LOCATIVE.has(prev) && t.pos === 'PROPN' && j - i <= 3;
      if ((introduced || locative) && !ORG_WORDS.test(lastWord) && !ORG_WORDS.test(v.tokens[j]?.text ?? '') && v.tokens[j]?.text !== '’s') {
        // Country of an unknown town: a demonym or country named earlier in the sentence.
        const country = countries.length > 0 ? (countries[countries.length - 1] ?? null) : null;
        const name = spanText(text, v.tokens, i, j);
        places.push({ first: i, last: j, start: t.start, end: v.tokens[j - 1]?.end ?? t.end, text: name, ref: { place: name, country, region: null } });
      }
    }
    i = j;
  }
  return { places, countries };
}
