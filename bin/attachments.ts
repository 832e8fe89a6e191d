import type { Runtime } from '../jobs/runtime.ts';

/** Parts `porchlight start` runs beside HTTP and workers (the terminal channel), one line each. */
export const ATTACHMENTS: Array<(runtime: Runtime) => Promise<(() => Promise<void>) | void>> = [];
