/* key.c — see key.h.  ASCII words (nearly all of them in English news)
 * take a fast path; anything else goes through utf8proc. */
#include "key.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int is_ascii(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80) return 0;
    return 1;
}

static size_t ascii_key(const char *s, size_t len, char *buf, size_t cap)
{
    if (len + 1 > cap) return (size_t)-1;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        buf[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    buf[len] = '\0';
    return len;
}

/* Typographic apostrophes and primes become "'" before folding. */
static size_t unicode_key(const char *s, size_t len, char *buf, size_t cap)
{
    utf8proc_uint8_t *folded = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                                      &folded, UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (n < 0) return ascii_key(s, len, buf, cap);   /* invalid UTF-8: keep bytes */
    size_t out = 0;
    for (utf8proc_ssize_t i = 0; i < n; ) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t step = utf8proc_iterate(folded + i, n - i, &cp);
        if (step <= 0) break;
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x2032) {
            if (out + 2 > cap) { free(folded); return (size_t)-1; }
            buf[out++] = '\'';
        } else {
            if (out + (size_t)step + 1 > cap) { free(folded); return (size_t)-1; }
            memcpy(buf + out, folded + i, (size_t)step);
            out += (size_t)step;
        }
        i += step;
    }
    free(folded);
    buf[out] = '\0';
    return out;
}

size_t match_key_buf(const char *s, size_t len, char *buf, size_t cap)
{
    if (is_ascii(s, len)) return ascii_key(s, len, buf, cap);
    return unicode_key(s, len, buf, cap);
}

char *match_key(arena *a, const char *s, size_t len)
{
    if (is_ascii(s, len)) {
        char *k = arena_alloc(a, len + 1);
        ascii_key(s, len, k, len + 1);
        return k;
    }
    /* Folding can grow a string (ß -> ss); 4x + 8 bounds any case. */
    size_t cap = 4 * len + 8;
    char *k = arena_alloc(a, cap);
    if (unicode_key(s, len, k, cap) == (size_t)-1) return arena_strndup(a, s, len);
    return k;
}
