import { SavedSearchCriteria, type SearchFrequency } from './saved-search.ts';
import type { PropertySubType, PropertyType } from '../listings/reso-lookups.ts';
import {
  CITY_STOP_WORDS,
  FILLER_WORDS,
  FREQUENCY_WORDS,
  KEYWORD_WORDS,
  NOT_A_PLACE_WORDS,
  PROPERTY_WORDS,
} from './search-vocabulary.ts';

export interface ParsedSearch {
  criteria: SavedSearchCriteria;
  /** What was taken from the text, in the order it was written ("3+ beds", "max price $650,000"). */
  understood: string[];
  /** Phrases that were not turned into criteria: shown back to the agent, never guessed at. */
  notUnderstood: string[];
}

export interface ParseSearchOptions {
  /** City names of the tenant's market: recognised even without "in" ("3 bed condo austin"). */
  knownCities?: readonly string[];
  /** Radius used for "near <lat>,<lon>" without "within N miles"; reported as a default. */
  defaultMiles?: number;
}

/** Marks consumed text; a character that no word contains, so spans never merge across it. */
const USED = '\u0001';
const MONEY = String.raw`(?<![\w.,$])\$?\s?\d[\d,]*(?:\.\d+)?\s?(?:k|mm|million|mil|m|thousand)?\b`;
const LAT = String.raw`(-?\d{1,2}(?:\.\d+)?)`;
const LON = String.raw`(-?\d{1,3}(?:\.\d+)?)`;
const MILES = String.raw`(\d+(?:\.\d+)?)\s*(?:mi|miles?)\b`;

/**
 * Turns an agent's plain words into saved-search criteria, deterministically (no AI): the same text
 * always gives the same search. Anything it cannot place (exclusions like "no HOA", "near downtown"
 * without coordinates, a bare "650") is returned in `notUnderstood` instead of being guessed.
 * @example parseSearchText('3 bed 2 bath under 650k in Austin 78704 with a pool')
 * // → criteria { minBeds: 3, minBaths: 2, maxPrice: 650000, cities: ['Austin'], postalCodes: ['78704'], keywords: ['pool'] }
 */
