/** A private CA and a server certificate (keys from node:crypto, certificates built with node-forge). */
import { createPrivateKey, generateKeyPair, randomBytes, sign } from 'node:crypto';
import { promisify } from 'node:util';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface ServerCertificate {
  certPem: string;
  keyPem: string;
}

// forge exports this (used by its own cert.sign), but @types/node-forge omits it.
declare module 'node-forge' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace pki {
    function getTBSCertificate(cert: Certificate): asn1.Asn1;
  }
}

interface KeyPair {
  publicPem: string;
  privatePem: string;
}

const generate = promisify(generateKeyPair);
/** Key pairs are expensive (hundreds of ms on a busy machine): generated off-thread and reused within the process. */
let keyPool: Promise<KeyPair[]> | undefined;

async function rsaKeyPair(): Promise<KeyPair> {
  const { publicKey, privateKey } = await generate('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
}

/** Key cache shared by sandbox processes of this user (keys only; certificates are new on every start). */
export function keyCacheFile(): string {
  return join(tmpdir(), `acr-image-locks-sandbox-keys-${userInfo().uid}.json`);
}

function readCachedKeys(): KeyPair[] | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(keyCacheFile(), 'utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((k: { publicPem?: unknown; privatePem?: unknown }) => typeof k.publicPem === 'string' && typeof k.privatePem === 'string')) {
      return parsed as KeyPair[];
    }
  } catch {
    // no usable cache
  }
  return undefined;
}

async function generateAndCache(): Promise<KeyPair[]> {
  const pairs = await Promise.all([rsaKeyPair(), rsaKeyPair()]);
  try {
    writeFileSync(keyCacheFile(), JSON.stringify(pairs), { mode: 0o600 });
  } catch {
    // cache is best effort
  }
  return pairs;
}

/** Two key pairs (CA, server): from the cache file, else generated in parallel; memoized per process. */
export function keyPairs(): Promise<KeyPair[]> {
  keyPool ??= Promise.resolve(readCachedKeys()).then((cached) => cached ?? generateAndCache());
  return keyPool;
}

/** Signs with node:crypto (forge's pure-JS RSA signing is slow); same result as forge's cert.sign. */
function signCertificate(cert: forge.pki.Certificate, privatePem: string): void {
  cert.signatureOid = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  cert.siginfo.algorithmOid = cert.signatureOid;
  cert.tbsCertificate = forge.pki.getTBSCertificate(cert);
  const der = Buffer.from(forge.asn1.toDer(cert.tbsCertificate).getBytes(), 'binary');
  cert.signature = sign('sha256', der, createPrivateKey(privatePem)).toString('binary');
}

function serialNumber(): string {
  // Positive (leading 0x01..0x7f nibble pair) as X.509 requires.
  return '01' + randomBytes(15).toString('hex');
}

function validity(cert: forge.pki.Certificate, years: number): void {
  const from = new Date(Date.now() - 24 * 3600 * 1000);
  const to = new Date(from.getTime());
  to.setFullYear(from.getFullYear() + years);
  cert.validity.notBefore = from;
  cert.validity.notAfter = to;
}

export function createCertificateAuthority(keys: KeyPair): CertificateAuthority {
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serialNumber();
  validity(cert, 10);
  const subject = [
    { name: 'commonName', value: 'ACR Image Locks Sandbox CA' },
    { name: 'organizationName', value: 'acr-image-locks sandbox' },
  ];
  cert.setSubject(subject);
  cert.setIssuer(subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  signCertificate(cert, keys.privatePem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** Loads `ca.pem` + `ca-key.pem` from `dir` when both exist, else creates and writes them. */
export function loadOrCreateCertificateAuthority(dir: string, keys: KeyPair): CertificateAuthority {
  const certFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'ca-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
  }
  const ca = createCertificateAuthority(keys);
  writeFileSync(keyFile, ca.keyPem, { mode: 0o600 });
  writeFileSync(certFile, ca.certPem);
  return ca;
}

export function createServerCertificate(ca: CertificateAuthority, keys: KeyPair, dnsNames: readonly string[], ipAddresses: readonly string[]): ServerCertificate {
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serialNumber();
  validity(cert, 1);
  cert.setSubject([{ name: 'commonName', value: dnsNames[0] ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [...dnsNames.map((value) => ({ type: 2, value })), ...ipAddresses.map((ip) => ({ type: 7, ip }))] },
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: caCert.generateSubjectKeyIdentifier().getBytes() },
  ]);
  signCertificate(cert, ca.keyPem);
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}
