// The dashboard's lint: ESLint's and typescript-eslint's recommended rules, and React's rules of hooks.
// Run by `npm run lint` in the gateway's build (test phase), with Prettier's check of the formatting.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // api.gen.ts is openapi-typescript's output, checked against the API by GatewayTest instead.
  { ignores: ['dist', 'node_modules', 'src/api.gen.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
    },
  },
  {
    // Node scripts whose page.evaluate callbacks run in the browser: both sets of globals occur, so
    // undefined names are left to the scripts' runs (the browser tests) rather than guessed here.
    files: ['e2e/**/*.mjs', 'scripts/**/*.mjs'],
    rules: { 'no-undef': 'off' },
  },
);
