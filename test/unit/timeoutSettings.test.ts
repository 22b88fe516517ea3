import * as assert from 'node:assert/strict';
import { parseTimeoutSetting, transportLimitsFrom } from '../../src/config';
import { Connections } from '../../src/connections';
import { DEFAULT_MAX_BODY_BYTES } from '../../src/registry/transportLimits';

suite('timeout settings (acrLocks.connectTimeoutSeconds / idleTimeoutSeconds)', () => {
  test('whole seconds from 1 to 3600 are taken; anything else is the default', () => {
    for (const good of [1, 30, 61, 3600]) {
      assert.equal(parseTimeoutSetting(good, 30), good);
    }
    for (const bad of [0, -1, 3601, 1.5, Number.NaN, Number.POSITIVE_INFINITY, '30', null, undefined, {}, [10], true]) {
      assert.equal(parseTimeoutSetting(bad, 42), 42, `${String(bad)}`);
    }
  });

  test('the transport limits: defaults 30 s and 60 s, values in milliseconds, the body cap unchanged', () => {
    assert.deepEqual(transportLimitsFrom({}), { connectTimeoutMs: 30_000, idleTimeoutMs: 60_000, maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
    assert.deepEqual(transportLimitsFrom({ connectTimeoutSeconds: 5, idleTimeoutSeconds: 7 }), { connectTimeoutMs: 5_000, idleTimeoutMs: 7_000, maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
    assert.deepEqual(transportLimitsFrom({ connectTimeoutSeconds: 0, idleTimeoutSeconds: 99_999 }), { connectTimeoutMs: 30_000, idleTimeoutMs: 60_000, maxBodyBytes: DEFAULT_MAX_BODY_BYTES });
  });

  test('Connections hands the settings to every client it creates, read when the client is created', async () => {
    let idle = 2;
    const connections = new Connections({
      auth: { authFor: () => Promise.resolve({ ok: true, auth: { kind: 'anonymous' } }) },
      limits: () => transportLimitsFrom({ connectTimeoutSeconds: 1, idleTimeoutSeconds: idle }),
    });
    const registry = { loginServer: 'example.azurecr.io', auth: 'anonymous' } as const;
    const first = await connections.clientFor(registry);
    assert.equal((first as unknown as { options: { limits: { idleTimeoutMs: number } } }).options.limits.idleTimeoutMs, 2_000);
    idle = 9;
    connections.clear();
    const second = await connections.clientFor(registry);
    assert.equal((second as unknown as { options: { limits: { connectTimeoutMs: number; idleTimeoutMs: number } } }).options.limits.idleTimeoutMs, 9_000);
  });
});
