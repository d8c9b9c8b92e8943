import { createElement } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_METHODS, type ApiDocument } from '../../src/pages/api-docs/openapi.js';
import { ApiDocsPage } from '../../src/pages/api-docs/page.js';
import { renderDocument } from '../../src/pages/render.js';
import { startValuta, type TestValuta } from '../support/database.js';

/** The text of some HTML, as a reader gets it: no tags nor hidden labels, entities decoded, spaces collapsed. */
const text = (html: string) =>
  html
    .replace(/<span class="api-cell-label" aria-hidden="true">[^<]*<\/span>/g, ' ')
    .replace(/<\/?(p|h\d|th|td|ul|li|dt|dd|summary|pre)\b[^>]*>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

interface Section {
  readonly id: string;
  readonly heading: string;
  readonly html: string;
}

/** The operations on the page: each section of class api-op, its anchor and its h3. */
function operationSections(html: string): Section[] {
  return [...html.matchAll(/<section class="api-op" id="([^"]+)"[^>]*>([\s\S]*?)<\/section>/g)].map(
    ([, id, body]) => ({
      id: id!,
      heading: text(/<h3[^>]*>([\s\S]*?)<\/h3>/.exec(body!)?.[1] ?? ''),
      html: body!,
    }),
  );
}

/** The links of the table of contents: their targets and texts. */
function contents(html: string): Map<string, string> {
  const nav = /<nav[^>]*aria-labelledby="contents-title"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? '';
  return new Map(
    [...nav.matchAll(/<a href="#([^"]+)"[^>]*>([\s\S]*?)<\/a>/g)].map(([, id, t]) => [id!, text(t!)]),
  );
}

interface DocumentedOperation {
  readonly method: string;
  readonly path: string;
  readonly summary?: string;
  readonly parameters?: readonly { readonly name: string; readonly in: string }[];
  readonly responses?: Readonly<Record<string, unknown>>;
}

/** Every operation of an OpenAPI document, read straight from its paths. */
function documented(document: ApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => {
      const operation = item[method] as Omit<DocumentedOperation, 'method' | 'path'> | undefined;
      return operation ? [{ ...operation, method: method.toUpperCase(), path }] : [];
    }),
  );
}

describe('the API reference at /api/docs', () => {
  let valuta: TestValuta;
  let document: ApiDocument;
  let html: string;
  beforeAll(async () => {
    valuta = await startValuta();
    await valuta.app.ready();
    document = valuta.app.swagger() as ApiDocument;
    const reply = await valuta.app.inject('/api/docs');
    expect(reply.statusCode).toBe(200);
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
    html = reply.body;
  });
  afterAll(() => valuta.dispose());

  it('is a complete HTML document in English, made of server-rendered markup only', () => {
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/);
    expect(html).toContain('<a class="api-skip" href="#main">Skip to content</a>');
    expect(html).toMatch(/<main id="main"[^>]*tabindex="-1"/);
    // The CSP allows neither inline scripts nor inline styles; the page needs no script at all.
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
  });

  it('shows every operation of the OpenAPI document, once, with its summary, parameters and responses, and lists it in the contents', () => {
    const operations = documented(document);
    expect(operations.length).toBeGreaterThanOrEqual(10);
    const sections = operationSections(html);
    const toc = contents(html);
    expect(sections.map((s) => s.heading).sort()).toEqual(
      operations.map((o) => `${o.method} ${o.path}`).sort(),
    );
    for (const operation of operations) {
      const section = sections.find((s) => s.heading === `${operation.method} ${operation.path}`)!;
      const body = text(section.html);
      if (operation.summary) expect(body, section.id).toContain(operation.summary);
      for (const parameter of operation.parameters ?? [])
        expect(section.html, `${section.id}: parameter ${parameter.name}`).toMatch(
          new RegExp(`<th scope="row"><code>${parameter.name}</code></th><td>.*?</span>${parameter.in}</td>`),
        );
      for (const status of Object.keys(operation.responses ?? {}))
        expect(section.html, `${section.id}: response ${status}`).toContain(
          `api-status-${status.charAt(0)}">${status}<`,
        );
      expect(toc.get(section.id), `contents link to ${section.id}`).toContain(
        `${operation.method} ${operation.path}`,
      );
    }
  });

  it('shows the security an operation requires, and says which are public', () => {
    const tokens = operationSections(html).find((s) => s.heading.endsWith('/completion-tokens'))!;
    expect(text(tokens.html)).toContain('Authentication: apiKey (HTTP bearer token).');
    const services = operationSections(html).find((s) => s.heading === 'GET /api/v1/services')!;
    expect(text(services.html)).toContain('Authentication: none, the operation is public.');
  });

  it('links the OpenAPI document for tools, which is served there, and is not itself an operation', async () => {
    expect(html).toMatch(
      /<a href="\/api\/v1\/openapi.json"[^>]*>Download the OpenAPI document \(openapi.json\)<\/a>/,
    );
    const reply = await valuta.app.inject('/api/v1/openapi.json');
    expect(reply.statusCode).toBe(200);
    expect(reply.json()).toEqual(JSON.parse(JSON.stringify(document)));
    expect(Object.keys(document.paths ?? {}).filter((p) => p.startsWith('/api/docs'))).toEqual([]);
  });

  it('sends the addresses Swagger UI answered at to the page and to the document', async () => {
    const slash = await valuta.app.inject('/api/docs/');
    expect([slash.statusCode, slash.headers.location]).toEqual([301, '/api/docs']);
    const json = await valuta.app.inject('/api/docs/json');
    expect([json.statusCode, json.headers.location]).toEqual([301, '/api/v1/openapi.json']);
  });
});

