// Runs once before the e2e project: the browser must be there (a missing one fails the run, it is
// never a skip), and the web app is built once (vite build, into test-results/e2e-web/dist) so every server
// the tests start serves the same files. PARLEY_E2E_SKIP_BUILD=1 reuses the last e2e build (handy while
// writing tests).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_PATH, repoRoot, webDistDir } from './paths.js';

export default function setup(): void {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
  } catch {
    throw new Error(
      `The end-to-end tests need Chromium at ${CHROMIUM_PATH} and it is not there. ` +
        'Install it with `bash scripts/install-services.sh` (Debian package `chromium`), or point PARLEY_E2E_CHROMIUM at one.',
    );
  }
  if (process.env.PARLEY_E2E_SKIP_BUILD === '1' && existsSync(join(webDistDir, 'index.html'))) {
    console.log(`[e2e] PARLEY_E2E_SKIP_BUILD=1: using the existing build in ${webDistDir}`);
    return;
  }
  const started = Date.now();
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const build = spawnSync(npm, ['run', 'build', '-w', '@parley/web', '--', '--outDir', webDistDir, '--emptyOutDir'], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`Building the web app failed (exit ${build.status ?? build.signal}):\n${build.stdout}\n${build.stderr}`);
  }
  if (!existsSync(join(webDistDir, 'index.html'))) throw new Error(`The web build wrote no ${join(webDistDir, 'index.html')}`);
  console.log(`[e2e] built the web app in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
