import * as assert from 'node:assert/strict';
import { createHttpHeaders, createPipelineRequest, RestError, type PipelineResponse } from '@azure/core-rest-pipeline';
import { MAX_SERVER_WAIT_MS, toRegistryError } from '../../src/registry/errors';
import { retryAfterCapPolicy, wantedWaitMs } from '../../src/registry/retryAfter';

const request = createPipelineRequest({ url: 'https://r1234.azurecr.io/acr/v1/x' });

function answer(status: number, headers: Record<string, string>): PipelineResponse {
  return { request, status, headers: createHttpHeaders(headers), bodyAsText: '{"errors":[{"code":"TOOMANYREQUESTS"}]}' };
}

suite('Retry-After', () => {
  test('the wanted wait, from seconds, ms headers or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    assert.equal(wantedWaitMs(createHttpHeaders({ 'retry-after': '7' }), now), 7000);
    assert.equal(wantedWaitMs(createHttpHeaders({ 'retry-after-ms': '250', 'retry-after': '7' }), now), 250);
    assert.equal(wantedWaitMs(createHttpHeaders({ 'x-ms-retry-after-ms': '1500' }), now), 1500);
    assert.equal(wantedWaitMs(createHttpHeaders({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }), now), 30_000);
    assert.equal(wantedWaitMs(createHttpHeaders({ 'retry-after': 'Wed, 31 Dec 2025 00:00:00 GMT' }), now), 0, 'a past date is no wait');
    assert.equal(wantedWaitMs(createHttpHeaders({ 'retry-after': 'soon' }), now), undefined);
    assert.equal(wantedWaitMs(createHttpHeaders({}), now), undefined);
  });

  test('the cap policy removes a wait above MAX_SERVER_WAIT_MS (so the SDK does not sleep) and keeps it for the error', async () => {
    assert.equal(MAX_SERVER_WAIT_MS, 60_000);
    const policy = retryAfterCapPolicy();
    const huge = await policy.sendRequest(request, () => Promise.resolve(answer(429, { 'retry-after': '100000' })));
    assert.equal(huge.headers.get('retry-after'), undefined);
    const error = toRegistryError(new RestError('throttled', { statusCode: 429, response: huge }));
    assert.equal(error.kind, 'throttled');
    assert.equal(error.details.retryAfterMs, 100_000_000);
    const minute = await policy.sendRequest(request, () => Promise.resolve(answer(503, { 'retry-after': '60' })));
    assert.equal(minute.headers.get('retry-after'), '60', 'one minute is left to the SDK');
    assert.equal(toRegistryError(new RestError('busy', { statusCode: 503, response: minute })).details.retryAfterMs, 60_000);
    const other = await policy.sendRequest(request, () => Promise.resolve(answer(500, { 'retry-after': '100000' })));
    assert.equal(other.headers.get('retry-after'), '100000', 'only 429 and 503 are throttling answers');
    assert.equal(toRegistryError(new RestError('x', { statusCode: 500, response: other })).details.retryAfterMs, undefined);
  });
});
