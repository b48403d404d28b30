/* sha256.h — SHA-256 (FIPS 180-4), for the content hashes the event store
 * records of the dictionaries and models a run used, so that a user can
 * check them with `sha256sum`.
 *
 *   char hex[65];
 *   sha256_hex("abc", 3, hex);   // "ba7816bf8f01cfea414140de5dae2223..."
 */
#ifndef DYAD_SHA256_H
#define DYAD_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct sha256_ctx {
    uint32_t h[8];
    uint64_t length;          /* bytes hashed so far */
    unsigned char block[64];
    size_t used;              /* bytes waiting in block */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t n);
/* Writes the digest as 64 lowercase hex digits and a NUL into hex. */
void sha256_final_hex(sha256_ctx *c, char hex[65]);

/* The digest of data[0..n). */
void sha256_hex(const void *data, size_t n, char hex[65]);
/* The digest of the file at path; -1 when it cannot be read. */
int sha256_file_hex(const char *path, char hex[65]);

#endif
