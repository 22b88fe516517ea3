/**
 * An `HttpClient` for `@azure/core-rest-pipeline` over a WHATWG `fetch` — in VS Code the
 * extension host's global `fetch`, which pools connections and applies the user's proxy
 * and certificate settings (`http.proxy`, `http.systemCertificates`), while requests
 * through Node's `https` get a new agent and TLS context per request there.
 *
 * The SDK ships a fetch client only in its browser build (internal, bound to the global
 * `fetch`, no Node streams), so this one follows the SDK's Node client instead: the same
 * abort and timeout handling, `streamResponseStatusCodes` → `readableStreamBody` (a Node
 * stream, as the Node client gives it even with `enableBrowserStreams`), progress callbacks, and failures as `RestError`s whose `code` is the Node system
 * error code (ECONNRESET, ECONNREFUSED, ETIMEDOUT, ENOTFOUND, TLS codes) or
 * REQUEST_SEND_ERROR, so the SDK's retry strategies and `toRegistryError` read them as they
 * read the Node client's. Redirects are not followed here (`redirect: 'manual'`): the SDK's
 * redirect policy decides, as with the Node client.
 *
 * Not applicable to fetch, and refused rather than silently dropped: per-request
 * `tlsSettings` (custom CAs, client certificates) and explicit `proxySettings`.
 * `request.agent` (the SDK's HTTPS_PROXY agent) is ignored: fetch has its own proxy support.
 */
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import type * as Rest from '@azure/core-rest-pipeline';
import type { HttpClient, PipelineRequest, PipelineResponse, TransferProgressEvent } from '@azure/core-rest-pipeline';
import { AbortError } from '../util/abort';

export type FetchFunction = typeof globalThis.fetch;

/** Headers fetch manages itself (undici refuses or rewrites some of them). */
const FETCH_MANAGED_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'upgrade', 'proxy-connection']);

/** undici's own error codes → the Node system codes the SDK's Node client reports. */
const UNDICI_CODES: Readonly<Record<string, string>> = {
  UND_ERR_SOCKET: 'ECONNRESET',
  UND_ERR_CLOSED: 'ECONNRESET',
  UND_ERR_CONNECT_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_HEADERS_TIMEOUT: 'ETIMEDOUT',
  UND_ERR_BODY_TIMEOUT: 'ETIMEDOUT',
};

let restModule: Promise<typeof Rest> | undefined;

/** The pipeline package is loaded with the first request, never at activation. */
function rest(): Promise<typeof Rest> {
  restModule ??= import('@azure/core-rest-pipeline');
  return restModule;
}

export function createFetchHttpClient(fetchImpl: FetchFunction): HttpClient {
  return { sendRequest: (request) => send(fetchImpl, request) };
}

interface Cancellation {
  readonly signal: AbortSignal;
  timedOut(): boolean;
  /** Stops the timer (headers or the whole body arrived). */
  stopTimer(): void;
  /** Also detaches from the caller's signal. */
  dispose(): void;
}

function cancellation(request: PipelineRequest): Cancellation {
  const controller = new AbortController();
  const callerSignal = request.abortSignal;
  if (callerSignal?.aborted) {
    throw new AbortError('The operation was aborted. Request has already been canceled.');
  }
  const onAbort = (): void => controller.abort();
  callerSignal?.addEventListener('abort', onAbort);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  if (request.timeout > 0) {
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, request.timeout);
  }
  const stopTimer = (): void => clearTimeout(timer);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    stopTimer,
    dispose: () => {
      stopTimer();
      callerSignal?.removeEventListener('abort', onAbort);
    },
  };
}

function hasEntries(value: object | undefined): boolean {
  return value !== undefined && Object.keys(value).length > 0;
}

function checkApplicable(request: PipelineRequest): void {
  const url = new URL(request.url);
  if (url.protocol !== 'https:' && !request.allowInsecureConnection) {
    throw new Error(`Cannot connect to ${request.url} while allowInsecureConnection is false.`);
  }
  if (hasEntries(request.tlsSettings)) {
    throw new Error('The fetch HTTP client cannot apply per-request TLS settings; it trusts the certificate store of the host (VS Code: the system store).');
  }
  if (request.proxySettings) {
    throw new Error("The fetch HTTP client cannot apply per-request proxy settings; it uses the host's proxy configuration (VS Code: http.proxy).");
  }
}

function fetchHeaders(request: PipelineRequest, streaming: boolean): Headers {
  const headers = new Headers();
  for (const [name, value] of request.headers) {
    const lower = name.toLowerCase();
    // A fixed-size body gets its Content-Length from fetch; a stream keeps the caller's.
    if (!FETCH_MANAGED_HEADERS.has(lower) && (streaming || lower !== 'content-length')) {
      headers.append(name, value);
    }
  }
  return headers;
}

function isNodeReadable(value: unknown): value is NodeJS.ReadableStream {
  return typeof value === 'object' && value !== null && 'pipe' in value && typeof value.pipe === 'function' && 'read' in value;
}

function counting(onProgress: ((progress: TransferProgressEvent) => void) | undefined): TransformStream<Uint8Array, Uint8Array> | undefined {
  if (!onProgress) {
    return undefined;
  }
  let loadedBytes = 0;
  return new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      loadedBytes += chunk.byteLength;
      controller.enqueue(chunk);
      onProgress({ loadedBytes });
    },
  });
}

