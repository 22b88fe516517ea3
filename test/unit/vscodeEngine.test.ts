// The oldest VS Code that package.json claims (engines.vscode) is one on which the extension's
// network claims were measured to hold (README "VS Code versions", CHANGELOG): the global fetch
// pools connections (32 requests over at most 2 TLS connections) and trusts the certificates of
// SSL_CERT_FILE (the README's private-CA advice). Measured in code-server with a probe extension
// in the extension host (32 sequential `fetch` calls to a local HTTPS server counting TLS
// connections, its CA only in SSL_CERT_FILE; the same over plain HTTP counting TCP connections),
// and on 1.136.1 also with the whole host suite (1.139.1 is what every test runs on). The probe:
// bench/fetchProbe/probe.mjs.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface Measured {
  readonly codeServer: string;
  readonly vscode: string;
  /** TCP connections for 32 fetch requests (plain HTTP). */
  readonly connectionsFor32: number;
  /** fetch to a server whose CA is only in SSL_CERT_FILE succeeded. */
  readonly trustsSslCertFile: boolean;
}

const MEASURED: readonly Measured[] = [
  { codeServer: '4.133.0', vscode: '1.133.0', connectionsFor32: 2, trustsSslCertFile: false },
  { codeServer: '4.134.0', vscode: '1.135.0', connectionsFor32: 2, trustsSslCertFile: false },
  { codeServer: '4.136.2', vscode: '1.136.1', connectionsFor32: 2, trustsSslCertFile: true },
  { codeServer: '4.139.1', vscode: '1.139.1', connectionsFor32: 2, trustsSslCertFile: true },
];

function parts(version: string): number[] {
  return version.split('.').map(Number);
}

function compare(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) {
    if ((x[i] ?? 0) !== (y[i] ?? 0)) {
      return (x[i] ?? 0) - (y[i] ?? 0);
    }
  }
  return 0;
}

const holds = (m: Measured): boolean => m.connectionsFor32 <= 2 && m.trustsSslCertFile;

suite('engines.vscode', () => {
  test('the oldest VS Code claimed is the oldest measured one on which pooled fetch and SSL_CERT_FILE hold', () => {
    const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as { engines: { vscode: string } };
    const match = /^\^(\d+\.\d+\.\d+)$/.exec(manifest.engines.vscode);
    assert.ok(match, `engines.vscode is a caret range: ${manifest.engines.vscode}`);
    const claimed = match[1];
    const sorted = [...MEASURED].sort((a, b) => compare(a.vscode, b.vscode));
    const oldestHolding = sorted.find(holds);
    assert.ok(oldestHolding);
    assert.ok(sorted.filter((m) => compare(m.vscode, oldestHolding.vscode) > 0).every(holds), 'every newer measured version holds too');
    assert.equal(claimed, oldestHolding.vscode, `engines.vscode claims ${claimed}; the claims were measured to hold from ${oldestHolding.vscode} (code-server ${oldestHolding.codeServer})`);
  });
});