export function parseSearchText(text: string, options: ParseSearchOptions = {}): ParsedSearch {
  let s = ` ${text.toLowerCase().replace(/[\u0000-\u001f]/g, ' ')} `;
  const understood: Array<{ at: number; text: string }> = [];
  const refused: Array<{ at: number; text: string }> = [];
  const c: {
    minPrice?: number;
    maxPrice?: number;
    minBeds?: number;
    minBaths?: number;
    cities: string[];
    postalCodes: string[];
    near?: { lat: number; lon: number; miles: number };
    propertyTypes: PropertyType[];
    propertySubTypes: PropertySubType[];
    keywords: string[];
    frequency?: SearchFrequency;
  } = { cities: [], postalCodes: [], propertyTypes: [], propertySubTypes: [], keywords: [] };

  /** Runs `re` over the unconsumed text; a handler returning a label consumes the match. */
  const take = (re: string, handle: (m: RegExpExecArray) => string | null, list = understood): void => {
    const regex = new RegExp(re, 'g');
    s = s.replace(regex, (...args) => {
      const match = args[0] as string;
      const at = args[args.length - 2] as number;
      const groups = Object.assign([...args.slice(0, -2)] as unknown as RegExpExecArray, { index: at });
      const label = handle(groups);
      if (label === null) return match;
      list.push({ at, text: label });
      return USED.repeat(match.length);
    });
  };

  // Exclusions first, so "no pool" is never read as a must-have pool.
  take(
    String.raw`\b(?:no|without|not)\s+(?:an?\s+)?[a-z]+(?:\s(?:fee|floors?|yard|view))?`,
    (m) => m[0].trim(),
    refused,
  );

  const defaultMiles = options.defaultMiles ?? 5;
  const setNear = (lat: string, lon: string, miles: string | undefined): string | null => {
    const la = Number(lat),
      lo = Number(lon),
      mi = miles === undefined ? defaultMiles : Number(miles);
    if (Math.abs(la) > 90 || Math.abs(lo) > 180 || !(mi > 0 && mi <= 250)) return null;
    c.near = { lat: la, lon: lo, miles: mi };
    return `within ${mi} miles of ${la},${lo}${miles === undefined ? ' (default radius)' : ''}`;
  };
  take(String.raw`\bwithin\s+${MILES}\s+(?:of|from|around)\s+${LAT}\s*,\s*${LON}`, (m) => setNear(m[2], m[3], m[1]));
  take(String.raw`\b${MILES}\s+(?:radius\s+)?(?:of|from|around)\s+${LAT}\s*,\s*${LON}`, (m) =>
    setNear(m[2], m[3], m[1]),
  );
  take(String.raw`\b(?:near|around|close to|by)\s+${LAT}\s*,\s*${LON}(?:[\s,]+(?:within|in)\s+${MILES})?`, (m) =>
    setNear(m[1], m[2], m[3]),
  );
  take(String.raw`\bwithin\s+${MILES}`, (m) => {
    if (!c.near || c.near.miles !== defaultMiles) return null;
    c.near.miles = Number(m[1]);
    return `within ${c.near.miles} miles`;
  });

  // "3/2" is how agents write 3 beds, 2 baths.
  take(String.raw`\b(\d{1,2})\s*/\s*(\d(?:\.5)?)\b(?!\s*/)`, (m) => {
    c.minBeds = Number(m[1]);
    c.minBaths = Math.ceil(Number(m[2]));
    return `${c.minBeds}+ beds, ${c.minBaths}+ baths`;
  });
  const countPhrase = (unit: string) =>
    String.raw`(?:\bat least\s+|\bmin(?:imum)?\s+)?\b(\d{1,2}(?:\.5)?)\s*(\+|\s*or more)?\s*-?\s*(?:${unit})\b`;
  take(countPhrase('beds?|bedrooms?|bdrms?|br|bd'), (m) => {
    if (m[1].includes('.')) return null;
    c.minBeds = Number(m[1]);
    return `${c.minBeds}+ beds`;
  });
  // BathroomsTotalInteger counts a half bath as one, so "2.5 baths" means at least 3.
  take(countPhrase('baths?|bathrooms?|ba'), (m) => {
    c.minBaths = Math.ceil(Number(m[1]));
    return `${c.minBaths}+ baths`;
  });

  const price = (raw: string, borrowedSuffix?: string): number | null => parseMoney(raw, borrowedSuffix);
  take(String.raw`(?:\b(?:between|from)\s+)?(${MONEY})\s*(?:and|to|-|–)\s*(${MONEY})`, (m) => {
    const hasMarker = /[$km]|thousand|million/.test(m[1] + m[2]);
    const hi = price(m[2]);
    // "300-500k": the first number borrows the second one's unit.
    const lo = price(m[1], /^\$?\d{1,3}(\.\d+)?$/.test(m[1].trim()) ? suffixOf(m[2]) : undefined);
    if (!hasMarker || lo === null || hi === null) return null;
    c.minPrice = Math.min(lo, hi);
    c.maxPrice = Math.max(lo, hi);
    return `price ${usd(c.minPrice)} to ${usd(c.maxPrice)}`;
  });
  take(
    String.raw`(?:\bunder|\bbelow|\bless than|\bno more than|\bup to|\bmax(?:imum)?(?: price)?(?: of)?|\bat most|<|\bbudget(?: of| is)?)\s*(${MONEY})`,
    (m) => {
      const v = price(m[1]);
      if (v === null) return null;
      c.maxPrice = v;
      return `max price ${usd(v)}`;
    },
  );
  take(
    String.raw`(?:\bover|\babove|\bmore than|\bat least|\bmin(?:imum)?(?: price)?(?: of)?|\bstarting at|\bfrom|>)\s*(${MONEY})`,
    (m) => {
      const v = price(m[1]);
      if (v === null) return null;
      c.minPrice = v;
      return `min price ${usd(v)}`;
    },
  );
  take(String.raw`(?:\baround|\babout|\bapproximately|~)\s*(${MONEY})`, (m) => {
    const v = price(m[1]);
    if (v === null) return null;
    c.minPrice = Math.round(v * 0.9);
    c.maxPrice = Math.round(v * 1.1);
    return `price around ${usd(v)} (${usd(c.minPrice)} to ${usd(c.maxPrice)})`;
  });

  take(String.raw`\b(\d{5})(?:-\d{4})?\b`, (m) => {
    if (!c.postalCodes.includes(m[1])) c.postalCodes.push(m[1]);
    return `postal code ${m[1]}`;
  });

  for (const word of PROPERTY_WORDS) {
    take(String.raw`\b(?:${word.pattern})\b`, () => {
      if (!c.propertyTypes.includes(word.type)) c.propertyTypes.push(word.type);
      if (word.subType && !c.propertySubTypes.includes(word.subType)) c.propertySubTypes.push(word.subType);
      return `type ${word.label}`;
    });
  }
  for (const word of KEYWORD_WORDS) {
    take(String.raw`\b(?:${word.pattern})\b`, () => {
      if (!c.keywords.includes(word.keyword)) c.keywords.push(word.keyword);
      return `must have ${word.keyword}`;
    });
  }
  for (const word of FREQUENCY_WORDS) {
    take(String.raw`\b(?:${word.pattern})\b`, () => {
      c.frequency = word.frequency;
      return `alerts ${word.frequency}`;
    });
  }

  takeCities(s, c.cities, understood, options.knownCities ?? [], (next) => {
    s = next;
  });

  if (c.minPrice !== undefined && c.maxPrice !== undefined && c.minPrice > c.maxPrice) {
    refused.push({ at: s.length, text: `min price ${usd(c.minPrice)} is above max price ${usd(c.maxPrice)}` });
    c.minPrice = undefined;
    c.maxPrice = undefined;
    for (let i = understood.length - 1; i >= 0; i--)
      if (/^(min|max) price/.test(understood[i].text)) understood.splice(i, 1);
  }
  refused.push(...leftovers(s));

  const criteria = SavedSearchCriteria.parse({ ...c, frequency: c.frequency ?? 'instant' });
  const ordered = (list: Array<{ at: number; text: string }>) => list.sort((a, b) => a.at - b.at).map((x) => x.text);
  return { criteria, understood: ordered(understood), notUnderstood: ordered(refused) };
}

