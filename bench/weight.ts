/**
 * Page weight: what a citizen's browser downloads on a first visit, against the budgets.
 *
 *   npx tsx bench/weight.ts
 *
 * Starts Valuta on an in-memory database with the demo services, then over real HTTP requests:
 * the hosted questionnaire of one demo service per questionnaire family, with every stylesheet,
 * script, preloaded font and font its CSS references; and the widget script with what it loads.
 * Prints raw and gzip bytes per resource and the totals against the budgets (50 KB gzip for a
 * hosted page, 12 KB gzip for the widget). Exits 1 when a budget is exceeded. See bench/README.md.
 */
import { request } from 'node:http';
import { gunzipSync, gzipSync } from 'node:zlib';
import { loadConfig } from '../src/config.js';
import { seedDemo } from '../src/demo/seed.js';
import { createValuta } from '../src/main.js';

const HOSTED_BUDGET = 51_200;
const WIDGET_BUDGET = 12_288;

/** One demo service per questionnaire family. */
const FAMILIES = [
  ['cx-dispositivo', 'inps-hub-prestazioni'],
  ['cx-consultazione', 'inps-cruscotto-cig'],
  ['di-valutazione-servizio', 'bologna-permesso-ztl'],
  ['di-chiarezza-pagina', 'bologna-carta-identita'],
] as const;

interface Fetched {
  readonly status: number;
  readonly contentType: string;
  /** The body as the application sees it (decoded). */
  readonly body: Buffer;
  /** Bytes on the wire, when the server sent them gzip-encoded. */
  readonly servedGzip: number | undefined;
}

/** A GET as a browser sends it (accepting gzip), keeping the bytes the server sent. */
function get(url: URL): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const wire = Buffer.concat(chunks);
        const gzipped = res.headers['content-encoding'] === 'gzip';
        resolve({
          status: res.statusCode ?? 0,
          contentType: String(res.headers['content-type'] ?? ''),
          body: gzipped ? gunzipSync(wire) : wire,
          servedGzip: gzipped ? wire.length : undefined,
        });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

interface Row {
  readonly label: string;
  readonly kind: string;
  readonly raw: number;
  readonly gzip: number;
}

const rowOf = (label: string, kind: string, fetched: Fetched): Row => ({
  label,
  kind: fetched.servedGzip === undefined ? kind : `${kind} (served gzip)`,
  raw: fetched.body.length,
  gzip: fetched.servedGzip ?? gzipSync(fetched.body, { level: 9 }).length,
});

/** The value of attribute `name` in one HTML tag, if present. */
function attribute(tag: string, name: string): string | undefined {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3])?.replaceAll('&amp;', '&') : undefined;
}

/** What an HTML page makes the browser fetch on load: stylesheets, preloads, scripts, images. */
function subresources(html: string): { href: string; kind: string }[] {
  const found: { href: string; kind: string }[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = attribute(tag, 'href');
    if (href === undefined) continue;
    if (rel.includes('stylesheet')) found.push({ href, kind: 'stylesheet' });
    else if (rel.includes('preload') || rel.includes('modulepreload'))
      found.push({ href, kind: `preload ${attribute(tag, 'as') ?? ''}`.trim() });
  }
  for (const [tag] of html.matchAll(/<script\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src !== undefined) found.push({ href: src, kind: 'script' });
  }
  for (const [tag] of html.matchAll(/<img\b[^>]*>/gi)) {
    const src = attribute(tag, 'src');
    if (src !== undefined && !src.startsWith('data:')) found.push({ href: src, kind: 'image' });
  }
  return found;
}

/** The url(...) references of a stylesheet (fonts, images, imports), data: URIs left out. */
function cssUrls(css: string): string[] {
  const urls = [...css.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)/gi)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
  const imports = [...css.matchAll(/@import\s+(?:"([^"]*)"|'([^']*)')/gi)].map((m) => m[1] ?? m[2] ?? '');
  return [...urls, ...imports].filter((u) => u !== '' && !u.startsWith('data:'));
}

/**
 * What a script names that a browser would load: path literals of stylesheets, fonts and images,
 * and the url(...)s of the CSS it carries (a path, not a variable: `new URL(x)` is not one).
 */
