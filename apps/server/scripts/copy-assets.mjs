// Copies non-TypeScript runtime assets (SQL migrations) next to the compiled code in dist/.
import { cpSync, rmSync } from 'node:fs';

rmSync('dist/db/migrations', { recursive: true, force: true });
cpSync('src/db/migrations', 'dist/db/migrations', { recursive: true });
