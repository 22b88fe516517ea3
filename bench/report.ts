/** The JSON written to bench/results/ and the Markdown table printed from it. */

export type Value = number | string | null;

export interface Results {
  [field: string]: Value;
  timestamp: string;
  mode: string;
  latencyMs: number;
  concurrency: number;
  runSeconds: number;
  bulkItems: number;
  bulkSeconds: number;
  bulkSecondsPerItem: number;
  bulkFailed: number;
  bulkLocked: number;
  azSecondsPerItem: number | null;
  azSamples: number;
  azRequestsPerItem: number | null;
  azExtrapolatedSeconds: number | null;
  azSkipped: string | null;
  speedupVsAz: number | null;
  requestsPerItem: number;
  requestsPerItemWithWarmup: number;
  tokenAuthRequestsPerItem: number;
  tokenAuthRequestsPerItemWithWarmup: number;
  writeLimitPerMin: number;
  throttledItems: number;
  achievedWritesPerMin: number;
  achievedFractionOfLimit: number;
  failedItems: number;
  faultRunItems: number;
  faultInjected: number;
  faultRunCorrect: number;
  faultRunReported: number;
  faultRunSkipped: number;
  faultRunFailed: number;
  firstPageRequests: number;
  firstPageWireRequests: number;
  firstPageMs: number;
  fullReportRequests: number;
  fullReportMs: number;
  fullReportColdRequests: number;
  fullReportColdMs: number;
  listedTags: number;
  heapGrowthMB: number;
  activationMs: number | null;
  activationStubMs: number | null;
  hostActivateMs: number | null;
  vsixKB: number | null;
  packageSkipped: string | null;
}

type Verdict = 'met' | 'missed' | 'n/a' | '—';

function verdict(ok: boolean | undefined): Verdict {
  return ok === undefined ? 'n/a' : ok ? 'met' : 'missed';
}

