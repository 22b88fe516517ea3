/**
 * Bounds on every registry request, below the SDK's pipeline (an HttpClient wrapper, so for the
 * SDK's Node client and the fetch client alike):
 * - no answer (status and headers) within connect + idle timeout → a clear `unreachable` error
 *   naming the host and the timeouts (the transport may enforce the connect part exactly: the
 *   command-line tool's undici agent does);
 * - once the answer has started, no bytes for the idle timeout → the same;
 * - a body larger than `maxBodyBytes` after decompression (a gzip bomb included) → a
 *   `badResponse` error; it is read as a stream and dropped at the cap, so memory stays bounded.
 * These errors are RegistryErrors (no system error code), so the SDK does not retry them: a
 * stalled registry ends after the stated timeout, not after four of them.
 * A request that asks for a streamed body itself (blob downloads) is passed through unchanged.
 */
import type { HttpClient, PipelineRequest, PipelineResponse } from '@azure/core-rest-pipeline';
import { RegistryError } from './errors';

export interface TransportLimits {
  readonly connectTimeoutMs: number;
  readonly idleTimeoutMs: number;
  readonly maxBodyBytes: number;
}

export const DEFAULT_CONNECT_TIMEOUT_SEC = 30;
export const DEFAULT_IDLE_TIMEOUT_SEC = 60;
export const MAX_TIMEOUT_SEC = 3600;
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

export const DEFAULT_TRANSPORT_LIMITS: TransportLimits = {
  connectTimeoutMs: DEFAULT_CONNECT_TIMEOUT_SEC * 1000,
  idleTimeoutMs: DEFAULT_IDLE_TIMEOUT_SEC * 1000,
  maxBodyBytes: DEFAULT_MAX_BODY_BYTES,
};

export const CONNECT_TIMEOUT = 'CONNECT_TIMEOUT';
export const IDLE_TIMEOUT = 'IDLE_TIMEOUT';
export const RESPONSE_TOO_LARGE = 'RESPONSE_TOO_LARGE';

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unknown host)';
  }
}

/** A whole number of seconds from 1 to MAX_TIMEOUT_SEC, or undefined. */
export function parseTimeoutSeconds(text: string): number | undefined {
  if (!/^[0-9]+$/.test(text)) {
    return undefined;
  }
  const value = Number(text);
  return value >= 1 && value <= MAX_TIMEOUT_SEC ? value : undefined;
}

function connectTimedOut(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${error.cause instanceof Error ? error.cause.message : ''}` : '';
  return /Connect Timeout Error|UND_ERR_CONNECT_TIMEOUT/.test(text);
}

interface Timer {
  arm(ms: number): void;
  stop(): void;
}

function timer(onFire: () => void): Timer {
  let handle: NodeJS.Timeout | undefined;
  return {
    arm(ms) {
      clearTimeout(handle);
      handle = setTimeout(onFire, ms);
    },
    stop: () => clearTimeout(handle),
  };
}

async function readCapped(stream: NodeJS.ReadableStream, limits: TransportLimits, host: string, idle: Timer, stalled: () => boolean): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  const destroy = (): void => {
    (stream as { destroy?: () => void }).destroy?.();
  };
  try {
    idle.arm(limits.idleTimeoutMs);
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      idle.arm(limits.idleTimeoutMs);
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.byteLength;
      if (size > limits.maxBodyBytes) {
        destroy();
        throw new RegistryError(
          'badResponse',
          `The answer from ${host} is larger than ${Math.round(limits.maxBodyBytes / (1024 * 1024))} MB (after decompression); it was not read further.`,
          { code: RESPONSE_TOO_LARGE, host },
        );
      }
      chunks.push(buffer);
    }
  } catch (error: unknown) {
    destroy();
    if (stalled()) {
      throw idleError(host, limits);
    }
    throw error;
  } finally {
    idle.stop();
  }
  return Buffer.concat(chunks).toString('utf8');
}

function idleError(host: string, limits: TransportLimits): RegistryError {
  return new RegistryError('unreachable', `${host} sent nothing for ${seconds(limits.idleTimeoutMs)} (idle timeout); the request was stopped.`, {
    code: IDLE_TIMEOUT,
    host,
  });
}

export function limitedHttpClient(inner: HttpClient, limits: TransportLimits = DEFAULT_TRANSPORT_LIMITS): HttpClient {
  return {
    async sendRequest(request: PipelineRequest): Promise<PipelineResponse> {
      const streaming = request.streamResponseStatusCodes;
      if (streaming !== undefined && streaming.size > 0) {
        return inner.sendRequest(request);
      }
      const host = hostOf(request.url);
      const callerSignal = request.abortSignal;
      const controller = new AbortController();
      const onAbort = (): void => controller.abort();
      if (callerSignal?.aborted) {
        controller.abort();
      }
      callerSignal?.addEventListener('abort', onAbort);
      let phase: 'headers' | 'body' | undefined;
      const fire = timer(() => {
        phase = phase ?? 'headers';
        controller.abort();
      });
      request.abortSignal = controller.signal;
      request.streamResponseStatusCodes = new Set([Number.POSITIVE_INFINITY]);
      try {
        let response: PipelineResponse;
        fire.arm(limits.connectTimeoutMs + limits.idleTimeoutMs);
        try {
          response = await inner.sendRequest(request);
        } catch (error: unknown) {
          if (phase === 'headers') {
            throw new RegistryError(
              'unreachable',
              `${host} did not answer within ${seconds(limits.connectTimeoutMs + limits.idleTimeoutMs)} (connect timeout ${seconds(limits.connectTimeoutMs)} + idle timeout ${seconds(limits.idleTimeoutMs)}); the request was stopped.`,
              { code: IDLE_TIMEOUT, host },
            );
          }
          if (connectTimedOut(error)) {
            throw new RegistryError('unreachable', `Could not connect to ${host} within ${seconds(limits.connectTimeoutMs)} (connect timeout).`, { code: CONNECT_TIMEOUT, host });
          }
          throw error;
        } finally {
          fire.stop();
        }
        const body = response.readableStreamBody;
        delete response.readableStreamBody;
        if (body !== undefined) {
          const idle = timer(() => {
            phase = 'body';
            controller.abort();
            (body as { destroy?: (error?: Error) => void }).destroy?.(new Error('idle timeout'));
          });
          response.bodyAsText = await readCapped(body, limits, host, idle, () => phase === 'body');
        } else if (request.method !== 'HEAD') {
          response.bodyAsText = '';
        }
        return response;
      } finally {
        callerSignal?.removeEventListener('abort', onAbort);
        request.abortSignal = callerSignal;
        request.streamResponseStatusCodes = streaming;
      }
    },
  };
}
