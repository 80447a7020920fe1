// Where the benches find the repository, the shared evaluation data and their own output folders.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';

export const benchDir = fileURLToPath(new URL('../../', import.meta.url));
export const repoRoot = resolve(benchDir, '..');
export const resultsDir = resolve(benchDir, 'results');
export const corpusDir = resolve(benchDir, '.corpus');

/** The multilingual QA sets (see its README): `../shared/eval/qa` next to the checkout, or PARLEY_EVAL_DIR. */
export const evalDir = process.env.PARLEY_EVAL_DIR ? resolve(process.env.PARLEY_EVAL_DIR) : resolve(repoRoot, '../shared/eval/qa');
