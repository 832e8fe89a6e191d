import { afterAll, afterEach, beforeAll } from 'vitest';
import { server } from '../msw/server.ts';

// Any outbound request a test did not expect fails the test: nothing leaves the machine.
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());
