#!/usr/bin/env node
// tally's browser test suite. See e2e/README.md; run everything with `bash e2e/run.sh`.
//
//   node suite.mjs --work DIR --site NAME [--site NAME ...]   check built sites
//   node suite.mjs --planted --tally BIN --example SRC         prove the checks catch planted faults
//
// Both can be given at once. For each NAME, DIR/NAME/root is the site built as is (served at
// "/") and DIR/NAME/sub/reports/eng the same site built with --base-url /reports/eng/ (served
// under that sub-path). The last line is `e2e: N passed, M failed`, N and M counting checks.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';
import { chartProbe, fitProbe, narrowProbe, tableProbe, printProbe, printWidthProbe, styleProbe, linksProbe, axeRun, headerProbe } from './probes.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const AXE = fs.readFileSync(path.join(HERE, 'node_modules/axe-core/axe.min.js'), 'utf8');
const SUB = '/reports/eng/';
// The printed page: A4 (the theme's default paper), at most this many pages for the current
// sprint and the home page, and the width of its text in CSS px (210 mm less 12 mm margins).
const PRINT_MAX = { sprint: 4, home: 3 };
const A4_TEXT_PX = Math.floor((210 - 24) / 25.4 * 96);
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'];

// ---------------------------------------------------------------------------------------------
// Arguments

function parseArgs(argv) {
  const a = { sites: [], planted: false, concurrency: 3, artifacts: path.join(HERE, 'artifacts'), pdfSite: 'example', known: path.join(HERE, 'known-issues.json') };
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => { if (i + 1 >= argv.length) usage(`${k} needs a value`); return argv[++i]; };
    if (k === '--work') a.work = v();
    else if (k === '--site') a.sites.push(v());
    else if (k === '--planted') a.planted = true;
    else if (k === '--tally') a.tally = v();
    else if (k === '--example') a.example = v();
    else if (k === '--concurrency') a.concurrency = Number(v());
    else if (k === '--artifacts') a.artifacts = v();
    else if (k === '--pdf-site') a.pdfSite = v();
    else if (k === '--chromium') a.chromium = v();
    else if (k === '--known') a.known = v();
    else if (k === '-h' || k === '--help') usage();
    else usage(`unknown argument ${k}`);
  }
  if (a.sites.length && !a.work) usage('--site needs --work');
  if (a.planted && (!a.tally || !a.example)) usage('--planted needs --tally and --example');
  if (!a.sites.length && !a.planted) usage('nothing to do');
  return a;
}

