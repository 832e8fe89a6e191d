import type { PropertySubType, PropertyType } from '../listings/reso-lookups.ts';
import { ExtractedCriteria } from './extracted-criteria.ts';

const PROPERTY_WORDS: Array<[RegExp, PropertyType, PropertySubType?]> = [
  [/\bcondos?\b|\bapartments?\b/, 'Residential', 'Condominium'],
  [/\btown ?(house|home)s?\b/, 'Residential', 'Townhouse'],
  [/\b(single[- ]family|house|home)s?\b/, 'Residential', 'SingleFamilyResidence'],
  [/\b(duplex|triplex|fourplex|multi-?family)\b/, 'ResidentialIncome', 'MultiFamily'],
  [/\b(land|lot)s?\b/, 'Land'],
];
const KEYWORDS = [
  'pool',
  'garage',
  'yard',
  'basement',
  'view',
  'waterfront',
  'fireplace',
  'office',
  'acreage',
  'new construction',
  'single story',
];

/** "$450k", "1.2m", "450,000" → dollars. */
function money(raw: string): number | undefined {
  const m = raw.replace(/[$,\s]/g, '').match(/^(\d+(?:\.\d+)?)([km])?$/i);
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2]?.toLowerCase() === 'm' ? 1_000_000 : m[2]?.toLowerCase() === 'k' ? 1_000 : 1);
  // A bare "450" in a home search means thousands.
  return Math.round(n < 10_000 ? n * 1_000 : n);
}

const AMOUNT = String.raw`\$?\d[\d,]*(?:\.\d+)?\s*[km]?\b`;

/**
 * Deterministic criteria reader for when AI is off or fails: prices, beds, baths, ZIPs, property
 * types, a few must-haves, timeline and pre-approval. Cities need a gazetteer, so it only takes
 * "in <Capitalised Name>" phrases; an agent can correct the rest. Never throws.
 */
export function extractCriteriaFallback(text: string): ExtractedCriteria {
  const t = text.toLowerCase();
  const out: Record<string, unknown> = {
    cities: [],
    postalCodes: [],
    propertyTypes: [],
    propertySubTypes: [],
    keywords: [],
  };

  const range = t.match(new RegExp(`(${AMOUNT})\\s*(?:-|–|to)\\s*(${AMOUNT})`));
  const under = t.match(new RegExp(`(?:under|below|max(?:imum)?|up to|less than|no more than|<)\\s*(${AMOUNT})`));
  const over = t.match(new RegExp(`(?:over|above|at least|min(?:imum)?|more than|from|>)\\s*(${AMOUNT})`));
  if (range) {
    out.minPrice = money(range[1]);
    out.maxPrice = money(range[2]);
  }
  if (under) out.maxPrice = money(under[1]);
  if (over && !range) out.minPrice = money(over[1]);

  const beds = t.match(/(\d+)\s*\+?\s*(?:bed(?:room)?s?|br|bd)\b/);
  if (beds) out.minBeds = Number(beds[1]);
  const baths = t.match(/(\d+(?:\.5)?)\s*\+?\s*(?:bath(?:room)?s?|ba)\b/);
  if (baths) out.minBaths = Number(baths[1]);

  out.postalCodes = [...new Set(text.match(/\b\d{5}\b/g) ?? [])];
  out.cities = [
    ...new Set([...text.matchAll(/\b(?:in|near|around)\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)/g)].map((m) => m[1])),
  ];
  const words = PROPERTY_WORDS.filter(([re]) => re.test(t));
  const subTypes = new Set(words.map(([, , subType]) => subType).filter((s) => s !== undefined));
  // "townhome" also says "home": a generic house word only counts when nothing more specific did.
  if (subTypes.size > 1 && !/\b(single[- ]family|house)\b/.test(t)) subTypes.delete('SingleFamilyResidence');
  out.propertySubTypes = [...subTypes];
  out.propertyTypes = [
    ...new Set(words.filter(([, , s]) => s === undefined || subTypes.has(s)).map(([, type]) => type)),
  ];
  out.keywords = KEYWORDS.filter((k) => t.includes(k));

  const months = t.match(/\b(?:in|within|next)\s+(\d+)\s*months?\b/);
  const years = t.match(/\b(?:in|within|next)\s+(\d+)\s*years?\b/);
  if (months) out.timelineMonths = Number(months[1]);
  else if (years) out.timelineMonths = Number(years[1]) * 12;
  else if (/\b(asap|right away|immediately|this month)\b/.test(t)) out.timelineMonths = 1;

  if (/\b(not|no|haven'?t|isn'?t) (been |yet )?(pre-?approv|approv)/.test(t)) out.preApproved = false;
  else if (/\bpre-?approv(ed|al)\b|\bcash buyers?\b|\bpaying (in )?cash\b/.test(t)) out.preApproved = true;

  const parsed = ExtractedCriteria.safeParse(out);
  if (parsed.success) return parsed.data;
  // A contradictory price pair ("under 300k, from 500k") is dropped rather than guessed at.
  return ExtractedCriteria.parse({ ...out, minPrice: undefined, maxPrice: undefined, timelineMonths: undefined });
}
