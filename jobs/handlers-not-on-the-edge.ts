import { AppError } from '../core/errors/app-error.ts';

/**
 * What `#job-handlers/<file>` resolves to in the edge Worker's bundle (package.json "imports", condition
 * `workerd`): the Worker only stores events and enqueues their jobs; `porchlight work` on Node runs them.
 */
const notOnTheEdge = async (): Promise<never> => {
  throw new AppError('internal', 'Job handlers do not run on the edge Worker; `porchlight work` runs them on Node');
};

export default notOnTheEdge;