/** "in Austin", "in round rock or cedar park", and bare names the tenant told us about. */
function takeCities(
  s: string,
  cities: string[],
  understood: Array<{ at: number; text: string }>,
  knownCities: readonly string[],
  update: (s: string) => void,
): void {
  const add = (name: string, at: number) => {
    const city = titleCase(name);
    if (!cities.some((x) => x.toLowerCase() === city.toLowerCase())) cities.push(city);
    understood.push({ at, text: `city ${city}` });
  };
  let out = s;
  const re = /\b(?:in|near)\s+([a-z][a-z .,'-]*)/g;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    const isNear = m[0].startsWith('near');
    const parts = m[1].split(/(\s*,\s*|\s+(?:or|and)\s+)/);
    let consumed = m[0].length - m[1].length;
    for (let i = 0; i < parts.length; i += 2) {
      const words = parts[i].trim().split(/\s+/);
      const cut = words.findIndex((w) => CITY_STOP_WORDS.has(w));
      const name = (cut === -1 ? words : words.slice(0, cut)).join(' ');
      const known = knownCities.some((k) => k.toLowerCase() === name);
      const plausible = name.length > 1 && words.length <= 4 && !name.split(' ').some((w) => NOT_A_PLACE_WORDS.has(w));
      // "near <place>" without coordinates would be a guess unless it is one of the tenant's cities.
      if (!name || !plausible || (isNear && !known)) break;
      add(name, m.index);
      consumed += parts[i].indexOf(name) + name.length;
      if (cut !== -1) break;
      consumed +=
        parts[i].length - parts[i].trimEnd().length - (parts[i].length - parts[i].indexOf(name) - name.length);
      if (i + 1 < parts.length) consumed += parts[i + 1].length;
    }
    if (consumed > m[0].length - m[1].length) {
      const span = s.slice(m.index, m.index + consumed).replace(/(\s*,\s*|\s+(?:or|and)\s+)$/, '');
      out = out.slice(0, m.index) + USED.repeat(span.length) + out.slice(m.index + span.length);
    }
  }
  for (const known of knownCities) {
    const k = known.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(String.raw`\b${k}\b`, 'g'), (match, at: number) => {
      add(known, at);
      return USED.repeat(match.length);
    });
  }
  update(out);
}

/** Unconsumed text, split where criteria were taken out; filler-only pieces are dropped. */
function leftovers(s: string): Array<{ at: number; text: string }> {
  const found: Array<{ at: number; text: string }> = [];
  const split = s.replace(/[,;!?](?=\s|$)/g, USED);
  const re = new RegExp(`[^${USED}]+`, 'g');
  for (let m = re.exec(split); m; m = re.exec(split)) {
    const words = m[0]
      .trim()
      .split(/\s+/)
      .filter((w) => w && !/^[.:+-]+$/.test(w));
    let start = 0,
      end = words.length;
    while (start < end && FILLER_WORDS.has(clean(words[start]))) start++;
    while (end > start && FILLER_WORDS.has(clean(words[end - 1]))) end--;
    if (start < end)
      found.push({
        at: m.index,
        text: words
          .slice(start, end)
          .join(' ')
          .replace(/[.:]+$/, ''),
      });
  }
  return found;
}

const clean = (word: string): string => word.replace(/^[("']+|[)"'.:]+$/g, '');

function suffixOf(raw: string): string | undefined {
  return /(k|mm|million|mil|m|thousand)\s*$/.exec(raw.trim())?.[1];
}

/** "$1.2m" → 1_200_000; refuses numbers too small to be a home price (a bare "650"). */
function parseMoney(raw: string, borrowedSuffix?: string): number | null {
  const trimmed = raw.trim();
  const suffix = suffixOf(trimmed) ?? borrowedSuffix;
  const digits = trimmed.replace(/[$\s,]/g, '').replace(/(k|mm|million|mil|m|thousand)$/, '');
  let value = Number(digits);
  if (!Number.isFinite(value)) return null;
  if (suffix === 'k' || suffix === 'thousand') value *= 1_000;
  else if (suffix) value *= 1_000_000;
  value = Math.round(value);
  return value >= 10_000 && value <= 1_000_000_000 ? value : null;
}

const usd = (n: number): string => `$${n.toLocaleString('en-US')}`;
const titleCase = (name: string): string =>
  name.replace(/(^|[\s'-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase()).replace(/^St /, 'St. ');
