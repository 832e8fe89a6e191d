import { setupServer } from 'msw/node';

/** One msw server for the suite; tests add handlers with `server.use(...)`. */
export const server = setupServer();