function withProgress(stream: ReadableStream<Uint8Array>, onProgress: ((progress: TransferProgressEvent) => void) | undefined): ReadableStream<Uint8Array> {
  const counter = counting(onProgress);
  return counter ? stream.pipeThrough(counter) : stream;
}

function formBody(request: PipelineRequest): URLSearchParams | FormData | undefined {
  const form = request.formData;
  if (!form) {
    return undefined;
  }
  const urlEncoded = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded');
  const body = urlEncoded ? new URLSearchParams() : new FormData();
  for (const [name, value] of Object.entries(form)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (body instanceof URLSearchParams) {
        body.append(name, typeof item === 'string' ? item : '');
      } else {
        body.append(name, item);
      }
    }
  }
  return body;
}

interface OutgoingBody {
  readonly body?: RequestInit['body'];
  readonly streaming: boolean;
  /** Size of a fixed body, for the upload progress callback. */
  readonly size?: number;
}

function outgoingBody(request: PipelineRequest): OutgoingBody {
  const raw = typeof request.body === 'function' ? request.body() : request.body;
  if (raw === undefined || raw === null) {
    const form = formBody(request);
    return form ? { body: form, streaming: false } : { streaming: false };
  }
  if (isNodeReadable(raw)) {
    const readable = raw instanceof Readable ? raw : new Readable().wrap(raw);
    return { body: withProgress(Readable.toWeb(readable) as ReadableStream<Uint8Array>, request.onUploadProgress), streaming: true };
  }
  if (raw instanceof ReadableStream) {
    return { body: withProgress(raw, request.onUploadProgress), streaming: true };
  }
  if (typeof raw === 'string') {
    return { body: raw, streaming: false, size: Buffer.byteLength(raw) };
  }
  if (raw instanceof Blob) {
    return { body: raw, streaming: false, size: raw.size };
  }
  if (raw instanceof ArrayBuffer) {
    return { body: raw, streaming: false, size: raw.byteLength };
  }
  if (ArrayBuffer.isView(raw)) {
    return { body: new Uint8Array(raw.buffer, raw.byteOffset, raw.byteLength), streaming: false, size: raw.byteLength };
  }
  return { body: raw, streaming: false };
}

/** The first error code along the `cause` chain (fetch wraps socket and TLS errors in "fetch failed"). */
function causeCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    if ('code' in current && typeof current.code === 'string') {
      return UNDICI_CODES[current.code] ?? current.code;
    }
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

function causeMessage(error: unknown): string {
  const outer = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : undefined;
  return cause && cause !== outer ? `${outer}: ${cause}` : outer;
}

async function failure(error: unknown, request: PipelineRequest, cancel: Cancellation): Promise<Error> {
  if (cancel.timedOut()) {
    const { RestError } = await rest();
    return new RestError(`The request timed out after ${request.timeout} ms.`, { code: 'ETIMEDOUT', request });
  }
  if (cancel.signal.aborted) {
    return new AbortError('The operation was aborted.');
  }
  const { RestError } = await rest();
  return new RestError(`Error sending request: ${causeMessage(error)}`, { code: causeCode(error) ?? RestError.REQUEST_SEND_ERROR, request });
}

function responseHeaders(rest: typeof Rest, response: Response): Rest.HttpHeaders {
  const headers = rest.createHttpHeaders();
  for (const [name, value] of response.headers) {
    headers.set(name, value);
  }
  return headers;
}

function wantsStream(request: PipelineRequest, status: number): boolean {
  const codes = request.streamResponseStatusCodes;
  return codes !== undefined && (codes.has(Number.POSITIVE_INFINITY) || codes.has(status));
}

/** A Node stream over the body; the caller's abort listener is released when it ends. */
function nodeStream(body: ReadableStream<Uint8Array>, cancel: Cancellation, request: PipelineRequest): NodeJS.ReadableStream {
  const stream = Readable.fromWeb(withProgress(body, request.onDownloadProgress) as NodeWebStream<Uint8Array>);
  stream.once('close', () => cancel.dispose());
  return stream;
}

async function text(body: ReadableStream<Uint8Array> | null, request: PipelineRequest): Promise<string> {
  return body ? new Response(withProgress(body, request.onDownloadProgress)).text() : '';
}

async function send(fetchImpl: FetchFunction, request: PipelineRequest): Promise<PipelineResponse> {
  checkApplicable(request);
  const runtime = await rest();
  const cancel = cancellation(request);
  let streamed = false;
  try {
    const outgoing = outgoingBody(request);
    const init: RequestInit = {
      method: request.method,
      headers: fetchHeaders(request, outgoing.streaming),
      body: outgoing.body,
      signal: cancel.signal,
      redirect: 'manual',
      ...(outgoing.streaming ? { duplex: 'half' as const } : {}),
      ...request.requestOverrides,
    };
    const response = await fetchImpl(request.url, init);
    if (outgoing.size !== undefined) {
      request.onUploadProgress?.({ loadedBytes: outgoing.size });
    }
    const result: PipelineResponse = { request, status: response.status, headers: responseHeaders(runtime, response) };
    if (request.method === 'HEAD') {
      await response.body?.cancel();
      return result;
    }
    if (wantsStream(request, response.status)) {
      cancel.stopTimer();
      if (response.body) {
        result.readableStreamBody = nodeStream(response.body, cancel, request);
        streamed = true;
      }
      return result;
    }
    result.bodyAsText = await text(response.body, request);
    return result;
  } catch (error: unknown) {
    throw await failure(error, request, cancel);
  } finally {
    if (!streamed) {
      cancel.dispose();
    }
  }
}
