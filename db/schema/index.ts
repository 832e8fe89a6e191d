export * from './tenants.ts';
export * from './leads.ts';
export * from './listings.ts';
export * from './alerts.ts';
export * from './ops.ts';
