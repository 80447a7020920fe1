// Website widget budgets: the bundle's size (raw, gzip, brotli; goal ≤ 30 kB gzip) and how soon the launcher
// is on the page after widget.js has loaded (goal ≤ 100 ms), in Debian's Chromium. The peer, measured in the
// same run and the same way, is the smallest possible async widget: a 200-byte script that appends one
// button, which shows what the browser itself costs before any widget code runs.
// Host page and script come from two local origins (like a shop embedding Parley); every load is a fresh
// browser context, so nothing is cached. No Parley server is needed: the widget calls nothing until opened.
// Usage: npm run bench:widget -- [--runs 30]
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { buildWidget, GZIP_BUDGET_BYTES } from '../../packages/widget/scripts/build-widget.mjs';
import { printMachineInfo } from './lib/machine.js';
import { percentile } from './lib/stats.js';
import { fmt, printTable } from './lib/table.js';

const CHROMIUM = process.env.PARLEY_BENCH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];
const PAINT_GOAL_MS = 100;

/** The peer: an async script that does the least a widget can do, then marks the moment like the widget does. */
const MINIMAL_WIDGET = `(()=>{performance.mark('parley:script');const b=document.createElement('button');b.textContent='Chat';b.style.cssText='position:fixed;bottom:20px;right:20px';document.body.appendChild(b);performance.mark('parley:launcher')})();`;

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' } } });
  const runs = Math.max(1, Number(values.runs));
  printMachineInfo('Website widget: size and launcher first paint');

  const build = await buildWidget({ write: false });
  const scripts: Record<string, Buffer> = {
    '/widget.js': gzipSync(build.code, { level: 9 }),
    '/minimal.js': gzipSync(MINIMAL_WIDGET, { level: 9 }),
  };
  const parley = await listen((req, res) => {
    const body = scripts[req.url ?? ''];
    if (!body) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/javascript', 'content-encoding': 'gzip', 'cache-control': 'no-store' });
    res.end(body);
  });
  const host = await listen((req, res) => {
    const script = req.url === '/minimal' ? 'minimal.js' : 'widget.js';
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title></head><body><h1>Shop</h1>` +
        `<p>${'Products and prices. '.repeat(50)}</p>` +
        `<script src="${parley.origin}/${script}" data-key="pk_benchbenchbench" async></script></body></html>`,
    );
  });

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  const measure = async (path: string) => {
    const afterLoad: number[] = [];
    const ownWork: number[] = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${host.origin}${path}`);
      await page.waitForFunction(() => performance.getEntriesByName('parley:launcher').length > 0);
      // A string, not a function: tsx would wrap inner functions in a helper the page does not have.
      const t = (await page.evaluate(`(() => {
        const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
        const script = performance.getEntriesByType('resource').find((e) => e.name.endsWith('.js'));
        return { responseEnd: script.responseEnd, script: at('parley:script'), launcher: at('parley:launcher') };
      })()`)) as { responseEnd: number; script: number; launcher: number };
      afterLoad.push(t.launcher - t.responseEnd);
      ownWork.push(t.launcher - t.script);
      await context.close();
    }
    return { afterLoad, ownWork };
  };
  const widget = await measure('/');
  const minimal = await measure('/minimal');
  await browser.close();
  parley.server.close();
  host.server.close();

  console.log(
    `\nBundle (esbuild, minified IIFE): ${fmt(build.sizes.raw / 1000)} kB raw, ${fmt(build.sizes.gzip / 1000)} kB gzip, ` +
      `${fmt(build.sizes.brotli / 1000)} kB brotli; minimal peer ${MINIMAL_WIDGET.length} B`,
  );
  console.log(`Goal: ≤ ${fmt(GZIP_BUDGET_BYTES / 1000)} kB gzip → ${build.sizes.gzip <= GZIP_BUDGET_BYTES ? 'PASS' : 'FAIL'}\n`);
  const row = (name: string, s: { afterLoad: number[]; ownWork: number[] }) => [
    name,
    fmt(percentile(s.afterLoad, 50)),
    fmt(percentile(s.afterLoad, 95)),
    fmt(Math.max(...s.afterLoad)),
    fmt(percentile(s.ownWork, 50)),
    fmt(percentile(s.ownWork, 95)),
  ];
  printTable(
    ['script', 'launcher after load p50 ms', 'p95 ms', 'max ms', 'script start → launcher p50 ms', 'p95 ms'],
    [row('Parley widget', widget), row('minimal async script (peer)', minimal)],
  );
  const p95 = percentile(widget.afterLoad, 95);
  console.log(
    `\n${runs} fresh loads each. Goal: launcher ≤ ${PAINT_GOAL_MS} ms after widget.js loads (p95) → ` +
      `${p95 <= PAINT_GOAL_MS ? 'PASS' : 'FAIL'} (${fmt(p95)} ms; the peer's ${fmt(percentile(minimal.afterLoad, 95))} ms is the browser's share)`,
  );
}

await main();
