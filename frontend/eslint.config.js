import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const features = ['auth', 'dashboard', 'groups', 'people', 'organisations', 'imports', 'audit', 'notifications', 'workspaces', 'meetings', 'live', 'advocacy', 'policybank', 'actions'];
// Yjs and the editor's collaboration layer stay behind src/lib/live/ (STYLE.md: one place owns the transport).
const liveOnly = {
  group: ['yjs', 'y-websocket', 'y-indexeddb', 'y-protocols', 'y-protocols/*', 'lib0', 'lib0/*', '@tiptap/*'],
  message: 'Only src/lib/live/ imports Yjs, y-websocket and TipTap: use its hooks and components.',
};

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'src/api/schema.d.ts', 'coverage'] },
  {
    files: ['**/*.{ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='WebSocket']",
          message: 'Only src/lib/events.ts and src/lib/meetingSocket.ts open websockets; subscribe through them.',
        },
      ],
    },
  },
  // Features never import each other (nor the app layer): src/app/ composes them.
  ...features.map((feature) => {
    const others = features.filter((f) => f !== feature).join('|');
    return {
      files: [`src/features/${feature}/**/*.{ts,tsx}`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            patterns: [
              {
                regex: `^(?:\\.\\./)+(?:features/)?(?:${others})(?:/|$)`,
                message: 'No cross-feature imports: compose features in src/app/.',
              },
              { regex: '^(?:\\.\\./)+app(?:/|$)', message: 'Features must not import from the app layer.' },
              liveOnly,
            ],
          },
        ],
      },
    };
  }),
  // lib/ and components/ sit below the features and the app layer.
  ...[
    { files: ['src/lib/live/**/*.{ts,tsx}'], extra: [] },
    { files: ['src/lib/**/*.{ts,tsx}', 'src/components/**/*.{ts,tsx}'], ignores: ['src/lib/live/**'], extra: [liveOnly] },
  ].map(({ extra, ...scope }) => ({
    ...scope,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?:\\.\\./)+(?:features|app)(?:/|$)',
              message: 'lib/ and components/ must not depend on features or the app layer.',
            },
            ...extra,
          ],
        },
      ],
    },
  })),
  { files: ['src/app/**/*.{ts,tsx}'], rules: { 'no-restricted-imports': ['error', { patterns: [liveOnly] }] } },
  {
    files: ['src/lib/events.ts', 'src/lib/events.test.ts', 'src/lib/meetingSocket.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['*.config.{js,ts}'],
    languageOptions: { globals: globals.node },
  },
);
