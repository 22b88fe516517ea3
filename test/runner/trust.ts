// Trust in the sandbox's CA for the processes the runners start (code-server and its extension
// host, VS Code desktop) — never in the machine's certificate store. With VS Code's default
// `http.systemCertificates: true`, its `fetch` trusts the *system* certificates (read through
// OpenSSL, so `SSL_CERT_FILE` decides) and not NODE_EXTRA_CA_CERTS; Node's `https` module reads
// NODE_EXTRA_CA_CERTS. Both are set, per process, to files in the run folder.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Where Debian/Ubuntu, Fedora/RHEL and Alpine/macOS keep the system CA bundle. */
export const SYSTEM_CA_BUNDLES = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'];

/** The bundle the process would otherwise trust: an existing SSL_CERT_FILE, else the system's. */
export function systemCaBundle(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const configured = env.SSL_CERT_FILE;
  return [...(configured ? [configured] : []), ...SYSTEM_CA_BUNDLES].find((file) => fs.existsSync(file));
}

/**
 * Writes `<runDir>/ca-bundle.pem` (the system bundle plus the sandbox CA) and returns the
 * environment that makes a child process trust it: SSL_CERT_FILE (VS Code's fetch and system
 * certificates) and NODE_EXTRA_CA_CERTS (Node's https). Empty without a CA file.
 */
export function trustEnv(runDir: string, caFile: string | undefined): Record<string, string> {
  if (!caFile) {
    return {};
  }
  const system = systemCaBundle();
  const bundle = path.join(runDir, 'ca-bundle.pem');
  const parts = [...(system ? [fs.readFileSync(system, 'utf8')] : []), fs.readFileSync(caFile, 'utf8')];
  fs.writeFileSync(bundle, parts.map((pem) => pem.trimEnd()).join('\n') + '\n');
  return { SSL_CERT_FILE: bundle, NODE_EXTRA_CA_CERTS: caFile };
}
