// zod normally compiles object parsers with `new Function`; the app's Content-Security-Policy forbids
// eval, so tell it not to try (it would fall back anyway, but log a CSP violation on every page).
import { config } from 'zod';

config({ jitless: true });
