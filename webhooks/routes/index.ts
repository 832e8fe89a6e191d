import type { Hono } from 'hono';
import type { AppEnv } from '../app-env.ts';
import type { Runtime } from '../../jobs/runtime.ts';
import { healthRoutes } from './health.ts';

/** Every route group, one line each, mounted at the root in this order. */
export const ROUTES: Array<(runtime: Runtime) => Hono<AppEnv>> = [
  healthRoutes,
];