function scriptAssetUrls(code: string): string[] {
  const literals = [
    ...code.matchAll(/["'`]((?:https?:\/\/[^"'`\s]+)?\/[^"'`\s]*\.(?:css|woff2?|ttf|svg|png|js))["'`]/g),
  ].map((m) => m[1]!);
  const inCss = [...code.matchAll(/url\(\s*\\?["']?((?:https?:\/\/|\.{0,2}\/)[^"')\s\\]+)/g)].map(
    (m) => m[1]!,
  );
  return [...literals, ...inCss];
}

/**
 * Fetches `url` and, recursively, everything it makes the browser load (once each): for HTML
 * its subresources, for CSS its url()s, for a script the asset paths it names.
 */
async function crawl(
  url: URL,
  label: string,
  kind: string,
  rows: Row[],
  seen: Set<string>,
): Promise<Fetched> {
  seen.add(url.href);
  const fetched = await get(url);
  rows.push(rowOf(label, fetched.status === 200 ? kind : `${kind} → HTTP ${fetched.status}`, fetched));
  if (fetched.status !== 200) return fetched;
  const text = fetched.body.toString('utf8');
  const type = fetched.contentType;
  const children = type.startsWith('text/html')
    ? subresources(text)
    : type.startsWith('text/css')
      ? cssUrls(text).map((href) => ({ href, kind: 'css url()' }))
      : /javascript/.test(type)
        ? scriptAssetUrls(text).map((href) => ({ href, kind: 'loaded by script' }))
        : [];
  for (const child of children) {
    const next = new URL(child.href, url);
    if (next.origin !== url.origin || seen.has(next.href)) continue;
    const childKind =
      /\.woff2?$/.test(next.pathname) && child.kind === 'css url()' ? 'font (css url())' : child.kind;
    await crawl(next, next.pathname + next.search, childKind, rows, seen);
  }
  return fetched;
}

// ---------------------------------------------------------------------------------------------
// Printing

const bytes = (n: number) => n.toLocaleString('en-US');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

function printTable(title: string, rows: readonly Row[]): void {
  const labelWidth = Math.max(40, ...rows.map((r) => r.label.length));
  const kindWidth = Math.max(12, ...rows.map((r) => r.kind.length));
  console.log(`\n${title}`);
  console.log(
    `  ${'resource'.padEnd(labelWidth)}  ${'kind'.padEnd(kindWidth)}  ${'raw B'.padStart(9)}  ${'gzip B'.padStart(9)}`,
  );
  console.log(`  ${'-'.repeat(labelWidth + kindWidth + 24)}`);
  for (const r of rows)
    console.log(
      `  ${r.label.padEnd(labelWidth)}  ${r.kind.padEnd(kindWidth)}  ${bytes(r.raw).padStart(9)}  ${bytes(r.gzip).padStart(9)}`,
    );
}

/** Prints the total against the budget; returns whether it fits. */
function printTotal(rows: readonly Row[], budget: number): boolean {
  const raw = rows.reduce((sum, r) => sum + r.raw, 0);
  const gzip = rows.reduce((sum, r) => sum + r.gzip, 0);
  const fits = gzip <= budget;
  console.log(
    `  total: ${bytes(raw)} B raw, ${bytes(gzip)} B gzip (${kb(gzip)}) vs budget ${bytes(budget)} B (${kb(budget)}): ` +
      `ratio ${(gzip / budget).toFixed(2)} ${fits ? '✓ within budget' : '✗ OVER BUDGET'}`,
  );
  return fits;
}

// ---------------------------------------------------------------------------------------------
// Run

const valuta = await createValuta(loadConfig({ DATABASE_URL: 'memory://', LOG_LEVEL: 'silent' }));
let failed = false;
try {
  await seedDemo(valuta.database.db, { responses: 0 });
  valuta.directory.invalidate();
  const base = new URL(await valuta.app.listen({ host: '127.0.0.1', port: 0 }));
  console.log(
    `Page weight on ${base.origin} (gzip: zlib level 9 of each body, or the bytes served gzip-encoded)`,
  );

  console.log(`\n== Hosted questionnaire, first load (budget ${kb(HOSTED_BUDGET)} gzip per page) ==`);
  const summary: { family: string; slug: string; gzip: number; fits: boolean }[] = [];
  for (const [family, slug] of FAMILIES) {
    const rows: Row[] = [];
    const page = await crawl(new URL(`/s/${slug}`, base), `/s/${slug}`, 'html', rows, new Set());
    if (page.status !== 200) {
      console.log(`\n${family} (${slug}): the hosted page answered HTTP ${page.status}; not measured`);
      failed = true;
      continue;
    }
    printTable(`${family} — /s/${slug}`, rows);
    const fits = printTotal(rows, HOSTED_BUDGET);
    failed ||= !fits;
    summary.push({ family, slug, gzip: rows.reduce((sum, r) => sum + r.gzip, 0), fits });
  }

  console.log(
    `\n== Widget (budget ${kb(WIDGET_BUDGET)} gzip; the questionnaire JSON is data, counted apart) ==`,
  );
  const widgetRows: Row[] = [];
  const widget = await crawl(new URL('/widget.js', base), '/widget.js', 'script', widgetRows, new Set());
  let widgetFits: boolean | undefined;
  if (widget.status === 404) {
    console.log(
      '\n  /widget.js answered 404: the widget is not served by this build, so its weight is NOT MEASURED.',
    );
  } else if (widget.status !== 200) {
    console.log(`\n  /widget.js answered HTTP ${widget.status}: NOT MEASURED.`);
    failed = true;
  } else {
    printTable('widget — /widget.js and what it loads', widgetRows);
    widgetFits = printTotal(widgetRows, WIDGET_BUDGET);
    failed ||= !widgetFits;
    const dataRows: Row[] = [];
    for (const [, slug] of FAMILIES) {
      const path = `/api/v1/services/${slug}/questionnaire`;
      dataRows.push(rowOf(path, 'data (JSON)', await get(new URL(path, base))));
    }
    printTable('widget data — the questionnaire each widget fetches (not in the budget)', dataRows);
  }

  console.log('\n== Summary ==');
  for (const s of summary)
    console.log(
      `  hosted ${s.family.padEnd(24)} ${bytes(s.gzip).padStart(7)} B gzip  ratio ${(s.gzip / HOSTED_BUDGET).toFixed(2)}  ${s.fits ? '✓' : '✗'}`,
    );
  if (widgetFits === undefined) console.log('  widget                          not measured (see above)');
  else {
    const gzip = widgetRows.reduce((sum, r) => sum + r.gzip, 0);
    console.log(
      `  widget ${''.padEnd(24)} ${bytes(gzip).padStart(7)} B gzip  ratio ${(gzip / WIDGET_BUDGET).toFixed(2)}  ${widgetFits ? '✓' : '✗'}`,
    );
  }
} finally {
  await valuta.close();
}
if (failed) {
  console.log('\nA budget is exceeded or a page could not be measured: exit 1.');
  process.exit(1);
}