function usage(msg) {
  if (msg) console.error(`suite: ${msg}`);
  console.error('usage: node suite.mjs [--work DIR --site NAME...] [--planted --tally BIN --example SRC] [--concurrency N]');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Results: every check is one line in the report; failures are printed as they happen.

class Results {
  constructor(known = []) {
    this.passed = 0; this.failed = 0; this.known = 0; this.failures = [];
    this.issues = known.map((k) => ({ ...k, checkRe: new RegExp(k.check), problemRe: new RegExp(k.problem), seen: 0, pages: new Set() }));
  }

  // A failing check whose every problem is a known issue (known-issues.json: needs a change
  // outside e2e/) is counted as known, not failed; any other problem fails it.
  add(scope, list) {
    const site = scope.split(' ')[0];
    for (const c of list) {
      if (c.ok) { this.passed++; continue; }
      let problems = c.problems && c.problems.length ? c.problems : [c.detail];
      for (const k of this.issues) {
        if ((k.sites && !k.sites.includes(site)) || !k.checkRe.test(c.name)) continue;
        const rest = problems.filter((p) => !k.problemRe.test(p));
        if (rest.length < problems.length) { k.seen += problems.length - rest.length; k.pages.add(scope); }
        problems = rest;
      }
      if (!problems.length) { this.known++; continue; }
      this.failed++;
      const line = `FAIL ${scope} :: ${c.name}: ${short(problems, 6)}`;
      this.failures.push(line);
      console.log(line);
    }
  }

  // Known issues that no longer occur on the sites checked must be removed from the list.
  stale(sitesChecked) {
    const out = [];
    for (const k of this.issues) {
      const applies = (k.sites || sitesChecked).some((s) => sitesChecked.includes(s));
      if (applies && k.seen === 0) out.push(check(`known issue "${k.id}" is still seen`, false, 'not seen any more: remove it from e2e/known-issues.json'));
    }
    return out;
  }

  report() {
    for (const k of this.issues.filter((i) => i.seen)) {
      console.log(`KNOWN ${k.id}: ${k.seen} problem(s) on ${k.pages.size} page(s), e.g. ${[...k.pages][0]} — ${k.needs}`);
    }
  }
}

const check = (name, ok, detail = '') => ({ name, ok: Boolean(ok), detail });

// ---------------------------------------------------------------------------------------------
// Helpers

/** Every file under `dir` whose name `keep` accepts: paths relative to `dir`, sorted. */
function filesUnder(dir, keep = () => true) {
  const out = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (keep(e.name)) out.push(path.relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The HTML pages under `dir`, as site paths (with `/`), sorted. */
function htmlPages(dir) {
  return filesUnder(dir, (name) => name.endsWith('.html'))
    .map((p) => p.split(path.sep).join('/'))
    .sort();
}

async function pool(items, n, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, worker));
}

const short = (list, n = 4) => (list.length > n ? list.slice(0, n).concat(`… and ${list.length - n} more`) : list).join(' | ');
const stripHash = (u) => u.split('#')[0];

// Watches a page: console errors, uncaught exceptions, failed requests, HTTP errors, and any
// request that leaves the site (`inside(url)` false). Such requests are also aborted by the
// context's route, so nothing reaches another host. A worker page is reused from task to task:
// reset() empties the lists before each.
function watch(page, inside) {
  const ev = { console: [], errors: [], failed: [], status: [], outside: [] };
  ev.reset = () => { for (const k of ['console', 'errors', 'failed', 'status', 'outside']) ev[k].length = 0; };
  page.on('console', (m) => { if (m.type() === 'error') ev.console.push({ text: m.text().slice(0, 200), url: m.location().url }); });
  page.on('pageerror', (e) => ev.errors.push(String(e).slice(0, 200)));
  page.on('request', (r) => { if (!inside(r.url())) ev.outside.push(r.url()); });
  page.on('requestfailed', (r) => { if (inside(r.url())) ev.failed.push(`${r.url()} (${r.failure()?.errorText})`); });
  page.on('response', (r) => { if (r.status() >= 400 && !r.request().isNavigationRequest()) ev.status.push(`${r.status()} ${r.url()}`); });
  return ev;
}

// `expected404`: the address of a page that is meant to answer 404 (Chromium logs that as a
// console error for the document itself).
function watchChecks(ev, { expected404 } = {}) {
  const consoleErrors = ev.console
    .filter((c) => !(expected404 && c.url === expected404 && /status of 404/.test(c.text)))
    .map((c) => c.text);
  return [
    check('no console errors', consoleErrors.length === 0 && ev.errors.length === 0, short([...consoleErrors, ...ev.errors])),
    check('no failed requests', ev.failed.length === 0 && ev.status.length === 0, short([...ev.failed, ...ev.status])),
    check('no request outside the site', ev.outside.length === 0, short(ev.outside)),
  ];
}

// Runs fn(worker, item) over items with `n` reused pages of one context. A page whose task
// threw is replaced, so one bad page cannot spoil the next.
async function phase(ctx, inside, items, n, fn, label = '') {
  const t0 = Date.now();
  const make = async () => { const page = await ctx.newPage(); return { page, ev: watch(page, inside) }; };
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    let w = await make();
    while (next < items.length) {
      const item = items[next++];
      w.ev.reset();
      if (!(await fn(w, item))) { await w.page.close().catch(() => {}); w = await make(); }
    }
    await w.page.close().catch(() => {});
  }));
  if (label) console.log(`  ${label}: ${items.length} pages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

async function newContext(browser, inside, opts = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...opts });
  // Abort anything that would leave the site (other hosts, other folders of this host).
  await ctx.route((url) => !inside(url.href), (route) => route.abort('blockedbyclient'));
  return ctx;
}

const insideHttp = (base) => (u) => u.startsWith(base) || u.startsWith('data:') || u === 'about:blank';
const insideFile = (dir) => (u) => u.startsWith(pathToFileURL(dir).href + '/') || u.startsWith('data:') || u === 'about:blank';

function axeSummary(violations) {
  return violations.map((v) => `${v.id} (${v.impact}, ${v.count}x: ${v.help}) e.g. ${v.nodes.map((n) => `${n.target} ${n.summary}`).join(' ; ')}`).join(' || ');
}

// ---------------------------------------------------------------------------------------------
// The full check of one page, served at the site's root: loads, console, requests, charts,
// axe (light and dark, with every <details> opened), 390 px width, print media. Returns the
// checks and the page's links and ids (for the link and anchor checks).

// axe runs four times on a page (1280 and 390 px, light and dark). `axeAt` names the
// combinations to run, as "1280:light" ...; by default all four.
const AXE_ROTATE_OVER = 40;
const AXE_ALL = ['1280:light', '1280:dark', '390:light', '390:dark'];

async function fullCheck(w, url, axeAt = AXE_ALL) {
  const { page, ev } = w;
  const out = [];
  let links = { links: [], ids: [] };
  let fine = true;
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
    const resp = await page.goto(url, { waitUntil: 'load' });
    out.push(check('loads with 200', resp && resp.status() === 200, resp ? `status ${resp.status()}` : 'no response'));
    links = await page.evaluate(linksProbe);
    out.push(...await headerChecks(page));

    // At 1280 px, then at 390 px, light and dark: each chart shows one form that fits its box,
    // with text inside the svg and at 11 px or more; nothing in main scrolls sideways; axe finds
    // nothing (with every <details> open, so the tables behind the charts count too).
    // The widths are those `axeAt` names: a rotated past sprint page is checked at one.
    const sizes = [[1280, 900], [390, 844]].filter(([width]) => axeAt.some((a) => a.startsWith(`${width}:`)));
    for (const [width, height] of sizes) {
      await page.setViewportSize({ width, height });
      await page.emulateMedia({ colorScheme: 'light' });
      for (const scheme of ['light', 'dark']) {
        await page.emulateMedia({ colorScheme: scheme });
        const charts = await page.evaluate(chartProbe);
        const chartProblems = charts.flatMap((c) => c.problems.map((p) => `${c.id}: ${p}`));
        out.push({ ...check(`${width}px ${scheme}: charts show one form, text inside the svg and at least 11 px`, chartProblems.length === 0, short(chartProblems, 6)), problems: chartProblems });
      }
      await page.emulateMedia({ colorScheme: 'light' });
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
      if (width === 390) {
        const narrow = await page.evaluate(narrowProbe);
        out.push(check('390px: no sideways scroll', narrow.scrollWidth <= narrow.clientWidth,
          `scrollWidth ${narrow.scrollWidth} > clientWidth ${narrow.clientWidth}: ${short(narrow.offenders, 6)}`));
      }
      const fit = await page.evaluate(fitProbe);
      out.push({ ...check(`${width}px: every chart and figure fits its box, nothing in main scrolls`, fit.overflowing.length === 0, short(fit.overflowing, 6)), problems: fit.overflowing });
      const tables = await page.evaluate(tableProbe);
      out.push({ ...check(`${width}px: every table fits its box`, tables.overflowing.length === 0, short(tables.overflowing, 6)), problems: tables.overflowing });
      // axe itself is added to every page of the context by an init script.
      for (const scheme of ['light', 'dark']) {
        if (!axeAt.includes(`${width}:${scheme}`)) continue;
        await page.emulateMedia({ colorScheme: scheme });
        const found = await page.evaluate(axeRun);
        out.push({ ...check(`${width}px: axe wcag2a/aa, ${scheme}`, found.length === 0, axeSummary(found)), problems: found.map((v) => axeSummary([v])) });
      }
      // Close the <details> again for the next width, as a reader finds the page.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = false; }));
    }
    await page.emulateMedia({ colorScheme: 'light' });

    await page.emulateMedia({ media: 'print' });
    const print = await page.evaluate(printProbe);
    out.push(check('print: navigation chrome hidden', print.shown.length === 0, short(print.shown)));
    out.push(check('print: charts avoid page breaks', print.breaking.length === 0, short(print.breaking)));
    // As wide as an A4 page's text (210 mm less 2 × 12 mm of margin, at 96 px per inch).
    await page.setViewportSize({ width: A4_TEXT_PX, height: 1000 });
    const paper = await page.evaluate(printWidthProbe);
    out.push({ ...check('print: nothing wider than the page', paper.offenders.length === 0 && paper.scrollWidth <= paper.width,
      `scrollWidth ${paper.scrollWidth}, page ${paper.width}: ${short(paper.offenders, 6)}`), problems: paper.offenders });
  } catch (e) {
    out.push(check('page check ran', false, String(e).split('\n')[0]));
    fine = false;
  }
  out.push(...watchChecks(ev));
  return { checks: out, links, fine };
}

// The header, at 390 px and 1280 px (before any <details> is opened): at most 120 px tall on a
// phone, the search box's placeholder shown whole and the box labelled; on a laptop the main
// navigation in one row with search at its end.
async function headerChecks(page) {
  const out = [];
  await page.setViewportSize({ width: 390, height: 844 });
  const narrow = await page.evaluate(headerProbe);
  await page.setViewportSize({ width: 1280, height: 900 });
  const wide = await page.evaluate(headerProbe);
  if (!narrow || !wide) return [check('header: the page has a header', false, 'no header.site-header')];
  out.push(check('header: 390px: at most 120 px tall', narrow.height <= 120, `${narrow.height} px`));
  for (const [w, h] of [['390px', narrow], ['1280px', wide]]) {
    if (!h.search) continue; // the not-found page has no search
    out.push(check(`header: ${w}: the search placeholder shows whole and the box has a label`, h.search.needs <= h.search.room && h.search.label.length > 0,
      `"${h.search.placeholder}" needs ${h.search.needs} px, room ${h.search.room} px; label "${h.search.label}"`));
  }
  const tops = [...new Set(wide.items.map((i) => i.top))];
  out.push(check('header: 1280px: the main navigation is one row', wide.items.length > 0 && tops.length === 1,
    `rows at ${tops.join(', ')}: ${short(wide.items.map((i) => `${i.text}@${i.top}`), 12)}`));
  if (wide.search) {
    const s = wide.search; const row = wide.items[0] || { top: 0, bottom: 0 };
    const lastRight = Math.max(...wide.items.map((i) => i.right));
    out.push(check('header: 1280px: search sits at the end of the navigation row', s.left >= lastRight && s.top < row.bottom && s.bottom > row.top,
      `search ${s.left}-${s.right} x ${s.top}-${s.bottom}; row ${row.top}-${row.bottom}, last entry ends at ${lastRight}`));
  }
  return out;
}

// A lighter check for the other ways of opening a page (sub-path, file://): it loads, the
// stylesheet applies, no console error, no failed or outside request.
async function loadCheck(w, url) {
  const { page, ev } = w;
  const out = [];
  let links = { links: [], ids: [] };
  let fine = true;
  try {
    const resp = await page.goto(url, { waitUntil: 'load' });
    if (!url.startsWith('file:')) out.push(check('loads with 200', resp && resp.status() === 200, resp ? `status ${resp.status()}` : 'no response'));
    const st = await page.evaluate(styleProbe);
    // (From file:// the rules of a stylesheet cannot be read, so the test is what they do.)
    // The not-found page is served at any depth, so it carries the style sheet inline.
    const inline = url.endsWith('/404.html');
    const sheet = st.sheets.find((s) => (inline ? s.href === null : s.href && s.href.endsWith('/style.css')));
    out.push(check('stylesheet applied', sheet && sheet.rules !== 0 && st.margin === '0px' && /system-ui/.test(st.fontFamily),
      `sheets ${JSON.stringify(st.sheets)}, body margin ${st.margin}, font ${st.fontFamily}`));
    links = await page.evaluate(linksProbe);
  } catch (e) {
    out.push(check('page check ran', false, String(e).split('\n')[0]));
    fine = false;
  }
  out.push(...watchChecks(ev));
  return { checks: out, links, fine };
}

// ---------------------------------------------------------------------------------------------
// One site

async function checkSite(browser, results, args, name) {
  const t0 = Date.now();
  const rootDir = path.join(args.work, name, 'root');
  const subDir = path.join(args.work, name, 'sub', 'reports', 'eng');
  const pages = htmlPages(rootDir);
  const rootSrv = await serve(rootDir, '/');
  const subSrv = await serve(subDir, SUB);
  const rootIn = insideHttp(rootSrv.base);
  const subIn = insideHttp(subSrv.base);
  const fileIn = insideFile(rootDir);
  const ctxRoot = await newContext(browser, rootIn);
  await ctxRoot.addInitScript({ content: AXE });
  const ctxSub = await newContext(browser, subIn);
  const ctxFile = await newContext(browser, fileIn);
  const accounts = JSON.parse(fs.readFileSync(path.join(rootDir, 'data/accounts.json'), 'utf8'));
  const sprintPage = `sprints/${accounts.current_sprint}/index.html`;
  console.log(`${name}: ${pages.length} pages, current sprint ${accounts.current_sprint}; root ${rootSrv.base}, sub-path ${subSrv.base}`);

  // The sub-path build must differ from the root build only where --base-url is documented to
  // matter (404.html, atom.xml, sitemap.xml): every other page links relatively.
  {
    const a = filesUnder(rootDir); const b = filesUnder(subDir);
    const differ = a.filter((f) => b.includes(f) && !fs.readFileSync(path.join(rootDir, f)).equals(fs.readFileSync(path.join(subDir, f))));
    // .tally-pages is tally's bookkeeping, not the site: its fingerprints cover the pages'
    // values, --base-url among them.
    const unexpected = differ.filter((f) => !['404.html', 'atom.xml', 'sitemap.xml', '.tally-pages'].includes(f));
    const missing = a.filter((f) => !b.includes(f)).concat(b.filter((f) => !a.includes(f)));
    results.add(`${name}`, [check('sub-path build differs only in 404.html, atom.xml, sitemap.xml',
      unexpected.length === 0 && missing.length === 0, `differ: ${short(unexpected)}; only in one: ${short(missing)}`)]);
  }

  const linkSets = { root: new Map(), sub: new Map() }; // url -> first page that links to it
  const ids = { root: new Map(), sub: new Map() }; // page url (no hash) -> Set of ids
  const addLinks = (kind, pageUrl, l) => {
    ids[kind].set(pageUrl, new Set(l.ids));
    for (const u of l.links) if (!linkSets[kind].has(u)) linkSets[kind].set(u, pageUrl);
  };

  // On a site with hundreds of sprint pages (hard-many: 300), the sprint pages other than the
  // current one share one template and differ only in their numbers: each of them is checked
  // (charts, fit, tables, axe) at one of the four widths and schemes in turn (every combination
  // on 75 of them), so that CI stays within its time; every other page gets all four. The header
  // and print checks run everywhere.
  const sprintPages = pages.filter((rel) => /^sprints\/[^/]+\/index\.html$/.test(rel) && rel !== sprintPage);
  const rotate = sprintPages.length > AXE_ROTATE_OVER;
  const axePlan = (rel) => {
    const i = rotate ? sprintPages.indexOf(rel) : -1;
    return i < 0 ? AXE_ALL : [AXE_ALL[i % AXE_ALL.length]];
  };
  if (rotate) console.log(`${name}: axe at one width and scheme in turn on ${sprintPages.length} past sprint pages, at all four elsewhere`);
  await phase(ctxRoot, rootIn, pages, args.concurrency, async (w, rel) => {
    const r = await fullCheck(w, rootSrv.base + rel, axePlan(rel));
    results.add(`${name} ${rel}`, r.checks);
    addLinks('root', rootSrv.base + rel, r.links);
    return r.fine;
  }, `${name} full checks at /`);
  await phase(ctxSub, subIn, pages, args.concurrency, async (w, rel) => {
    const r = await loadCheck(w, subSrv.base + rel);
    results.add(`${name} ${SUB}${rel}`, r.checks.map((c) => ({ ...c, name: `sub-path: ${c.name}` })));
    addLinks('sub', subSrv.base + rel, r.links);
    return r.fine;
  }, `${name} loads under ${SUB}`);
  // 404.html links absolutely by design (base_url): it is for servers, not for file://.
  await phase(ctxFile, fileIn, pages.filter((rel) => rel !== '404.html'), args.concurrency, async (w, rel) => {
    const r = await loadCheck(w, pathToFileURL(path.join(rootDir, rel)).href);
    // Every link to a file of the site must name a file that exists (not a folder: file:// has
    // no index.html).
    const broken = [];
    for (const u of new Set(r.links.links.map(stripHash))) {
      if (!u.startsWith('file:')) continue;
      let ok = false;
      try { ok = fs.statSync(fileURLToPath(u)).isFile(); } catch { ok = false; }
      if (!ok) broken.push(u.replace(pathToFileURL(rootDir).href, ''));
    }
    r.checks.push(check('links name existing files', broken.length === 0, short(broken)));
    results.add(`${name} file://${rel}`, r.checks.map((c) => ({ ...c, name: `file://: ${c.name}` })));
    return r.fine;
  }, `${name} loads from file://`);

  // Every internal link of every page answers 200 (and an anchor exists on its page); on the
  // sub-path, no link leaves /reports/eng/.
  for (const [kind, base] of [['root', rootSrv.base], ['sub', subSrv.base]]) {
    const broken = []; const leaving = []; const anchors = [];
    const urls = [...linkSets[kind].keys()];
    const status = new Map();
    await pool([...new Set(urls.map(stripHash))].filter((u) => u.startsWith(base)), 8, async (u) => {
      try {
        const r = await fetch(u, { redirect: 'follow' });
        status.set(u, r.status);
        await r.arrayBuffer();
      } catch (e) { status.set(u, String(e)); }
    });
    for (const u of urls) {
      const from = linkSets[kind].get(u).replace(base, '');
      const { origin } = new URL(base);
      if (!u.startsWith(base)) {
        if (u.startsWith(origin)) leaving.push(`${u} (from ${from})`);
        continue; // other hosts are links, not requests: not followed
      }
      const s = status.get(stripHash(u));
      if (s !== 200) { broken.push(`${u.replace(base, '')} → ${s} (from ${from})`); continue; }
      const hash = u.includes('#') ? decodeURIComponent(u.slice(u.indexOf('#') + 1)) : '';
      const target = ids[kind].get(stripHash(u));
      if (hash && target && !target.has(hash)) anchors.push(`${u.replace(base, '')} (from ${from})`);
    }
    const label = kind === 'root' ? 'root' : 'sub-path';
    results.add(`${name} ${label}`, [
      check(`${label}: every internal link answers 200 (${status.size} addresses)`, broken.length === 0, short(broken, 6)),
      check(`${label}: every #anchor exists on its page`, anchors.length === 0, short(anchors, 6)),
      check(`${label}: no link leaves the site's folder`, leaving.length === 0, short(leaving, 6)),
    ]);
  }

  // Follow, in the browser, every internal link on the home page and the current sprint's page
  // under the sub-path.
  for (const rel of ['index.html', sprintPage]) {
    const page = await ctxSub.newPage();
    const out = [];
    try {
      await page.goto(subSrv.base + rel);
      const hrefs = [...new Set((await page.evaluate(linksProbe)).links.map(stripHash))].filter((u) => u.startsWith(subSrv.base));
      const bad = [];
      for (const u of hrefs) {
        if (u.endsWith('.html')) {
          const r = await page.goto(u);
          if (!r || r.status() !== 200) bad.push(`${u} → ${r && r.status()}`);
        } else {
          const r = await ctxSub.request.get(u);
          if (r.status() !== 200) bad.push(`${u} → ${r.status()}`);
        }
      }
      out.push(check(`sub-path: following the ${hrefs.length} internal links of ${rel} gives 200`, bad.length === 0 && hrefs.length > 0, short(bad)));
    } catch (e) { out.push(check(`sub-path: following the links of ${rel}`, false, String(e).split('\n')[0])); }
    await page.close();
    results.add(`${name} ${SUB}${rel}`, out);
  }

  // Unknown addresses, at any depth, get the 404 page, styled, with nothing loaded from outside.
  for (const [label, ctx, srv, inside] of [['root', ctxRoot, rootSrv, rootIn], ['sub-path', ctxSub, subSrv, subIn]]) {
    const page = await ctx.newPage();
    const ev = watch(page, inside);
    const out = [];
    const missing = srv.base + 'no/such/page/at/depth/';
    try {
      const r = await page.goto(missing);
      const st = await page.evaluate(styleProbe);
      const h1 = await page.locator('h1').first().textContent();
      out.push(check(`${label}: unknown address gives the styled 404 page`, r.status() === 404 && st.margin === '0px' && /not exist/i.test(h1),
        `status ${r.status()}, body margin ${st.margin}, h1 ${h1}`));
      const link = page.locator('main a').first();
      await link.click();
      await page.waitForLoadState('load');
      out.push(check(`${label}: the 404 page's first link works`, page.url().startsWith(srv.base), page.url()));
    } catch (e) { out.push(check(`${label}: 404 page`, false, String(e).split('\n')[0])); }
    await page.close();
    out.push(...watchChecks(ev, { expected404: missing }).map((c) => ({ ...c, name: `${label} 404: ${c.name}` })));
    results.add(`${name} 404`, out);
  }

  // file://: the home page is styled and a relative link navigates.
  {
    const page = await ctxFile.newPage();
    const ev = watch(page, fileIn);
    const out = [];
    try {
      await page.goto(pathToFileURL(path.join(rootDir, 'index.html')).href);
      const st = await page.evaluate(styleProbe);
      const blank = await browser.newPage();
      await blank.setContent('<p>x</p>');
      const dflt = await blank.evaluate(styleProbe);
      await blank.close();
      out.push(check('file://: the stylesheet applies (body font and colour differ from the defaults)',
        st.fontFamily !== dflt.fontFamily && st.margin !== dflt.margin, `styled ${st.fontFamily} ${st.color} / default ${dflt.fontFamily} ${dflt.color}`));
      await page.locator('main a[href="sprints/index.html"]').first().click();
      await page.waitForLoadState('load');
      const want = pathToFileURL(path.join(rootDir, 'sprints/index.html')).href;
      const h1 = await page.locator('h1').first().textContent();
      out.push(check('file://: a relative link navigates', page.url() === want && h1.trim().length > 0, `${page.url()} h1 "${h1}"`));
    } catch (e) { out.push(check('file://: home page', false, String(e).split('\n')[0])); }
    await page.close();
    out.push(...watchChecks(ev).map((c) => ({ ...c, name: `file:// navigation: ${c.name}` })));
    results.add(`${name} file://index.html`, out);
  }

  // Search: with JavaScript, "monolith" finds the glossary term and a system (over HTTP and
  // from file://); without it, the search form stays hidden.
  for (const [label, ctx, url, inside] of [
    ['http', ctxRoot, rootSrv.base + 'index.html', rootIn],
    ['file://', ctxFile, pathToFileURL(path.join(rootDir, 'index.html')).href, fileIn],
  ]) {
    const page = await ctx.newPage();
    const ev = watch(page, inside);
    const out = [];
    try {
      await page.goto(url);
      out.push(check(`search (${label}): the form shows with JavaScript`, await page.locator('form.search').isVisible()));
      await page.locator('input#search-box').pressSequentially('monolith', { delay: 10 });
      await page.locator('ul.search-results li').first().waitFor({ timeout: 5000 });
      const items = await page.locator('ul.search-results li').evaluateAll((lis) => lis.map((li) => ({
        title: li.querySelector('a')?.textContent || '', kind: li.querySelector('.kind')?.textContent.trim() || '', href: li.querySelector('a')?.href,
      })));
      const term = items.find((i) => /glossary/i.test(i.kind) && /monolith/i.test(i.title));
      const system = items.find((i) => /system/i.test(i.kind));
      out.push(check(`search (${label}): "monolith" finds the glossary term and a system`, term && system,
        items.map((i) => `${i.title} [${i.kind}]`).join('; ')));
      if (term) {
        const r = label === 'http' ? (await ctx.request.get(stripHash(term.href))).status() : (fs.existsSync(fileURLToPath(stripHash(term.href))) ? 200 : 404);
        out.push(check(`search (${label}): the result's link resolves`, r === 200, `${term.href} → ${r}`));
      }
    } catch (e) { out.push(check(`search (${label})`, false, String(e).split('\n')[0])); }
    await page.close();
    out.push(...watchChecks(ev).map((c) => ({ ...c, name: `search (${label}): ${c.name}` })));
    results.add(`${name} index.html`, out);
  }
  {
    const ctx = await newContext(browser, rootIn, { javaScriptEnabled: false });
    const page = await ctx.newPage();
    const out = [];
    try {
      await page.goto(rootSrv.base + 'index.html');
      const form = page.locator('form.search');
      const hidden = await form.evaluate((f) => f.hasAttribute('hidden'));
      out.push(check('no JavaScript: the search form has the hidden attribute and is not visible', hidden && !(await form.isVisible())));
    } catch (e) { out.push(check('no JavaScript: search form', false, String(e).split('\n')[0])); }
    await ctx.close();
    results.add(`${name} index.html`, out);
  }

  // Print: the current sprint's page and the home page as PDFs on the paper their own @page asks
  // for (A4 here), with Chromium's own header and footer off, as a reader's "Save as PDF" would.
  for (const [kind, rel] of [['sprint', sprintPage], ['home', 'index.html']]) {
    const page = await ctxRoot.newPage();
    const out = [];
    try {
      const file = path.join(args.artifacts, name === args.pdfSite ? `${kind}.pdf` : `${name}-${kind}.pdf`);
      const got = await printPdf(page, rootSrv.base + rel, file);
      out.push(check(`print: ${path.relative(process.cwd(), file)} is A4`, got.a4, `page size ${got.size}`));
      out.push(check(`print: ${path.relative(process.cwd(), file)} has 1 to ${PRINT_MAX[kind]} pages`, got.count >= 1 && got.count <= PRINT_MAX[kind], `${got.count} pages`));
      console.log(`${name}: ${rel} prints on ${got.count} pages of ${got.size} pt (${file})`);
    } catch (e) { out.push(check('print: PDF', false, String(e).split('\n')[0])); }
    await page.close();
    results.add(`${name} ${rel}`, out);
  }

  // Briefs: each for/<audience>/ page prints on exactly one A4 page.
  const forDir = path.join(rootDir, 'for');
  const briefs = fs.existsSync(forDir) ? fs.readdirSync(forDir).filter((d) => fs.existsSync(path.join(forDir, d, 'index.html'))).sort() : [];
  for (const audience of briefs) {
    const rel = `for/${audience}/index.html`;
    const page = await ctxRoot.newPage();
    const out = [];
    try {
      const file = path.join(args.artifacts, name === args.pdfSite ? `brief-${audience}.pdf` : `${name}-brief-${audience}.pdf`);
      const got = await printPdf(page, rootSrv.base + rel, file);
      out.push(check(`print: the ${audience} brief is A4`, got.a4, `page size ${got.size}`));
      out.push(check(`print: the ${audience} brief prints on exactly 1 page`, got.count === 1, `${got.count} pages`));
      console.log(`${name}: ${rel} prints on ${got.count} pages of ${got.size} pt (${file})`);
    } catch (e) { out.push(check(`print: the ${audience} brief`, false, String(e).split('\n')[0])); }
    await page.close();
    results.add(`${name} ${rel}`, out);
  }

  await ctxRoot.close(); await ctxSub.close(); await ctxFile.close();
  await rootSrv.close(); await subSrv.close();
  console.log(`${name}: done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

// Prints `url` to `file` as the page's own @page asks (paper size and margins): its page count
// and whether its pages are A4 (595 × 842 pt, to a point).
async function printPdf(page, url, file) {
  await page.goto(url);
  await page.emulateMedia({ media: 'print' });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const pdf = await page.pdf({ path: file, preferCSSPageSize: true, displayHeaderFooter: false, printBackground: true });
  const text = pdf.toString('latin1');
  const count = (text.match(/\/Type\s*\/Page(?![s\w])/g) || []).length;
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]/g)].map((m) => [Number(m[1]), Number(m[2])]);
  const a4 = boxes.length > 0 && boxes.every(([w, h]) => Math.abs(w - 595.3) < 1.5 && Math.abs(h - 841.9) < 1.5);
  const size = boxes.length ? `${boxes[0][0]} × ${boxes[0][1]}` : 'unknown';
  return { count, a4, size };
}

// ---------------------------------------------------------------------------------------------
// Planted mode: a copy of the example site with one fault of each kind on its own page, and a
// clean control page. Each fault must be caught by its check, and the control must stay clean.

const PLANTS = {
  img: { page: 'glossary/index.html', html: '<p><img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="></p>' },
  link: { page: 'guides/index.html', html: '<p><a href="../no-such-page/index.html">A planted broken link</a></p>' },
  console: { page: 'teams/index.html', html: '<script>console.error("planted console error");</script>' },
  // The search box pushed onto its own row under the navigation, as the header once was.
  header: { page: 'systems/index.html', html: '<style>.site-bar { flex-direction: column; align-items: stretch; }</style>' },
  // A wide table in its scroll box, as tables used to be shown: the page itself does not
  // scroll sideways, but the table hides most of its columns.
  // Two charts as charts used to be on a phone: one wide svg in a scroll box (its newest
  // sprints hidden to the right, the box not focusable), and one shrunk to the width of the
  // screen with its text at 6 px.
  chart: {
    page: 'capitalization/index.html',
    html: '<figure class="chart" id="planted-wide-chart"><div class="chart-svg" style="overflow-x: auto"><svg role="img" aria-label="Planted wide chart" viewBox="0 0 720 100" style="min-width: 1400px"><text x="10" y="50" font-size="12">planted-wide-chart</text></svg></div></figure>' +
      '<figure class="chart" id="planted-small-text"><div class="chart-svg"><svg role="img" aria-label="Planted small text" viewBox="0 0 720 100" style="width: 100%"><text x="10" y="50" font-size="12">planted-small-text</text></svg></div></figure>',
  },
  table: {
    page: 'dependencies/index.html',
    html: '<div class="table-wrap" role="region" aria-label="Planted wide table" tabindex="0"><table><tr>' +
      Array.from({ length: 30 }, (_, i) => `<td style="white-space: nowrap">planted-very-wide-cell-number-${i}</td>`).join('') + '</tr></table></div>',
  },
  // A block wider than an A4 page, in print only (the screen is untouched).
  printwide: {
    page: 'initiatives/index.html',
    html: '<style>@media print { .planted-print-wide { width: 250mm; } }</style><p class="planted-print-wide">planted print-wide block</p>',
  },
};
// Every chart and section heading of the current sprint's page on a page of its own: far more
// than 4 pages.
const PLANTED_LONG_PRINT = '<style>@media print { main h2, figure.chart { break-before: page; } }</style>';

async function planted(browser, results, args) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tally-planted-'));
  const dir = path.join(tmp, 'site');
  execFileSync(args.tally, ['build', '--root', args.example, '--output-dir', dir], { stdio: 'pipe' });
  const srv = await serve(dir, '/');
  const inside = insideHttp(srv.base);
  const ctx = await newContext(browser, inside);
  await ctx.addInitScript({ content: AXE });
  const targets = Object.values(PLANTS).map((p) => p.page);
  const run = async () => {
    const got = {};
    await phase(ctx, inside, targets, args.concurrency, async (w, rel) => {
      got[rel] = await fullCheck(w, srv.base + rel);
      return got[rel].fine;
    });
    return got;
  };
  // The same pages before and after planting: each fault must make its own check fail, and no
  // other check may change (so the checks are specific, and not failing for another reason).
  const before = await run();
  for (const p of Object.values(PLANTS)) {
    const file = path.join(dir, p.page);
    const html = fs.readFileSync(file, 'utf8');
    if (!html.includes('<main id="main" class="wrap">')) throw new Error(`cannot plant into ${p.page}`);
    fs.writeFileSync(file, html.replace('<main id="main" class="wrap">', `<main id="main" class="wrap">\n${p.html}`));
  }
  const after = await run();
  const failsWith = (got, rel, name, pattern) => got[rel].checks.some((c) => c.name === name && !c.ok && pattern.test(c.detail));
  const detail = (rel, name) => (after[rel].checks.find((c) => c.name === name) || { detail: '(no such check)' }).detail || '(passed)';

  // The broken link: the link check (every internal link answers 200) over the planted page's links.
  const linkStatus = async (got) => {
    const target = new URL('../no-such-page/index.html', srv.base + PLANTS.link.page).href;
    if (!got[PLANTS.link.page].links.links.includes(target)) return 'not linked';
    return (await fetch(target)).status;
  };
  const [linkBefore, linkAfter] = [await linkStatus(before), await linkStatus(after)];

  const detections = [
    ['<img> without alt is caught by axe (image-alt), light', PLANTS.img.page, '1280px: axe wcag2a/aa, light', /image-alt/],
    ['<img> without alt is caught by axe (image-alt), dark', PLANTS.img.page, '1280px: axe wcag2a/aa, dark', /image-alt/],
    ['a chart in a scroll box is caught by the fit check at 1280px', PLANTS.chart.page, '1280px: every chart and figure fits its box, nothing in main scrolls', /planted-wide-chart.*px of content/],
    ['a chart in a scroll box is caught by the fit check at 390px', PLANTS.chart.page, '390px: every chart and figure fits its box, nothing in main scrolls', /planted-wide-chart.*px of content/],
    ['a chart in a scroll box is caught by axe (scrollable-region-focusable) at 390px', PLANTS.chart.page, '390px: axe wcag2a/aa, light', /scrollable-region-focusable/],
    ['a chart with shrunken text is caught by the text size check at 390px', PLANTS.chart.page, '390px light: charts show one form, text inside the svg and at least 11 px', /planted-small-text.*under 11 px/],
    ['a chart with shrunken text is caught by the text size check at 390px, dark', PLANTS.chart.page, '390px dark: charts show one form, text inside the svg and at least 11 px', /planted-small-text.*under 11 px/],
    ['console.error is caught by the console check', PLANTS.console.page, 'no console errors', /planted console error/],
    ['a table that scrolls in its box is caught by the table check at 1280px', PLANTS.table.page, '1280px: every table fits its box', /planted-very-wide-cell.*scrolls/],
    ['a table that scrolls in its box is caught by the table check at 390px', PLANTS.table.page, '390px: every table fits its box', /planted-very-wide-cell.*scrolls/],
    ['a header with search on its own row is caught at 390px (height)', PLANTS.header.page, 'header: 390px: at most 120 px tall', /px/],
    ['a header with search on its own row is caught at 1280px (search at the end of the row)', PLANTS.header.page, 'header: 1280px: search sits at the end of the navigation row', /search/],
    ['a block wider than the page in print is caught by the print width check', PLANTS.printwide.page, 'print: nothing wider than the page', /planted print-wide block/],
  ];
  const out = detections.map(([label, rel, name, pattern]) => check(`planted: ${label}`,
    failsWith(after, rel, name, pattern) && !failsWith(before, rel, name, pattern),
    `before planting: ${failsWith(before, rel, name, pattern) ? 'already failing' : 'passing'}; after: ${detail(rel, name)}`));
  out.push(check('planted: broken internal link is caught by the link check (404)', linkAfter === 404 && linkBefore === 'not linked',
    `before: ${linkBefore}; after: ${linkAfter}`));
  const expectedToChange = { img: /axe/, link: /^$/, console: /^no console errors$/, table: /^((1280|390)px: every table fits its box|print: nothing wider than the page)$/, header: /^header:/, chart: /(axe|charts show one form|every chart and figure fits|print: nothing wider than the page)/, printwide: /^print: nothing wider than the page$/ };
  for (const [kind, p] of Object.entries(PLANTS)) {
    const was = new Map(before[p.page].checks.map((c) => [c.name, c.ok]));
    const changed = after[p.page].checks.filter((c) => was.get(c.name) !== c.ok && !expectedToChange[kind].test(c.name));
    out.push(check(`planted: the ${kind} fault changes no unrelated check on ${p.page}`, changed.length === 0,
      short(changed.map((c) => `${c.name}: ${c.detail}`))));
  }
  // The page count: the current sprint prints within its budget, and no longer once every
  // chart and heading starts a page.
  {
    const accounts = JSON.parse(fs.readFileSync(path.join(dir, 'data/accounts.json'), 'utf8'));
    const rel = `sprints/${accounts.current_sprint}/index.html`;
    const page = await ctx.newPage();
    try {
      const clean = await printPdf(page, srv.base + rel, path.join(tmp, 'clean.pdf'));
      const file = path.join(dir, rel);
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('<main id="main" class="wrap">', `<main id="main" class="wrap">\n${PLANTED_LONG_PRINT}`));
      const long = await printPdf(page, srv.base + rel, path.join(tmp, 'long.pdf'));
      out.push(check(`planted: a sprint page printing on more than ${PRINT_MAX.sprint} pages is caught by the page count`,
        clean.count <= PRINT_MAX.sprint && long.count > PRINT_MAX.sprint, `before planting: ${clean.count} pages; after: ${long.count}`));
    } catch (e) { out.push(check('planted: the page count', false, String(e).split('\n')[0])); }
    await page.close();
  }
  for (const c of out.filter((x) => x.ok)) console.log(`ok   ${c.name}`);
  results.add('planted', out); // prints the failures
  await ctx.close();
  await srv.close();
  fs.rmSync(tmp, { recursive: true, force: true });
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const t0 = Date.now();
  const known = JSON.parse(fs.readFileSync(args.known, 'utf8')).issues;
  const results = new Results(known);
  // A watchdog: a hung page must not hang CI.
  const limit = Number(process.env.E2E_TIMEOUT_S || 2400);
  setTimeout(() => {
    results.add('suite', [check(`suite finished within ${limit} s`, false, 'timed out')]);
    console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
    process.exit(1);
  }, limit * 1000).unref();
  let browser;
  try {
    // The default launch runs on a fresh temporary profile, removed when the browser closes.
    browser = await chromium.launch({
      executablePath: args.chromium || process.env.CHROMIUM || '/usr/bin/chromium',
      args: CHROMIUM_ARGS,
    });
    for (const name of args.sites) await checkSite(browser, results, args, name);
    if (args.planted) await planted(browser, results, args);
    if (args.sites.length) results.add('suite', results.stale(args.sites));
  } catch (e) {
    results.add('suite', [check('suite ran to the end', false, e.stack || String(e))]);
  } finally {
    if (browser) await browser.close().catch(() => {});
  }
  fs.mkdirSync(args.artifacts, { recursive: true });
  fs.writeFileSync(path.join(args.artifacts, 'failures.txt'), results.failures.join('\n') + (results.failures.length ? '\n' : ''));
  const total = process.env.E2E_STARTED ? `, ${Math.round(Date.now() / 1000 - Number(process.env.E2E_STARTED))} s in all` : '';
  console.log(`(${((Date.now() - t0) / 1000).toFixed(1)} s in the browser${total})`);
  results.report();
  if (results.known) console.log(`${results.known} check(s) fail only on known issues listed in e2e/known-issues.json (not counted below)`);
  console.log(`e2e: ${results.passed} passed, ${results.failed} failed`);
  process.exit(results.failed ? 1 : 0);
}

main();
