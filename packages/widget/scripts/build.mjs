// `npm run build -w @parley/widget`: writes dist/widget.js, prints its raw, gzip and brotli sizes, and
// fails when the gzip size is over the budget.
import { relative } from 'node:path';
import { GZIP_BUDGET_BYTES, buildWidget, outfile } from './build-widget.mjs';

const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

const { sizes, warnings } = await buildWidget({ write: true });
for (const warning of warnings) console.warn(`warning: ${warning}`);
console.log(
  `${relative(process.cwd(), outfile)}: ${kb(sizes.raw)} raw, ${kb(sizes.gzip)} gzip, ${kb(sizes.brotli)} brotli ` +
    `(budget ${kb(GZIP_BUDGET_BYTES)} gzip)`,
);
if (sizes.gzip > GZIP_BUDGET_BYTES) {
  console.error(`The widget is ${sizes.gzip - GZIP_BUDGET_BYTES} bytes over its gzip budget.`);
  process.exit(1);
}
