export * from './tenants.ts';
export * from './leads.ts';
export * from './listings.ts';
export * from './alerts.ts';
export * from './routing.ts';
export * from './ops.ts';
export * from './ghl-sync.ts';
export * from './messaging.ts';
