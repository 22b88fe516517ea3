import * as assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { chooseAuth, readStreamBounded } from '../../src/cli/auth';
import { describeFailure } from '../../src/cli/errors';
import { redactSecrets, secretsOfEnv } from '../../src/cli/logScrub';
import { waitText } from '../../src/cli/registryRun';
import { RegistryError } from '../../src/registry/errors';

suite('acr-locks safety (logs, password prompt, waits)', () => {
  test('redactSecrets: known values, user:pass@, Authorization, tokens, secret query values, JSON members', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';
    const text = [
      `proxy 'http://alice:pa55word@proxy.local:3128/'`,
      'Authorization: Bearer abc.def',
      '"authorization": "Basic dXNlcjpwYXNz"',
      `token ${jwt}`,
      'GET /blob?sv=1&sig=SIGNATURE&se=2 and /oauth2/token?refresh_token=RT&service=x',
      'grant_type=password&username=u&password=hunter22',
      '{ "access_token": "AT-1", "refresh_token": "RT-2", password: \'pw-3\' }',
      'the ACR password is MyS3cret!',
    ].join('\n');
    const out = redactSecrets(text, ['MyS3cret!']);
    for (const secret of ['pa55word', 'alice', 'abc.def', 'dXNlcjpwYXNz', jwt, 'SIGNATURE', '=RT', 'hunter22', 'AT-1', 'RT-2', 'pw-3', 'MyS3cret!']) {
      assert.ok(!out.includes(secret), `${secret} in:\n${out}`);
    }
    assert.match(out, /http:\/\/\*\*\*@proxy\.local:3128/);
    assert.match(out, /sv=1&sig=\*\*\*&se=2/);
    assert.equal(redactSecrets('GET /acr/v1/hello-world/_tags 200', []), 'GET /acr/v1/hello-world/_tags 200');
  });

  test('secretsOfEnv: passwords, client secrets and the credentials of proxy URLs', () => {
    const secrets = secretsOfEnv({ ACR_PASSWORD: 'p1', AZURE_CLIENT_SECRET: 'cs', HTTPS_PROXY: 'http://user:se%40cret@127.0.0.1:1/', http_proxy: 'not a url' });
    for (const expected of ['p1', 'cs', 'se%40cret', 'se@cret', 'user']) {
      assert.ok(secrets.includes(expected), expected);
    }
  });

  test('standard input that stays open: stops after the timeout; a signal stops it at once; an ended pipe gives its text', async () => {
    const open = new PassThrough();
    assert.deepEqual(await readStreamBounded(open, { timeoutMs: 50 }), { kind: 'timeout', seconds: 0 });
    assert.ok(open.destroyed, 'the stream is let go of');
    const controller = new AbortController();
    const waiting = readStreamBounded(new PassThrough(), { timeoutMs: 60_000, signal: controller.signal });
    controller.abort();
    assert.deepEqual(await waiting, { kind: 'cancelled' });
    const piped = new PassThrough();
    const reading = readStreamBounded(piped, { timeoutMs: 60_000 });
    piped.end('pw\n');
    assert.deepEqual(await reading, { kind: 'text', text: 'pw\n' });
  });

  test('chooseAuth: prompts with user and registry, and says what happened on a timeout', async () => {
    const prompts: string[] = [];
    const result = await chooseAuth({
      username: 'admin',
      registry: 'myregistry.azurecr.io',
      env: {},
      stdinIsTTY: false,
      readStdin: () => Promise.resolve({ kind: 'timeout', seconds: 60 }),
      prompt: (text) => prompts.push(text),
    });
    assert.deepEqual(prompts, ['Password for admin@myregistry.azurecr.io (from stdin; set ACR_PASSWORD to skip):\n']);
    assert.equal(result.ok, false);
    assert.match(result.ok ? '' : result.message, /nothing ended on standard input within 60 s/);
  });

  test('waits: shown with the status as they start; a huge Retry-After named for what it is', () => {
    assert.equal(waitText('r.azurecr.io', { ms: 60_000, reason: 'throttled', status: 429 }), 'r.azurecr.io: registry asked to wait 60 s (429); waiting…');
    assert.equal(waitText('r.azurecr.io', { ms: 1_200, reason: 'backoff' }), undefined);
    const huge = new RegistryError('throttled', 'Too many requests', { status: 429, retryAfterMs: 100_000_000, attempts: 1 });
    assert.equal(describeFailure(huge, 'r.azurecr.io'), 'r.azurecr.io: the registry asked to wait 100000 s (429); not waiting more than 60 s. Try again later.');
    const once = new RegistryError('throttled', 'Too many requests', { status: 429 });
    assert.doesNotMatch(describeFailure(once, 'r.azurecr.io'), /after retries|kept/);
    const retried = new RegistryError('throttled', 'Too many requests', { status: 429, attempts: 4 });
    assert.match(describeFailure(retried, 'r.azurecr.io'), /kept throttling \(429\) after 4 attempts/);
  });
});
