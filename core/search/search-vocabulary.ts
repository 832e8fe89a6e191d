import type { PropertySubType, PropertyType } from '../listings/reso-lookups.ts';

/** Words for a kind of property, longest phrases first so "single family home" beats "home". */
export const PROPERTY_WORDS: ReadonlyArray<{ pattern: string; label: string; type: PropertyType; subType?: PropertySubType }> = [
  { pattern: 'single[- ]family(?: homes?| houses?| residences?)?|sfr|houses?', label: 'single family', type: 'Residential', subType: 'SingleFamilyResidence' },
  { pattern: 'condos?|condominiums?', label: 'condo', type: 'Residential', subType: 'Condominium' },
  { pattern: 'town ?houses?|town ?homes?', label: 'townhouse', type: 'Residential', subType: 'Townhouse' },
  { pattern: '(?:mobile|manufactured) homes?', label: 'manufactured home', type: 'Residential', subType: 'ManufacturedHome' },
  { pattern: 'duplex(?:es)?', label: 'duplex', type: 'ResidentialIncome', subType: 'Duplex' },
  { pattern: 'triplex(?:es)?', label: 'triplex', type: 'ResidentialIncome', subType: 'Triplex' },
  { pattern: 'fourplex(?:es)?|quadruplex(?:es)?', label: 'fourplex', type: 'ResidentialIncome', subType: 'Quadruplex' },
  { pattern: 'multi[- ]?family|income propert(?:y|ies)', label: 'multi-family', type: 'ResidentialIncome' },
  { pattern: '(?:vacant )?land|lots?|acreage', label: 'land', type: 'Land' },
  { pattern: 'farms?|ranch(?:es)?', label: 'farm or ranch', type: 'Farm' },
];

/**
 * Must-have features we know how to look for. Each canonical keyword is what a saved search stores
 * and what matching looks for in PublicRemarks; longer phrases first ("mountain view" before "view").
 */
export const KEYWORD_WORDS: ReadonlyArray<{ pattern: string; keyword: string }> = [
  { pattern: 'swimming pool|pool', keyword: 'pool' },
  { pattern: 'garages?', keyword: 'garage' },
  { pattern: 'water ?front|on the water', keyword: 'waterfront' },
  { pattern: 'mountain views?', keyword: 'mountain view' },
  { pattern: 'lake views?', keyword: 'lake view' },
  { pattern: 'water views?', keyword: 'water view' },
  { pattern: 'views?', keyword: 'view' },
  { pattern: 'fireplaces?', keyword: 'fireplace' },
  { pattern: '(?:finished )?basements?', keyword: 'basement' },
  { pattern: 'fenced(?: back)? ?yards?', keyword: 'fenced yard' },
  { pattern: 'back ?yards?|yards?', keyword: 'yard' },
  { pattern: 'patios?', keyword: 'patio' },
  { pattern: 'balcon(?:y|ies)', keyword: 'balcony' },
  { pattern: 'hardwoods?(?: floors?)?', keyword: 'hardwood' },
  { pattern: '(?:home )?offices?|study', keyword: 'office' },
  { pattern: 'gated(?: community)?', keyword: 'gated' },
  { pattern: 'workshops?', keyword: 'workshop' },
  { pattern: 'guest ?houses?|casitas?', keyword: 'guest house' },
  { pattern: 'new construction|new build', keyword: 'new construction' },
];

export const FREQUENCY_WORDS: ReadonlyArray<{ pattern: string; frequency: 'instant' | 'daily' | 'weekly' }> = [
  { pattern: 'instant(?:ly)?|right away|immediately|asap|real[- ]time', frequency: 'instant' },
  { pattern: 'daily|every day|once a day', frequency: 'daily' },
  { pattern: 'weekly|every week|once a week', frequency: 'weekly' },
];

/** Words that carry no criteria: dropped silently; anything else left over is reported. */
export const FILLER_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'with', 'and', 'or', 'for', 'me', 'my', 'i', 'im', "i'm", 'we', 'our', 'us', 'want', 'wants',
  'need', 'needs', 'looking', 'look', 'find', 'show', 'search', 'alert', 'alerts', 'notify', 'please', 'home', 'homes',
  'properties', 'property', 'listings', 'listing', 'in', 'of', 'to', 'that', 'has', 'have', 'having', 'w/', 'plus',
  'at', 'some', 'any', 'is', 'are', 'like', 'would', 'something', 'buy', 'buying', 'sale', 'on', 'price', 'priced',
  'budget', 'send', 'let', 'know', 'when', 'new', 'listed', 'who', 'wants', 'places', 'place', 'also', 'just',
]);

/** Words that end a city name ("in Austin with a pool") and cannot start one. */
export const CITY_STOP_WORDS: ReadonlySet<string> = new Set([
  'with', 'and', 'or', 'under', 'below', 'over', 'above', 'near', 'within', 'for', 'that', 'has', 'having',
  'between', 'max', 'min', 'around', 'at', 'from', 'less', 'more', 'up', 'no', 'without', 'but', 'please',
]);

/** Words that say the "in ..." phrase is not a place ("in good condition", "in a quiet area"). */
export const NOT_A_PLACE_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'good', 'great', 'nice', 'quiet', 'safe', 'condition', 'shape', 'school', 'schools', 'district',
  'area', 'areas', 'neighborhood', 'community', 'downtown', 'town', 'city', 'suburbs', 'budget', 'cash', 'move',
]);
