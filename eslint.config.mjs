// Lint, including the walls of the house (docs/architecture.md, "Layers"): a break of a wall fails the build.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const electronOnlyInApp = {
  name: 'electron',
  message: 'Only main/app/ may import electron: services stay host-neutral (docs/architecture.md).',
};

export const layeringRules = [
  {
    // Everything outside main/app/ must not import electron.
    files: ['**/*.{ts,tsx,mts,cts,js,mjs}'],
    ignores: ['main/app/**', 'e2e/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [electronOnlyInApp] }] },
  },
  {
    // Engines are pure: no electron, no store, no DOM, no UI libraries, no reaching into main/ or renderer/.
    files: ['workers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            electronOnlyInApp,
            { name: 'better-sqlite3', message: 'workers/ are pure engines: no database (docs/architecture.md).' },
            { name: 'react', message: 'workers/ are pure engines: no UI.' },
            { name: 'react-dom', message: 'workers/ are pure engines: no UI.' },
          ],
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'workers/ must not import main/ or renderer/: data flows in through typed inputs.' },
            { group: ['@cornerstonejs/*', 'react-dom/*'], message: 'workers/ are pure engines: no DOM or UI libraries.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'window', message: 'workers/ have no DOM.' },
        { name: 'document', message: 'workers/ have no DOM.' },
        { name: 'localStorage', message: 'workers/ have no DOM.' },
      ],
    },
  },
  {
    // The renderer reaches the main side only through the contract.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/vite.config.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronOnlyInApp, { name: 'better-sqlite3', message: 'The renderer never touches the store: use the bridge.' }],
          patterns: [
            {
              group: ['**/main/**', '!**/main/contract', '!**/main/contract/**'],
              message: 'renderer/ may import only main/contract/ from the main side (use the bridge).',
            },
            { group: ['node:*', 'fs', 'path', 'child_process'], message: 'The renderer has no Node access.' },
          ],
        },
      ],
    },
  },
  {
    // The contract is shared by every side: zod and nothing else.
    files: ['main/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electronOnlyInApp], patterns: [{ group: ['node:*', '**/services/**', '**/hosts/**', '**/app/**', '**/workers/**'], message: 'main/contract/ is pure: zod only.' }] },
      ],
    },
  },
];

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'renderer/dist/**', 'test-results/**', 'playwright-report/**', 'native-models/**/*.py', '.twin-data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layeringRules,
);
