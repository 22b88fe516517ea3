/** A private CA and a server certificate (keys from node:crypto, certificates built with node-forge). */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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

function rsaKeyPair(): { publicPem: string; privatePem: string } {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
  };
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

export function createCertificateAuthority(): CertificateAuthority {
  const keys = rsaKeyPair();
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
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** Loads `ca.pem` + `ca-key.pem` from `dir` when both exist, else creates and writes them. */
export function loadOrCreateCertificateAuthority(dir: string): CertificateAuthority {
  const certFile = join(dir, 'ca.pem');
  const keyFile = join(dir, 'ca-key.pem');
  if (existsSync(certFile) && existsSync(keyFile)) {
    return { certPem: readFileSync(certFile, 'utf8'), keyPem: readFileSync(keyFile, 'utf8') };
  }
  const ca = createCertificateAuthority();
  writeFileSync(keyFile, ca.keyPem, { mode: 0o600 });
  writeFileSync(certFile, ca.certPem);
  return ca;
}

export function createServerCertificate(ca: CertificateAuthority, dnsNames: readonly string[], ipAddresses: readonly string[]): ServerCertificate {
  const keys = rsaKeyPair();
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
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}
