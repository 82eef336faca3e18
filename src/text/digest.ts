// Short digests and unique names without node:crypto, which costs ≈2 ms to load: a start-up budget item.
//
// Not cryptographic, and not used where it would need to be: the digest only tells cache entries apart (by
// region, options and credential identity) and never stores its input; a 64-bit digest of a high-entropy
// secret (an API key) does not give the secret back. Unique names only need to differ between writers:
// files are created with O_EXCL, which is the real guard.

/** 64 bits as 16 hex digits: two FNV-1a lanes with different offsets, over UTF-16 code units. */
export function shortDigest(...parts: string[]): string {
  const text = parts.join("\u0000");
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 15);
  }
  a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
  b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
  return (a >>> 0).toString(16).padStart(8, "0") + (b >>> 0).toString(16).padStart(8, "0");
}

let counter = 0;

/** `<pid>.<unique>`: distinct across processes (the pid) and within one (a counter and a random part). */
export function uniqueSuffix(): string {
  counter++;
  return `${process.pid}.${counter.toString(36)}${Math.random().toString(36).slice(2, 10)}`;
}
