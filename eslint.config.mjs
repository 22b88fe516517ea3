import tseslint from 'typescript-eslint';

const noVscode = (what) => ({ name: 'vscode', message: `${what} never imports vscode.` });
const noAuth = { group: ['**/auth/*', '**/connections'], message: 'The tree never signs in: clients are handed to it.' };
/** Each feature folder is a pure core (no vscode) plus its VS Code half in `vscode/`. */
const VSCODE_HALVES = ['src/**/vscode/**/*.ts'];
const noUpper = (what) => ({
  group: ['**/commands/*', '**/commands/**', '**/vscode/*', '**/vscode/**', '**/ui/*', '!**/ui/ui', '**/auth/*', '**/extension', '**/services'],
  message: `${what} knows nothing of commands, VS Code halves, the UI or sign-in.`,
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.cache/**', '.vscode-test/**', 'test-results/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      curly: 'error',
    },
  },
  // Layers (test/unit/importGraph.test.ts checks the same over the whole import graph, transitively):
  // util imports nothing; src/registry is ACR over the SDK and imports only itself and util; the lock
  // engine, the policy core, the deploy core and the tree and Azure models are pure (no vscode) and
  // know nothing of commands or VS Code halves; the tree never signs in.
  {
    files: ['src/util/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('src/util')], patterns: [{ group: ['../*', '!../util/*'], message: 'src/util imports nothing of the product.' }] }] },
  },
  {
    files: ['src/registry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode('src/registry')], patterns: [{ group: ['../*', '!../util', '!../util/*'], message: 'src/registry imports only src/registry and src/util.' }] },
      ],
    },
  },
  {
    files: ['src/locks/**/*.ts', 'src/policy/**/*.ts', 'src/deploy/**/*.ts', 'src/editor/**/*.ts', 'src/azure/**/*.ts', 'src/tree/**/*.ts', 'src/cli/**/*.ts'],
    ignores: VSCODE_HALVES,
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('A core')], patterns: [noUpper('A core')] }] },
  },
  {
    files: ['src/locks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode('src/locks')], patterns: [noUpper('The lock engine'), { group: ['**/tree/*', '**/policy/*', '**/azure/*'], message: 'The lock engine knows nothing of the views or policy.' }] },
      ],
    },
  },
  {
    files: ['src/connections.ts', 'src/config.ts', 'src/recovery.ts', 'src/ui/ui.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode('this module')] }],
    },
  },
  {
    files: ['src/tree/**/*.ts'],
    ignores: VSCODE_HALVES,
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode('the tree model')], patterns: [noAuth, noUpper('The tree model'), { group: ['**/policy/*', '**/policy/**'], message: 'The tree knows nothing of policy: policy/vscode implements tree/drift.ts.' }, { group: ['**/deploy/*', '**/deploy/**'], message: 'The tree knows nothing of deployments: deploy/vscode implements tree/deployed.ts.' }] }] },
  },
  {
    files: ['src/tree/vscode/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noAuth] }] },
  },
  // Prompts, messages, progress, quick picks and input boxes go through the one UI seam (src/ui).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/ui/vscodeUi.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "MemberExpression[object.property.name='window'][property.name=/^(show(Information|Warning|Error)Message|showInputBox|showQuickPick|withProgress|createQuickPick|createInputBox)$/]",
          message: 'Use the UI seam (services.ui) instead of vscode.window for prompts, messages, progress and picks.',
        },
      ],
    },
  },
);