describe('the API reference of any OpenAPI document', () => {
  const document: ApiDocument = {
    openapi: '3.1.0',
    info: { title: 'Test API', version: '2' },
    tags: [{ name: 'declared', description: 'A declared tag' }],
    components: {
      securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
      parameters: { limit: { name: 'limit', in: 'query', schema: { type: 'integer', maximum: 50 } } },
    },
    paths: {
      '/things/{id}': {
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'lang', in: 'query', description: 'from the path' },
        ],
        get: {
          summary: 'Read a thing',
          tags: ['declared'],
          parameters: [
            { name: 'lang', in: 'query', description: 'from the operation' },
            { $ref: '#/components/parameters/limit' },
          ],
          responses: { '200': { description: 'The thing' } },
        },
        delete: { summary: 'Delete a thing', tags: ['undeclared'], security: [{ key: [] }] },
      },
      '/things-id': { post: { summary: 'Untagged' } },
      '/things/id': { post: { summary: 'Same anchor' } },
    },
  };
  const html = renderDocument(createElement(ApiDocsPage, { document }));

  it('groups by tag (declared, then undeclared, then untagged), with unique anchors', () => {
    const sections = operationSections(html);
    expect(sections.map((s) => s.heading)).toEqual([
      'GET /things/{id}',
      'DELETE /things/{id}',
      'POST /things-id',
      'POST /things/id',
    ]);
    expect(new Set(sections.map((s) => s.id)).size).toBe(4);
    expect([...html.matchAll(/<h2 id="[^"]+" class="api-tag">([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual([
      'declared',
      'undeclared',
      'other',
    ]);
    expect([...contents(html).keys()].filter((id) => sections.some((s) => s.id === id))).toEqual(
      sections.map((s) => s.id),
    );
  });

  it("merges the path's parameters with the operation's, which win, and follows references", () => {
    const get = text(operationSections(html)[0]!.html);
    expect(get).toContain('lang query no any from the operation');
    expect(get).not.toContain('from the path');
    expect(get).toContain('id path yes string');
    expect(get).toContain('limit query no integer at most 50');
    const del = text(operationSections(html)[1]!.html);
    expect(del).toContain('id path yes string');
    expect(del).toContain('lang query no any from the path');
    expect(del).toContain('Authentication: key (API key in header X-Key).');
  });
});
