/**
 * Catalogue: first three ZIP digits → US state (USPS sectional centers), and the ZIP3 prefixes
 * in split states whose clocks differ from the rest of the state. Deliberately one table file.
 * Ranges are inclusive; prefixes not listed (unassigned, military APO/FPO) resolve to nothing.
 */
const RANGES: Array<[number, number, string]> = [
  [5, 5, 'NY'],
  [6, 7, 'PR'],
  [8, 8, 'VI'],
  [9, 9, 'PR'],
  [10, 27, 'MA'],
  [28, 29, 'RI'],
  [30, 38, 'NH'],
  [39, 49, 'ME'],
  [50, 54, 'VT'],
  [55, 55, 'MA'],
  [56, 59, 'VT'],
  [60, 69, 'CT'],
  [70, 89, 'NJ'],
  [100, 149, 'NY'],
  [150, 196, 'PA'],
  [197, 199, 'DE'],
  [200, 200, 'DC'],
  [201, 201, 'VA'],
  [202, 205, 'DC'],
  [206, 219, 'MD'],
  [220, 246, 'VA'],
  [247, 268, 'WV'],
  [270, 289, 'NC'],
  [290, 299, 'SC'],
  [300, 319, 'GA'],
  [320, 339, 'FL'],
  [341, 349, 'FL'],
  [350, 369, 'AL'],
  [370, 385, 'TN'],
  [386, 397, 'MS'],
  [398, 399, 'GA'],
  [400, 427, 'KY'],
  [430, 459, 'OH'],
  [460, 479, 'IN'],
  [480, 499, 'MI'],
  [500, 528, 'IA'],
  [530, 549, 'WI'],
  [550, 567, 'MN'],
  [569, 569, 'DC'],
  [570, 577, 'SD'],
  [580, 588, 'ND'],
  [590, 599, 'MT'],
  [600, 629, 'IL'],
  [630, 658, 'MO'],
  [660, 679, 'KS'],
  [680, 693, 'NE'],
  [700, 714, 'LA'],
  [716, 729, 'AR'],
  [730, 732, 'OK'],
  [733, 733, 'TX'],
  [734, 749, 'OK'],
  [750, 799, 'TX'],
  [800, 816, 'CO'],
  [820, 831, 'WY'],
  [832, 838, 'ID'],
  [840, 847, 'UT'],
  [850, 865, 'AZ'],
  [870, 884, 'NM'],
  [885, 885, 'TX'],
  [889, 898, 'NV'],
  [900, 961, 'CA'],
  [967, 968, 'HI'],
  [969, 969, 'GU'],
  [970, 979, 'OR'],
  [980, 994, 'WA'],
  [995, 999, 'AK'],
];

/** The zone most of each state keeps. */
export const STATE_ZONES: Record<string, string> = {
  AL: 'America/Chicago',
  AK: 'America/Anchorage',
  AZ: 'America/Phoenix',
  AR: 'America/Chicago',
  CA: 'America/Los_Angeles',
  CO: 'America/Denver',
  CT: 'America/New_York',
  DC: 'America/New_York',
  DE: 'America/New_York',
  FL: 'America/New_York',
  GA: 'America/New_York',
  GU: 'Pacific/Guam',
  HI: 'Pacific/Honolulu',
  IA: 'America/Chicago',
  ID: 'America/Boise',
  IL: 'America/Chicago',
  IN: 'America/Indiana/Indianapolis',
  KS: 'America/Chicago',
  KY: 'America/New_York',
  LA: 'America/Chicago',
  MA: 'America/New_York',
  MD: 'America/New_York',
  ME: 'America/New_York',
  MI: 'America/Detroit',
  MN: 'America/Chicago',
  MO: 'America/Chicago',
  MS: 'America/Chicago',
  MT: 'America/Denver',
  NC: 'America/New_York',
  ND: 'America/Chicago',
  NE: 'America/Chicago',
  NH: 'America/New_York',
  NJ: 'America/New_York',
  NM: 'America/Denver',
  NV: 'America/Los_Angeles',
  NY: 'America/New_York',
  OH: 'America/New_York',
  OK: 'America/Chicago',
  OR: 'America/Los_Angeles',
  PA: 'America/New_York',
  PR: 'America/Puerto_Rico',
  RI: 'America/New_York',
  SC: 'America/New_York',
  SD: 'America/Chicago',
  TN: 'America/Chicago',
  TX: 'America/Chicago',
  UT: 'America/Denver',
  VA: 'America/New_York',
  VI: 'America/St_Thomas',
  VT: 'America/New_York',
  WA: 'America/Los_Angeles',
  WI: 'America/Chicago',
  WV: 'America/New_York',
  WY: 'America/Denver',
};

/**
 * Split states, by sectional center. A sectional center can straddle a zone line (a few counties);
 * each prefix gets the zone of its main city, which is where most of its leads live.
 */
const ZIP3_ZONES: Array<[number, number, string]> = [
  [324, 325, 'America/Chicago'], // FL panhandle: Panama City, Pensacola
  [373, 374, 'America/New_York'], // TN: Chattanooga
  [376, 379, 'America/New_York'], // TN: Johnson City, Knoxville
  [420, 424, 'America/Chicago'], // KY: Paducah, Bowling Green, Owensboro, Henderson
  [463, 464, 'America/Chicago'], // IN: Gary (Chicago metro)
  [476, 477, 'America/Chicago'], // IN: Evansville
  [577, 577, 'America/Denver'], // SD: Rapid City
  [586, 586, 'America/Denver'], // ND: Dickinson
  [693, 693, 'America/Denver'], // NE: Alliance/Scottsbluff panhandle
  [798, 799, 'America/Denver'], // TX: El Paso
  [885, 885, 'America/Denver'], // TX: El Paso
  [835, 838, 'America/Los_Angeles'], // ID: Lewiston, Coeur d'Alene (northern Idaho is Pacific)
  [979, 979, 'America/Boise'], // OR: Ontario (Malheur County keeps Mountain time)
];

const find = (table: Array<[number, number, string]>, n: number) => table.find(([lo, hi]) => n >= lo && n <= hi)?.[2];

export function stateForZip3(zip3: number): string | undefined {
  return find(RANGES, zip3);
}

export function zoneForZip3(zip3: number): string | undefined {
  const state = stateForZip3(zip3);
  if (!state) return undefined;
  return find(ZIP3_ZONES, zip3) ?? STATE_ZONES[state];
}
