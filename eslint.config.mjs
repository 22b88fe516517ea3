import tseslint from 'typescript-eslint';

const noVscode = (what) => ({ name: 'vscode', message: `${what} never imports vscode.` });
const noAuth = { group: ['**/auth/*', '**/connections'], message: 'The tree never signs in: clients are handed to it.' };
/** The tree's VS Code side; the rest of src/tree (model, cache, paging, contextValue, …) runs under plain mocha. */
const TREE_VSCODE = ['src/tree/render.ts', 'src/tree/createExplorer.ts', 'src/tree/settings.ts'];

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
  // Layers (test/unit/importGraph.test.ts checks the same over the whole import graph):
  // src/registry and src/locks run outside VS Code; the tree's logic runs under plain mocha;
  // the tree never signs in (src/auth); the engine knows nothing of the tree, commands or UI.
  {
    files: ['src/registry/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode('src/registry')], patterns: [{ group: ['../*', '!../registry/*'], message: 'src/registry imports only src/registry.' }] },
      ],
    },
  },
  {
    files: ['src/locks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noVscode('src/locks')], patterns: [{ group: ['**/tree/*', '**/commands/*', '**/ui/*', '**/auth/*'], message: 'The lock engine knows nothing of the tree, the commands, the UI or sign-in.' }] },
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
    rules: {
      'no-restricted-imports': ['error', { patterns: [noAuth] }],
    },
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
  {
    files: ['src/tree/**/*.ts'],
    ignores: TREE_VSCODE,
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode('the tree model')], patterns: [noAuth] }],
    },
  },
);
