/**
 * The LAN listener's certificates, in `<data>/tls/`: a local certificate authority (10 years, kept) that phones
 * trust once, and a server certificate it signs (825 days at most, the longest phones accept) naming every LAN
 * address of the machine, its host name, 127.0.0.1 and localhost. The server certificate is made again when the
 * machine's addresses change or it nears its end. Keys are written with mode 0600. Keys come from Node's crypto
 * (RSA 2048); node-forge writes the X.509 certificates.
 */
import { createHash, generateKeyPairSync, randomBytes, X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import forge from 'node-forge';
import { sameSans, type SanSet } from '../domain/pairing';

export const TLS_DIR = 'tls';
const CA_YEARS = 10;
const SERVER_DAYS = 825;
/** A server certificate this close to its end is made again at start. */
const RENEW_BEFORE_DAYS = 30;

export interface TlsMaterial {
  caPem: string;
  certPem: string;
  keyPem: string;
  /** SHA-256 of the CA certificate (DER), colon-separated upper-case hex, as phones show it. */
  caFingerprint: string;
  /** The server certificate was made on this start. */
  renewed: boolean;
  sans: SanSet;
}

interface Files {
  caCrt: string;
  caKey: string;
  crt: string;
  key: string;
  sans: string;
}

function files(dir: string): Files {
  return {
    caCrt: join(dir, 'ca.crt'),
    caKey: join(dir, 'ca.key'),
    crt: join(dir, 'server.crt'),
    key: join(dir, 'server.key'),
    sans: join(dir, 'server-sans.json'),
  };
}

function rsaKeys(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privatePem: privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function serial(): string {
  // positive, 16 bytes
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString('hex');
}

function writeSecret(path: string, text: string): void {
  writeFileSync(path, text, { mode: 0o600 });
  chmodSync(path, 0o600);
}

export function fingerprint(pem: string): string {
  const der = Buffer.from(
    forge.asn1.toDer(forge.pki.certificateToAsn1(forge.pki.certificateFromPem(pem))).getBytes(),
    'binary',
  );
  return (createHash('sha256').update(der).digest('hex').match(/../g) ?? []).join(':').toUpperCase();
}

function makeCa(now: Date): { certPem: string; keyPem: string } {
  const keys = rsaKeys();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + CA_YEARS * 365 * 86_400_000);
  const attrs = [
    { name: 'commonName', value: `Anxun local CA ${now.toISOString().slice(0, 10)}` },
    { name: 'organizationName', value: 'Anxun' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keys.privatePem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

function makeServer(
  ca: { certPem: string; keyPem: string },
  sans: SanSet,
  now: Date,
): { certPem: string; keyPem: string } {
  const keys = rsaKeys();
  const caCert = forge.pki.certificateFromPem(ca.certPem);
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicPem);
  cert.serialNumber = serial();
  cert.validity.notBefore = new Date(now.getTime() - 60_000);
  cert.validity.notAfter = new Date(now.getTime() + SERVER_DAYS * 86_400_000);
  cert.setSubject([{ name: 'commonName', value: sans.ips.find((ip) => ip !== '127.0.0.1') ?? 'localhost' }]);
  cert.setIssuer(caCert.subject.attributes);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...sans.dns.map((value) => ({ type: 2, value })), ...sans.ips.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(ca.keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem: keys.privatePem };
}

/** The CA, made on first use and kept. */
export function ensureCa(dir: string, now = new Date()): { certPem: string; keyPem: string; fingerprint: string } {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const f = files(dir);
  if (!existsSync(f.caCrt) || !existsSync(f.caKey)) {
    const ca = makeCa(now);
    writeSecret(f.caKey, ca.keyPem);
    writeFileSync(f.caCrt, ca.certPem);
  }
  const certPem = readFileSync(f.caCrt, 'utf8');
  return { certPem, keyPem: readFileSync(f.caKey, 'utf8'), fingerprint: fingerprint(certPem) };
}

function storedSans(path: string): SanSet | null {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof value !== 'object' || value === null || !('ips' in value) || !('dns' in value)) return null;
    const { ips, dns } = value;
    return Array.isArray(ips) && Array.isArray(dns) ? { ips: ips.map(String), dns: dns.map(String) } : null;
  } catch {
    return null;
  }
}

function stillValid(certPem: string, now: Date): boolean {
  try {
    const end = Date.parse(new X509Certificate(certPem).validTo);
    return end - now.getTime() > RENEW_BEFORE_DAYS * 86_400_000;
  } catch {
    return false;
  }
}

/** The CA and a server certificate for these names, made again when the names changed or it nears its end. */
export function ensureTls(dir: string, sans: SanSet, now = new Date()): TlsMaterial {
  const ca = ensureCa(dir, now);
  const f = files(dir);
  const previous = storedSans(f.sans);
  const have = existsSync(f.crt) && existsSync(f.key);
  const reuse = have && previous !== null && sameSans(previous, sans) && stillValid(readFileSync(f.crt, 'utf8'), now);
  if (!reuse) {
    const server = makeServer(ca, sans, now);
    writeSecret(f.key, server.keyPem);
    writeFileSync(f.crt, server.certPem);
    writeFileSync(f.sans, JSON.stringify(sans));
  }
  return {
    caPem: ca.certPem,
    certPem: readFileSync(f.crt, 'utf8'),
    keyPem: readFileSync(f.key, 'utf8'),
    caFingerprint: ca.fingerprint,
    renewed: !reuse,
    sans,
  };
}
