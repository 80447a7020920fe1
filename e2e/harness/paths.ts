// Where the end-to-end tests find the repository, the built web app, the document fixtures and the
// browser, and where they write what they capture (test-results/ is git-ignored).
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const serverDir = fileURLToPath(new URL('../../apps/server/', import.meta.url));
/**
 * The e2e build of the web app. Not apps/web/dist: a build running there while the tests run (a
 * developer's, another tool's) would swap the hashed chunks under the pages being tested. A `dist` folder,
 * so ESLint and Prettier leave the bundle alone as they do every other build output.
 */
export const webDistDir = fileURLToPath(new URL('../../test-results/e2e-web/dist/', import.meta.url));
export const documentFixturesDir = fileURLToPath(new URL('../../apps/server/test/fixtures/documents/', import.meta.url));
export const screenshotsDir = fileURLToPath(new URL('../../test-results/screenshots/', import.meta.url));

/** Debian's chromium package; CI installs it with scripts/install-services.sh. */
export const CHROMIUM_PATH = process.env.PARLEY_E2E_CHROMIUM ?? '/usr/bin/chromium';
