// One linter for the whole tree; type-aware so floating promises are caught.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The stages import one way (DESIGN §2): edges → lab → modes → engine. Each
// entry says which top-level folders a stage must not import; a relative
// import that climbs into one of them fails the build.
const STAGES = {
  engine: ['modes', 'lab', 'triggers', 'http', 'bot', 'cli', 'local-workspace', 'site'],
  modes: ['lab', 'triggers', 'http', 'bot', 'cli', 'local-workspace', 'site'],
  lab: ['triggers', 'http', 'bot', 'cli', 'local-workspace', 'site'],
  triggers: ['http', 'bot', 'cli', 'local-workspace', 'site'],
  http: ['bot', 'cli', 'local-workspace'],
  bot: ['http', 'cli'],
  // The read-only pages: an edge that reads the lab; the server (http) and the CLI serve and export them.
  site: ['triggers', 'http', 'bot', 'cli', 'local-workspace'],
  // The Slack stand-in imports nothing of perflab.
  'local-workspace': ['engine', 'modes', 'lab', 'triggers', 'http', 'bot', 'cli', 'site'],
};

// A file `depth` folders inside its stage reaches src/ with exactly `depth`
// "../": that is how an import into another stage is told from one into a
// subfolder of the same name (src/local-workspace/http is not src/http).
const boundaries = Object.entries(STAGES).flatMap(([stage, forbidden]) =>
  [1, 2, 3, 4].map((depth) => ({
    files: [`src/${stage}/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^(\\.\\./){${depth}}(${forbidden.join('|')})/`, message: `src/${stage} must not import ${forbidden.join(', ')}: imports flow edges → lab → modes → engine (DESIGN §2).` },
            // Slack stays at the edge: only the bot speaks it.
            ...(stage === 'bot' ? [] : [{ regex: '^@slack/', message: 'only src/bot may import @slack/* (the engine talks to Slack through the Notifier interface).' }]),
          ],
        },
      ],
    },
  })),
);

export default tseslint.config(
  { ignores: ['node_modules/', '.perflab/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      // The Store is async throughout: a promise in a condition is always truthy.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Block Kit comes typed from @slack/types: no casts to silence it. (Tests may cast to hand over bad input on purpose.)
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', { selector: 'TSAsExpression > TSNeverKeyword', message: 'no `as never`: type it (Block Kit types come from @slack/types).' }] },
  },
  ...boundaries,
);
