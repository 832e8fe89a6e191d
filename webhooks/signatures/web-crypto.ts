/**
 * The signature primitives every inbound verifier uses, on WebCrypto (`crypto.subtle`) alone: Node and the
 * Cloudflare Worker (workerd) both have it, so both runtimes run the same verification code against the same
 * test vectors. Nothing here reads a header or knows a provider; the verifiers beside this file do that.
 */

export type SpkiKeyType = 'ed25519' | 'rsa' | 'ec';

/** What a key verifies with: the WebCrypto import and verify parameters of each scheme we accept. */
const SCHEMES = {
  ed25519: { importAs: { name: 'Ed25519' }, verifyAs: { name: 'Ed25519' } },
  'rsa-sha256': {
    importAs: { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
    verifyAs: { name: 'RSASSA-PKCS1-v1_5' },
  },
  'ecdsa-p256-sha256': {
    importAs: { name: 'ECDSA', namedCurve: 'P-256' },
    verifyAs: { name: 'ECDSA', hash: 'SHA-256' },
  },
} as const;

export type SignatureScheme = keyof typeof SCHEMES;

/** A public key bound to the one scheme it may verify. */
export interface VerifyingKey {
  scheme: SignatureScheme;
  key: CryptoKey;
}

const subtle = () => globalThis.crypto.subtle;

/** WebCrypto wants a BufferSource backed by an ArrayBuffer; a Node Buffer may sit in a shared pool. */
const view = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes) as Uint8Array<ArrayBuffer>;

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Imports a DER SubjectPublicKeyInfo for `scheme`; throws when the bytes are not such a key. */
export async function importSpkiKey(der: Uint8Array, scheme: SignatureScheme): Promise<VerifyingKey> {
  const key = await subtle().importKey('spki', view(der), SCHEMES[scheme].importAs, false, ['verify']);
  return { scheme, key };
}

/** Imports a raw 32-byte Ed25519 public key (Discord gives it as hex). */
export async function importRawEd25519(raw: Uint8Array): Promise<VerifyingKey> {
  const key = await subtle().importKey('raw', view(raw), SCHEMES.ed25519.importAs, false, ['verify']);
  return { scheme: 'ed25519', key };
}

/**
 * Verifies `signature` over `message`. ECDSA signatures are taken as DER (what SendGrid sends) and turned into
 * the fixed-width r‖s WebCrypto expects; a signature that is not even well-formed is simply false.
 */
export async function verifySignatureBytes(
  verifying: VerifyingKey,
  message: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  const sig = verifying.scheme === 'ecdsa-p256-sha256' ? derEcdsaToRaw(signature, 32) : signature;
  if (!sig) return false;
  try {
    return await subtle().verify(SCHEMES[verifying.scheme].verifyAs, verifying.key, view(sig), view(message));
  } catch {
    return false;
  }
}

export type HmacHash = 'SHA-1' | 'SHA-256';

/** HMAC of `message` under `secret`. */
export async function hmac(hash: HmacHash, secret: string, message: Uint8Array): Promise<Uint8Array> {
  const key = await subtle().importKey('raw', view(utf8(secret)), { name: 'HMAC', hash }, false, ['sign']);
  return new Uint8Array(await subtle().sign('HMAC', key, view(message)));
}

/** Compares byte strings in time that depends only on their length: an early exit would leak a forgery's progress. */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
  return diff === 0;
}

// Algorithm OIDs (DER content bytes) of the SubjectPublicKeyInfo kinds we meet.
const OIDS: Record<string, SpkiKeyType> = {
  '2b6570': 'ed25519', // 1.3.101.112
  '2a864886f70d010101': 'rsa', // 1.2.840.113549.1.1.1
  '2a8648ce3d0201': 'ec', // 1.2.840.10045.2.1
};

/**
 * The key type an SPKI names, read from its AlgorithmIdentifier, so a key of the wrong kind is refused by name
 * ("must be ed25519, got rsa") rather than by an import error. undefined: not an SPKI we can read.
 */
export function spkiKeyType(der: Uint8Array): SpkiKeyType | 'unknown' | undefined {
  const outer = readTlv(der, 0, 0x30);
  const algorithm = outer && readTlv(der, outer.start, 0x30);
  const oid = algorithm && readTlv(der, algorithm.start, 0x06);
  if (!oid) return undefined;
  return OIDS[hex(der.subarray(oid.start, oid.end))] ?? 'unknown';
}

/** One DER element of `tag` at `at`: where its content starts and ends. */
function readTlv(der: Uint8Array, at: number, tag: number): { start: number; end: number } | undefined {
  if (der[at] !== tag || at + 2 > der.length) return undefined;
  let length = der[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets < 1 || octets > 3 || start + octets > der.length) return undefined;
    length = 0;
    for (let i = 0; i < octets; i++) length = (length << 8) | der[start + i];
    start += octets;
  }
  const end = start + length;
  return end <= der.length ? { start, end } : undefined;
}

/** DER `SEQUENCE { INTEGER r, INTEGER s }` → r‖s, each left-padded to `size` bytes; undefined when malformed. */
function derEcdsaToRaw(der: Uint8Array, size: number): Uint8Array | undefined {
  const seq = readTlv(der, 0, 0x30);
  if (!seq || seq.end !== der.length) return undefined;
  const r = readTlv(der, seq.start, 0x02);
  const s = r && readTlv(der, r.end, 0x02);
  if (!r || !s || s.end !== seq.end) return undefined;
  const out = new Uint8Array(size * 2);
  for (const [i, part] of [r, s].entries()) {
    let bytes = der.subarray(part.start, part.end);
    while (bytes.length > size && bytes[0] === 0) bytes = bytes.subarray(1);
    if (bytes.length > size) return undefined;
    out.set(bytes, size * (i + 1) - bytes.length);
  }
  return out;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** Lower-case hex ↔ bytes, for signatures sent as hex (Slack, Discord). undefined: not hex. */
export function fromHex(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0 || !/^[0-9a-f]*$/i.test(text)) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(text.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export const toHex = hex;
