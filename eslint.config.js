import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'data/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'bench/**', 'scripts/**', 'vitest.config.ts'],
    rules: { 'no-restricted-properties': 'off' },
  },
  {
    files: ['src/domain/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../*', '!./*'], message: 'domain/ imports nothing of the project outside domain/.' },
          ],
        },
      ],
    },
  },
  {
    // A folder of domain/ may import the rest of domain/, still nothing outside it.
    files: ['src/domain/*/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*'], message: 'domain/ imports nothing of the project outside domain/.' },
          ],
        },
      ],
    },
  },
  {
    // The console (ADR 15) runs under a CSP without 'unsafe-inline': no style prop, no raw HTML;
    // it is browser code that shares the domain's rules, never the server's layers.
    files: ['src/console/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='style']",
          message: 'The console CSP has no inline styles: use a class in styles/console.css.',
        },
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'The console renders no raw HTML.',
        },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '../../store/*',
                '../../http/*',
                '../../ingest/*',
                '../store/*',
                '../http/*',
                '../ingest/*',
              ],
              message: 'The console is browser code: it may import domain/, never the server layers.',
            },
          ],
        },
      ],
    },
  },
);
