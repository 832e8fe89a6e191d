/**
 * Three real markets with real postal codes, approximate ZIP centroids and 2020s price levels, so
 * demo data looks like somewhere an agent works. `priceFactor` scales the metro's $/sq ft per ZIP.
 */
export interface MetroZip {
  postalCode: string;
  city: string;
  lat: number;
  lon: number;
  priceFactor: number;
}

export interface Metro {
  name: MetroName;
  state: string;
  /** Fictional-number area codes for generated phones. */
  areaCodes: string[];
  /** Median list price per square foot for a single-family home. */
  pricePerSqft: number;
  /** Share of property tax per year of the price. */
  taxRate: number;
  zips: MetroZip[];
  /** Local features and how often remarks mention them. */
  features: ReadonlyArray<readonly [phrase: string, share: number]>;
  streets: string[];
}

export const METRO_NAMES = ['austin', 'denver', 'tampa'] as const;
export type MetroName = (typeof METRO_NAMES)[number];

const z = (postalCode: string, city: string, lat: number, lon: number, priceFactor: number): MetroZip => ({
  postalCode,
  city,
  lat,
  lon,
  priceFactor,
});

export const METROS: Readonly<Record<MetroName, Metro>> = {
  austin: {
    name: 'austin',
    state: 'TX',
    areaCodes: ['512', '737'],
    pricePerSqft: 330,
    taxRate: 0.019,
    zips: [
      z('78701', 'Austin', 30.271, -97.744, 1.5),
      z('78702', 'Austin', 30.263, -97.716, 1.2),
      z('78703', 'Austin', 30.291, -97.768, 2.0),
      z('78704', 'Austin', 30.243, -97.765, 1.5),
      z('78705', 'Austin', 30.293, -97.739, 1.2),
      z('78721', 'Austin', 30.271, -97.683, 0.9),
      z('78723', 'Austin', 30.306, -97.685, 1.0),
      z('78741', 'Austin', 30.231, -97.722, 0.8),
      z('78744', 'Austin', 30.187, -97.741, 0.7),
      z('78745', 'Austin', 30.206, -97.796, 0.95),
      z('78746', 'Austin', 30.296, -97.808, 2.2),
      z('78748', 'Austin', 30.16, -97.826, 0.85),
      z('78749', 'Austin', 30.214, -97.857, 1.0),
      z('78751', 'Austin', 30.31, -97.723, 1.2),
      z('78756', 'Austin', 30.322, -97.74, 1.3),
      z('78757', 'Austin', 30.351, -97.732, 1.1),
      z('78758', 'Austin', 30.388, -97.706, 0.8),
      z('78759', 'Austin', 30.404, -97.755, 1.1),
      z('78664', 'Round Rock', 30.514, -97.668, 0.75),
      z('78665', 'Round Rock', 30.545, -97.64, 0.8),
      z('78681', 'Round Rock', 30.52, -97.718, 0.85),
      z('78660', 'Pflugerville', 30.448, -97.6, 0.7),
      z('78613', 'Cedar Park', 30.505, -97.82, 0.9),
      z('78626', 'Georgetown', 30.64, -97.68, 0.8),
    ],
    features: [
      ['pool', 0.25],
      ['hill country views', 0.1],
      ['covered patio', 0.3],
      ['fenced yard', 0.35],
      ['home office', 0.2],
      ['hardwood floors', 0.25],
      ['fireplace', 0.2],
      ['garage', 0.6],
    ],
    streets: [
      'Barton Springs Rd',
      'S Congress Ave',
      'Manor Rd',
      'Burnet Rd',
      'Slaughter Ln',
      'Brodie Ln',
      'William Cannon Dr',
      'Koenig Ln',
      'Parmer Ln',
      'Riverside Dr',
    ],
  },
  denver: {
    name: 'denver',
    state: 'CO',
    areaCodes: ['303', '720'],
    pricePerSqft: 380,
    taxRate: 0.0055,
    zips: [
      z('80202', 'Denver', 39.752, -104.998, 1.3),
      z('80203', 'Denver', 39.731, -104.982, 1.1),
      z('80205', 'Denver', 39.759, -104.966, 1.0),
      z('80206', 'Denver', 39.73, -104.953, 1.4),
      z('80209', 'Denver', 39.707, -104.966, 1.4),
      z('80210', 'Denver', 39.679, -104.963, 1.25),
      z('80211', 'Denver', 39.767, -105.02, 1.15),
      z('80212', 'Denver', 39.77, -105.047, 1.05),
      z('80218', 'Denver', 39.731, -104.97, 1.1),
      z('80219', 'Denver', 39.696, -105.034, 0.75),
      z('80220', 'Denver', 39.733, -104.917, 1.05),
      z('80224', 'Denver', 39.688, -104.911, 1.0),
      z('80238', 'Denver', 39.776, -104.882, 1.1),
      z('80239', 'Denver', 39.788, -104.834, 0.7),
      z('80010', 'Aurora', 39.737, -104.863, 0.65),
      z('80012', 'Aurora', 39.7, -104.838, 0.7),
      z('80015', 'Aurora', 39.626, -104.78, 0.85),
      z('80226', 'Lakewood', 39.711, -105.086, 0.85),
      z('80228', 'Lakewood', 39.694, -105.153, 0.9),
    ],
    features: [
      ['finished basement', 0.4],
      ['mountain views', 0.15],
      ['fireplace', 0.4],
      ['garage', 0.7],
      ['hardwood floors', 0.3],
      ['fenced yard', 0.3],
      ['home office', 0.2],
      ['deck', 0.3],
    ],
    streets: [
      'Colfax Ave',
      'Federal Blvd',
      'Speer Blvd',
      'Colorado Blvd',
      'Tennyson St',
      'Broadway',
      'Alameda Ave',
      'Quebec St',
      'Evans Ave',
      'Sheridan Blvd',
    ],
  },
  tampa: {
    name: 'tampa',
    state: 'FL',
    areaCodes: ['813', '727'],
    pricePerSqft: 280,
    taxRate: 0.013,
    zips: [
      z('33602', 'Tampa', 27.95, -82.457, 1.3),
      z('33603', 'Tampa', 27.985, -82.464, 0.95),
      z('33604', 'Tampa', 28.016, -82.452, 0.75),
      z('33606', 'Tampa', 27.934, -82.467, 1.6),
      z('33609', 'Tampa', 27.944, -82.505, 1.4),
      z('33610', 'Tampa', 27.998, -82.405, 0.65),
      z('33611', 'Tampa', 27.888, -82.504, 1.3),
      z('33612', 'Tampa', 28.049, -82.45, 0.7),
      z('33613', 'Tampa', 28.078, -82.446, 0.8),
      z('33614', 'Tampa', 28.002, -82.503, 0.8),
      z('33616', 'Tampa', 27.863, -82.524, 1.1),
      z('33618', 'Tampa', 28.073, -82.501, 1.0),
      z('33629', 'Tampa', 27.92, -82.509, 1.7),
      z('33647', 'Tampa', 28.123, -82.357, 1.0),
      z('33701', 'St. Petersburg', 27.772, -82.638, 1.3),
      z('33704', 'St. Petersburg', 27.797, -82.638, 1.3),
      z('33705', 'St. Petersburg', 27.739, -82.646, 0.8),
      z('33510', 'Brandon', 27.953, -82.298, 0.8),
      z('33511', 'Brandon', 27.91, -82.295, 0.85),
    ],
    features: [
      ['pool', 0.4],
      ['waterfront', 0.12],
      ['screened lanai', 0.35],
      ['garage', 0.65],
      ['water view', 0.1],
      ['fenced yard', 0.25],
      ['tile floors', 0.4],
      ['home office', 0.15],
    ],
    streets: [
      'Bayshore Blvd',
      'Dale Mabry Hwy',
      'Kennedy Blvd',
      'Fowler Ave',
      'Hillsborough Ave',
      'Gandy Blvd',
      'Central Ave',
      'MacDill Ave',
      'Bearss Ave',
      'Bruce B Downs Blvd',
    ],
  },
};
