// The Action's entry point (bundled to dist/action.js): only starts `run()`, so tests and the bundle
// run the same code.
import { run } from './main.ts';

await run();
