import * as assert from 'node:assert/strict';
import { type CliOptions, DEFAULT_CONCURRENCY, parseCliArgs } from '../../src/cli/args';
import { nodeVersionProblem } from '../../src/cli/version';

function options(argv: string[]): CliOptions {
  const parsed = parseCliArgs(argv);
  if (parsed.kind !== 'run') {
    throw new Error(`expected options, got ${JSON.stringify(parsed)}`);
  }
  return parsed.options;
}

function errorOf(argv: string[]): string {
  const parsed = parseCliArgs(argv);
  assert.equal(parsed.kind, 'error', JSON.stringify(parsed));
  return parsed.kind === 'error' ? parsed.message : '';
}

suite('acr-locks command line', () => {
  test('plan with the defaults: table, concurrency 8, every registry of the file', () => {
    const o = options(['plan', '--policy', '.acr-locks.json']);
    assert.deepEqual(o, { command: 'plan', policyFile: '.acr-locks.json', json: false, format: 'table', concurrency: DEFAULT_CONCURRENCY, verbose: false, allowUnlock: false, connectTimeoutSec: 30, idleTimeoutSec: 60 });
    assert.equal(options(['plan', '--policy', 'p', '--trust-custom-domain', 'Registry.Contoso.com']).trustCustomDomain, 'registry.contoso.com');
    assert.match(errorOf(['plan', '--policy', 'p', '--trust-custom-domain']), /missing its value/);
  });

  test('--username needs --registry: a password goes to one registry only', () => {
    assert.match(errorOf(['plan', '--policy', 'p', '-u', 'admin']), /--username \(or ACR_USERNAME\) needs --registry SERVER/);
    assert.equal(options(['plan', '--policy', 'p', '-u', 'admin', '--registry', 'myreg.azurecr.io']).username, 'admin');
  });

  test('report defaults to CSV; --json or --format json gives JSON', () => {
    assert.equal(options(['report', '--policy', 'p.json']).format, 'csv');
    assert.equal(options(['report', '--policy', 'p.json', '--json']).format, 'json');
    assert.equal(options(['report', '--policy', 'p.json', '--format', 'json']).format, 'json');
    assert.match(errorOf(['report', '--policy', 'p.json', '--json', '--format', 'csv']), /contradict/);
    assert.match(errorOf(['plan', '--policy', 'p.json', '--format', 'csv']), /report only/);
  });

  test('--registry is normalised like a login server, host:port included', () => {
    assert.equal(options(['apply', '--policy', 'p', '--registry', 'https://MyReg.azurecr.io/']).registry, 'myreg.azurecr.io');
    assert.equal(options(['apply', '--policy', 'p', '--registry=localhost:5443']).registry, 'localhost:5443');
    assert.match(errorOf(['apply', '--policy', 'p', '--registry', 'myreg.azurecr.io/path']), /--registry is not a login server/);
  });

  test('--concurrency must be 1 to 32', () => {
    assert.equal(options(['apply', '--policy', 'p', '--concurrency', '32']).concurrency, 32);
    for (const bad of ['0', '33', '-1', '2.5', 'eight']) {
      assert.match(errorOf(['apply', '--policy', 'p', `--concurrency=${bad}`]), /--concurrency must be a whole number from 1 to 32/, bad);
    }
  });

  test('a password flag is refused, and its value is never echoed', () => {
    for (const argv of [
      ['plan', '--policy', 'p', '--password', 'Hunter2-secret'],
      ['plan', '--policy', 'p', '--password=Hunter2-secret'],
      ['plan', '--policy', 'p', '-p', 'Hunter2-secret'],
    ]) {
      const message = errorOf(argv);
      assert.match(message, /not accepted.*ACR_PASSWORD/s);
      assert.doesNotMatch(message, /Hunter2/);
    }
  });

  test('unknown options and stray arguments are named without their values', () => {
    const unknown = errorOf(['plan', '--policy', 'p', '--tokn=Hunter2-secret']);
    assert.match(unknown, /Unknown option --tokn\b/);
    assert.doesNotMatch(unknown, /Hunter2/);
    const stray = errorOf(['plan', '--policy', 'p', '-u', 'admin', 'Hunter2-secret']);
    assert.match(stray, /Only one command/);
    assert.doesNotMatch(stray, /Hunter2/);
  });

  test('missing command, unknown command, missing --policy, a flag without its value', () => {
    assert.match(errorOf([]), /No command given/);
    assert.match(errorOf(['lock', '--policy', 'p']), /Unknown command/);
    assert.match(errorOf(['plan']), /--policy FILE is required/);
    assert.match(errorOf(['plan', '--policy']), /missing its value \(--policy\)/);
    assert.match(errorOf(['plan', '--policy', 'p', '--repository', 'x']), /report only/);
    assert.match(errorOf(['plan', '--policy', 'p', '--username', ' ']), /--username is empty/);
  });

  test('--help and --version', () => {
    assert.equal(parseCliArgs(['--help']).kind, 'help');
    assert.equal(parseCliArgs(['plan', '-h']).kind, 'help');
    assert.equal(parseCliArgs(['--version']).kind, 'version');
  });

  test('Node.js older than 22 is refused with the version it found', () => {
    assert.match(nodeVersionProblem('20.20.2') ?? '', /needs Node\.js 22 or later; this is Node\.js 20\.20\.2/);
    assert.equal(nodeVersionProblem('22.0.0'), undefined);
    assert.equal(nodeVersionProblem('24.22.3'), undefined);
    assert.notEqual(nodeVersionProblem('garbage'), undefined);
  });
});
