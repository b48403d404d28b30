/* key.h — match keys: the form in which words are compared with
 * dictionary entries.  A key is the word case-folded with accents
 * stripped (utf8proc, NFKC + CASEFOLD + STRIPMARK), with typographic
 * apostrophes made straight, so "Élysée", "ELYSEE" and "elysee" share the
 * key "elysee", and "Xi’s" and "XI'S" share "xi's". */
#ifndef DYAD_KEY_H
#define DYAD_KEY_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* The key of s[0..len), NUL-terminated, in the arena.  Invalid UTF-8 is
 * kept byte for byte (lower-cased where ASCII). */
char *match_key(arena *a, const char *s, size_t len);

/* Writes the key into buf (at most cap bytes with the NUL); returns its
 * length, or (size_t)-1 if it does not fit. */
size_t match_key_buf(const char *s, size_t len, char *buf, size_t cap);

/* A 32-bit hash of a key of len bytes (the same for equal keys; never
 * reads past key[len]).  The tokenizer stores it in token.hash so that
 * later stages compare and look up words without rehashing them.
 *
 * Definition, so that a scanner can compute it while it writes the key:
 * the key is cut into 8-byte chunks, each read as a little-endian number,
 * the last one (0 to 7 bytes, possibly none) padded with zero bytes;
 * h = KEY_HASH_SEED, then h = key_hash_step(h, chunk) for each chunk in
 * order, and the result is key_hash_final(h, len). */
#define KEY_HASH_SEED 0x9E3779B97F4A7C15ULL

static inline uint64_t key_hash_step(uint64_t h, uint64_t chunk)
{
    h = (h ^ chunk) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

static inline uint32_t key_hash_final(uint64_t h, size_t len)
{
    h = (h ^ len) * 0xc4ceb9fe1a85ec53ULL;
    return (uint32_t)(h ^ (h >> 32));
}

/* Little-endian value of the n <= 8 bytes at p. */
static inline uint64_t key_load_tail(const char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++) v |= (uint64_t)(unsigned char)p[i] << (8 * i);
    return v;
}

/* Inline: the tokenizer hashes every punctuation mark with it. */
static inline uint32_t key_hash(const char *key, size_t len)
{
    uint64_t h = KEY_HASH_SEED;
    size_t n = len;
    for (; n >= 8; n -= 8, key += 8) h = key_hash_step(h, key_load_tail(key, 8));
    h = key_hash_step(h, key_load_tail(key, n));
    return key_hash_final(h, len);
}

#endif
