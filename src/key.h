/* key.h — match keys: the form in which words are compared with
 * dictionary entries.  A key is the word case-folded with accents
 * stripped (utf8proc, NFKC + CASEFOLD + STRIPMARK), with typographic
 * apostrophes made straight, so "Élysée", "ELYSEE" and "elysee" share the
 * key "elysee", and "Xi’s" and "XI'S" share "xi's". */
#ifndef DYAD_KEY_H
#define DYAD_KEY_H

#include <stddef.h>

#include "arena.h"

/* The key of s[0..len), NUL-terminated, in the arena.  Invalid UTF-8 is
 * kept byte for byte (lower-cased where ASCII). */
char *match_key(arena *a, const char *s, size_t len);

/* Writes the key into buf (at most cap bytes with the NUL); returns its
 * length, or (size_t)-1 if it does not fit. */
size_t match_key_buf(const char *s, size_t len, char *buf, size_t cap);

#endif
