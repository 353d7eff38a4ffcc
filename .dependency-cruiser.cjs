/**
 * The layer rules as code (DESIGN.md §2), checked by `npm run check:layers` inside `npm test`:
 *   channels → bot → dialogs → policy → domain, with nlu, i18n, state and services beside them.
 * A broken rule fails CI. Known exceptions are listed in `KNOWN` with the issue that removes them;
 * delete an entry when its fix lands (the check then guards it).
 */
const OURS = '^(src|dialogs)/';
const BROWSER = '^src/(web/launcher|web/chat|web/.*browser|agent-tab/browser)/';

/** Today's tree still breaks these; each is owned by another change. */
const KNOWN = {
  /** issue 16 (dialog helper): flow.ts ↔ verify-buyer.machine.ts ↔ shared.ts; flows.ts ↔ root.machine.ts. */
  dialogCycles: '^dialogs/(flow|shared|verify-buyer\\.machine|flows|root\\.machine)\\.ts$',
};

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      comment: 'No import loops: a loop means two modules are really one, or a type sits in the wrong layer.',
      severity: 'error',
      from: { pathNot: KNOWN.dialogCycles },
      to: { circular: true },
    },
    {
      name: 'known-exception-cycles',
      comment: 'Known exception (see KNOWN): the loops inside dialogs/. Reported, not failing.',
      severity: 'info',
      from: { path: KNOWN.dialogCycles },
      to: { circular: true },
    },
    {
      name: 'domain-imports-nothing-of-ours',
      comment: 'src/domain is the shared vocabulary every layer may use: it depends on no layer.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: OURS, pathNot: '^src/domain/' },
    },
    {
      name: 'policy-is-pure',
      comment: 'Policy is pure functions over domain data: no services, state, I/O or other layers.',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: { pathNot: ['^src/(policy|domain)/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'policy-types-from-domain',
      comment: 'Even type-only imports of policy come from policy or domain (never from services).',
      severity: 'error',
      from: { path: '^src/policy/' },
      to: { path: OURS, pathNot: '^src/(policy|domain)/' },
    },
    {
      name: 'dialogs-know-only-policy-and-domain',
      comment:
        'Dialog machines import xstate, the policy, the domain, the NLU contract and the pure answer reader (typed answers read against the question asked) only: no channels, bot, state, i18n or services.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { path: OURS, pathNot: ['^dialogs/', '^src/(policy|domain)/', '^src/nlu/(types|answers)\\.ts$'] },
    },
    {
      name: 'dialogs-no-io-packages',
      comment: 'Machines hold no I/O and no text: no botbuilder, redis, i18next or node built-ins.',
      severity: 'error',
      from: { path: '^dialogs/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'core'], pathNot: ['node_modules/xstate/'] },
    },
    {
      name: 'bot-not-above-itself',
      comment: 'The bot runs turns for every channel; it never reaches up into a channel or the composition root.',
      severity: 'error',
      from: { path: '^src/bot/' },
      to: { path: ['^src/channels/', '^src/(app|main|chat)\\.ts$', '^src/(web|agent-tab|http|compose)/'] },
    },
    {
      name: 'lower-layers-not-up',
      comment: 'nlu, i18n, state, services, security and metrics serve the layers above and never import them.',
      severity: 'error',
      from: { path: '^src/(nlu|i18n|state|services|metrics)/' },
      to: { path: ['^dialogs/', '^src/(bot|channels|web|agent-tab|http|compose)/', '^src/(app|main|chat)\\.ts$'] },
    },
    {
      name: 'state-below-services',
      comment: "State is storage; each service's Redis adapter lives with its service, so state never imports services.",
      severity: 'error',
      from: { path: '^src/state/' },
      to: { path: '^src/services/' },
    },
    {
      name: 'nlu-below-dialogs',
      comment: 'NLU only classifies text; the vocabulary the dialogs share with it sits in nlu/types.ts.',
      severity: 'error',
      from: { path: '^src/nlu/' },
      to: { path: '^src/(state|services|i18n|policy)/' },
    },
    {
      name: 'only-entry-points-compose',
      comment: 'Only the entry points (main.ts, chat.ts) import the composition root, and only it imports its steps (src/compose).',
      severity: 'error',
      from: { path: OURS, pathNot: ['^src/(main|chat)\\.ts$', '^src/app\\.ts$', '^src/compose/'] },
      to: { path: ['^src/app\\.ts$', '^src/compose/'] },
    },
    {
      name: 'browser-talks-http-only',
      comment: 'Browser code (widget launcher, agent tab, web browser bundles) reaches the server over HTTP, never by import.',
      severity: 'error',
      from: { path: BROWSER },
      // A type-only import describes the HTTP contract (e.g. the chat frame's config) and is erased.
      to: { path: OURS, pathNot: [BROWSER, '^src/web/assets/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-does-not-import-browser',
      comment: 'Server code bundles browser code by file path (esbuild), never imports it.',
      severity: 'error',
      from: { path: OURS, pathNot: BROWSER },
      to: { path: BROWSER },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)node_modules/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