function fmt(value: number | null, digits = 0): string {
  return value === null ? 'n/a' : value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

function num(r: Results, field: string): number | null {
  const value = r[field];
  return typeof value === 'number' ? value : null;
}

/** The `--host` figures (bench/host/index.ts), when measured. */
function hostRows(r: Results): [string, string, string, Verdict][] {
  const seconds = num(r, 'hostBulkSeconds');
  if (seconds === null) {
    return [];
  }
  const rps = num(r, 'hostRequestsPerSecond') ?? 0;
  const https = num(r, 'hostBulkSecondsNodeHttps');
  const speedup = num(r, 'hostSpeedupVsNodeHttps');
  const premium = num(r, 'hostPremiumFractionOfLimit');
  const standard = num(r, 'hostStandardFractionOfLimit');
  const failed = num(r, 'hostFailedItems') ?? 0;
  const throttled = num(r, 'hostThrottledFraction');
  const proxyRatio = num(r, 'hostViaProxyRatio');
  const activation = num(r, 'activationOwnMs');
  const coldActivation = num(r, 'activationOwnColdMs');
  const fraction = (value: number | null): string => (value === null ? 'n/a' : `${fmt(value * 100, 1)} %`);
  return [
    [
      `In the extension host: Lock All Tags… ${fmt(num(r, 'hostItems'))} tags (stock settings, fetch)`,
      `${fmt(seconds, 2)} s, ${fmt(rps, 0)} requests/s, ${fmt(num(r, 'hostCpuMsPerRequest'), 2)} ms host CPU/request, ${fmt(num(r, 'hostTlsConnections'))} TLS connections, ${fmt(num(r, 'hostTokenRequests'))} sign-in requests`,
      '≥ 150 requests/s',
      verdict(rps >= 150),
    ],
    [
      'Same run through Node https (the old path)',
      https === null ? 'n/a' : `${fmt(https, 2)} s, ${fmt(num(r, 'hostRequestsPerSecondNodeHttps'), 0)} requests/s, ${fmt(num(r, 'hostCpuMsPerRequestNodeHttps'), 2)} ms CPU/request → fetch is ${fmt(speedup, 1)}× faster`,
      '≥ 8×',
      verdict(speedup === null ? undefined : speedup >= 8),
    ],
    [
      `Premium limit (2,000 writes/min per identity), ${fmt(num(r, 'hostThrottledMinutesPerSku'))} min after the burst`,
      `${fraction(premium)} of the limit`,
      '≥ 90 %, 0 failed',
      verdict(premium === null ? undefined : premium >= 0.9 && failed === 0),
    ],
    [
      `Standard limit (1,000 writes/min per identity), ${fmt(num(r, 'hostThrottledMinutesPerSku'))} min after the burst`,
      `${fraction(standard)} of the limit`,
      '≥ 90 %, 0 failed',
      verdict(standard === null ? undefined : standard >= 0.9 && failed === 0),
    ],
    ['Failed items, every in-host run', `${fmt(failed)}`, '0', verdict(failed === 0)],
    [
      '429s after the first minute (throttled runs)',
      `${fraction(throttled)} of ${fmt(num(r, 'hostThrottledRequestsAfterFirstMinute'))} requests`,
      '≤ 5 %',
      verdict(throttled === null ? undefined : throttled <= 0.05),
    ],
    [
      'Through http.proxy (CONNECT proxy, *.azurecr.io login server)',
      `${fmt(num(r, 'hostViaProxySeconds'), 2)} s = ${fmt(proxyRatio, 2)}× the direct run`,
      '≤ 1.25×',
      verdict(proxyRatio === null ? undefined : proxyRatio <= 1.25),
    ],
    [
      'Activation, own code in the extension host (production build; load main.js + activate()), restart: median of 5 fresh hosts',
      activation === null
        ? 'n/a'
        : `${fmt(activation, 1)} ms (load ${fmt(num(r, 'activationLoadMs'), 1)} ms, activate() ${fmt(num(r, 'activationActivateMs'), 1)} ms; range ${fmt(num(r, 'activationOwnMinMs'), 1)}–${fmt(num(r, 'activationOwnMaxMs'), 1)} ms)`,
      '≤ 50 ms',
      verdict(activation === null ? undefined : activation <= 50),
    ],
    [
      'Activation, own code, first host after the build (main.js compiled from scratch)',
      coldActivation === null ? 'n/a' : `${fmt(coldActivation, 1)} ms`,
      '≤ 50 ms',
      verdict(coldActivation === null ? undefined : coldActivation <= 50),
    ],
  ];
}

export function markdownTable(r: Results): string {
  const speedOk = r.speedupVsAz === null ? undefined : r.speedupVsAz >= 50;
  const rows: [string, string, string, Verdict][] = [
    [
      `Bulk lock, ${r.bulkItems} tags (concurrency ${r.concurrency})`,
      `${fmt(r.bulkSeconds, 2)} s = ${fmt(r.bulkSecondsPerItem * 1000, 1)} ms/item, ${r.bulkFailed} failed, ${r.bulkLocked} locked`,
      '',
      '—',
    ],
    [
      `\`az acr repository update\` loop (${r.azSamples} tags)`,
      r.azSecondsPerItem === null
        ? `not measured: ${r.azSkipped ?? ''}`
        : `${fmt(r.azSecondsPerItem, 2)} s/item, ${fmt(r.azRequestsPerItem, 1)} requests/item → ${fmt(r.azExtrapolatedSeconds, 0)} s for ${r.bulkItems}`,
      '',
      '—',
    ],
    ['Speed-up vs az loop (per item)', r.speedupVsAz === null ? 'n/a' : `${fmt(r.speedupVsAz, 0)}×`, '≥ 50×', verdict(speedOk)],
    [
      'Requests per item after warm-up (password auth, incl. token calls)',
      `${fmt(r.requestsPerItem, 3)} (with warm-up ${fmt(r.requestsPerItemWithWarmup, 3)})`,
      '≤ 1.05',
      verdict(r.requestsPerItem <= 1.05),
    ],
    [
      'Requests per item after warm-up (AAD token auth)',
      `${fmt(r.tokenAuthRequestsPerItem, 3)} (with warm-up ${fmt(r.tokenAuthRequestsPerItemWithWarmup, 3)})`,
      '≤ 1.05',
      verdict(r.tokenAuthRequestsPerItem <= 1.05),
    ],
    [
      `Write limit ${fmt(r.writeLimitPerMin)}/min, ${r.throttledItems} tags`,
      `${fmt(r.achievedWritesPerMin)}/min = ${fmt(r.achievedFractionOfLimit * 100, 1)} % of limit, ${r.failedItems} failed`,
      '≥ 90 %, 0 failed',
      verdict(r.achievedFractionOfLimit >= 0.9 && r.failedItems === 0),
    ],
    [
      `5 % faults, ${r.faultRunItems} tags (${r.faultInjected} faults injected)`,
      `${r.faultRunCorrect} in requested state, ${r.faultRunReported} reported, ${r.faultRunSkipped} skipped, ${r.faultRunFailed} failed`,
      `${r.faultRunItems} reported, 0 skipped`,
      verdict(r.faultRunReported === r.faultRunItems && r.faultRunSkipped === 0),
    ],
    [
      `First page of ${fmt(r.listedTags)} tags (n=100)`,
      `${r.firstPageRequests} listing request (${r.firstPageWireRequests} on the wire, cold: challenge + token), ${fmt(r.firstPageMs, 0)} ms`,
      '1 request',
      verdict(r.firstPageRequests === 1),
    ],
    [
      `Full lock report, ${fmt(r.listedTags)} tags (n=1000)`,
      `${r.fullReportRequests} requests, ${fmt(r.fullReportMs, 0)} ms (cold client: ${r.fullReportColdRequests} requests, ${fmt(r.fullReportColdMs, 0)} ms)`,
      '≤ 11 requests',
      verdict(r.fullReportRequests <= 11),
    ],
    ['Heap growth, full report', `${fmt(r.heapGrowthMB, 1)} MB`, '', '—'],
    [
      'Activation in the extension host (bundle load + activate)',
      r.activationMs === null ? `n/a ${r.packageSkipped ?? ''}` : `${fmt(r.activationMs, 0)} ms (activate() alone ${fmt(r.hostActivateMs, 0)} ms; stub host ${fmt(r.activationStubMs, 0)} ms)`,
      '',
      '—',
    ],
    ['.vsix size', r.vsixKB === null ? `n/a ${r.packageSkipped ?? ''}` : `${fmt(r.vsixKB, 0)} KB`, '', '—'],
    ...hostRows(r),
  ];
  const lines = [
    `Benchmark (${r.mode}, ${r.latencyMs} ms injected latency, ${r.timestamp}, ${fmt(r.runSeconds, 0)} s)`,
    '',
    '| Measure | Measured | Target | |',
    '|---|---|---|---|',
    ...rows.map(([a, b, c, d]) => `| ${a} | ${b} | ${c} | ${d} |`),
  ];
  return lines.join('\n');
}
