// What failed before any HTTP status: the kind and the reason a message can name (issue: an
// unreachable registry said "Request failed" when VS Code's fetch reported a refused proxy tunnel).
import * as assert from 'node:assert/strict';
import { toRegistryError } from '../../src/registry/errors';
import { unreachableReason } from '../../src/registry/transportErrors';

function failed(message: string, cause?: Record<string, unknown>): Error {
  const error = new TypeError(message);
  if (cause) {
    Object.assign(error, { cause: Object.assign(new Error(String(cause.message ?? 'cause')), cause) });
  }
  return error;
}

suite('transport errors', () => {
  test('socket and DNS codes along the cause chain say what failed', () => {
    const cases: [Error, string, string][] = [
      [failed('fetch failed', { code: 'ECONNREFUSED' }), 'ECONNREFUSED', 'refused'],
      [failed('fetch failed', { code: 'ENOTFOUND' }), 'ENOTFOUND', 'dns'],
      [failed('fetch failed', { code: 'ETIMEDOUT' }), 'ETIMEDOUT', 'timeout'],
      [failed('fetch failed', { code: 'EHOSTUNREACH' }), 'EHOSTUNREACH', 'noRoute'],
      [Object.assign(new Error('Error sending request: fetch failed: connect ECONNREFUSED 127.0.0.1:9'), { code: 'REQUEST_SEND_ERROR' }), 'ECONNREFUSED', 'refused'],
      [Object.assign(new Error('Error sending request: fetch failed: bad port'), { code: 'REQUEST_SEND_ERROR' }), 'BAD_PORT', 'blockedPort'],
    ];
    for (const [error, code, reason] of cases) {
      const mapped = toRegistryError(error);
      assert.equal(mapped.kind, 'unreachable', code);
      assert.equal(mapped.details.code, code);
      assert.equal(unreachableReason(mapped.details.code), reason);
    }
  });

  test('a connection closed or refused by a proxy, with no code, is unreachable — not "Request failed"', () => {
    const closed = toRegistryError(failed('fetch failed: Request was cancelled'));
    assert.equal(closed.kind, 'unreachable');
    assert.equal(unreachableReason(closed.details.code), 'closed');
    const proxy = toRegistryError(new Error('tunneling socket could not be established, statusCode=403'));
    assert.equal(proxy.kind, 'unreachable');
    assert.equal(unreachableReason(proxy.details.code), 'proxy');
  });

  test('our own cancellation stays a cancellation; an error that says nothing of the network stays unknown', () => {
    const aborted = new Error('The operation was aborted.');
    aborted.name = 'AbortError';
    assert.equal(toRegistryError(aborted).kind, 'cancelled');
    assert.equal(toRegistryError(new Error('something else')).kind, 'unknown');
  });
});
