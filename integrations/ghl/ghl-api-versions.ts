/**
 * GHL API v2 pins a `Version` header per API family (each operation's OpenAPI spec in
 * GoHighLevel/highlevel-api-docs lists the one value it accepts). Sending the wrong one gets a 4xx
 * or, worse, a different response shape, so every call names its family.
 */
export const GHL_API_VERSION = {
  contacts: '2021-07-28',
  opportunities: '2021-07-28',
  conversations: '2021-04-15',
  locations: '2021-07-28',
} as const;

export type GhlApiFamily = keyof typeof GHL_API_VERSION;

export const GHL_DEFAULT_BASE_URL = 'https://services.leadconnectorhq.com';
