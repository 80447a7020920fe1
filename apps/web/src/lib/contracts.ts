// The shared contracts for runtime use in the browser (schemas, bounds, limits). zod is configured
// first, before any schema in the contracts is built or parsed. Types may be imported from
// '@parley/contracts' directly.
import './zod-jitless';

export * from '@parley/contracts';
