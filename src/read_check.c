/* read_check.c — what every reader checks in a record: UTF-8 validity,
 * dates, empty text; and quoting of input bytes inside messages. */
#include "read_internal.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

enum { DATE_OK, DATE_SHAPE, DATE_IMPOSSIBLE };

/* Index of the first byte >= 0x80 in u[i..len), or len; 8 bytes a step. */
static inline size_t skip_ascii(const unsigned char *u, size_t i, size_t len)
{
    while (i + 8 <= len) {
        uint64_t w;
        memcpy(&w, u + i, 8);
        if (w & UINT64_C(0x8080808080808080)) break;
        i += 8;
    }
    while (i < len && u[i] < 0x80) i++;
    return i;
}

/* Length of the well-formed UTF-8 sequence at u[0..n) (Unicode Table 3-7),
 * or 0: overlongs, surrogates, code points above U+10FFFF and truncated
 * sequences are rejected. */
static inline size_t utf8_seq_len(const unsigned char *u, size_t n)
{
    unsigned c = u[0], lo = 0x80, hi = 0xBF;
    size_t len;
    if (c < 0x80) return 1;
    if (c < 0xC2 || c > 0xF4) return 0;
    if (c < 0xE0) len = 2;
    else if (c < 0xF0) { len = 3; if (c == 0xE0) lo = 0xA0; else if (c == 0xED) hi = 0x9F; }
    else { len = 4; if (c == 0xF0) lo = 0x90; else if (c == 0xF4) hi = 0x8F; }
    if (n < len || u[1] < lo || u[1] > hi) return 0;
    for (size_t k = 2; k < len; k++)
        if ((u[k] & 0xC0) != 0x80) return 0;
    return len;
}

long utf8_invalid_offset(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    for (;;) {
        i = skip_ascii(u, i, len);
        if (i >= len) return -1;
        size_t n = utf8_seq_len(u + i, len - i);
        if (n == 0) return (long)i;
        i += n;
    }
}

/* Parses n decimal digits at s; -1 if any is not a digit. */
static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month == 2 && leap ? 29 : days[month - 1];
}

/* Classifies s[0..len) as a date: DATE_OK (fields set), DATE_SHAPE (not
 * YYYY-MM-DD / YYYYMMDD) or DATE_IMPOSSIBLE (no such day, or year 0). */
static int date_check(const char *s, size_t len, int *year, int *month, int *day)
{
    int dash = len == 10 && s[4] == '-' && s[7] == '-';
    if (!dash && len != 8) return DATE_SHAPE;
    int y = digits(s, 4);
    int m = digits(s + (dash ? 5 : 4), 2);
    int d = digits(s + (dash ? 8 : 6), 2);
    if (y < 0 || m < 0 || d < 0) return DATE_SHAPE;
    if (y == 0 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return DATE_IMPOSSIBLE;
    *year = y;
    *month = m;
    *day = d;
    return DATE_OK;
}

int parse_story_date(const char *s, size_t len, int *year, int *month, int *day)
{
    int y, m, d;
    if (!s || date_check(s, len, &y, &m, &d) != DATE_OK) return -1;
    *year = y;
    *month = m;
    *day = d;
    return 0;
}

/* 1 when s[0..n) holds only white space (ASCII or no-break space). */
int rd_blank_text(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (rd_is_blank(s[i])) i++;
        else if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) i += 2;
        else return 0;
    }
    return 1;
}

/* Checks a story text that starts at stream offset off: valid UTF-8, no
 * NUL byte, not blank.  Returns 0, or -1 with a message in msg. */
int rd_text_problem(const char *s, size_t n, rd_off off, char *msg, size_t size)
{
    long bad = utf8_invalid_offset(s, n);
    const char *nul = memchr(s, '\0', n);
    if (bad >= 0 && (!nul || bad < nul - s))
        snprintf(msg, size, "invalid UTF-8 at byte %llu", off + (rd_off)bad);
    else if (nul)
        snprintf(msg, size, "NUL byte at byte %llu", off + (rd_off)(nul - s));
    else if (rd_blank_text(s, n))
        snprintf(msg, size, "%s", n ? "text is only white space" : "text is empty");
    else
        return 0;
    return -1;
}

/* Fills out->date, year, month, day from s[0..n) (surrounding blanks
 * allowed).  Returns 0, or -1 with a message saying what was found. */
int rd_date_problem(const char *s, size_t n, story *out, char *msg, size_t size)
{
    char q[128];
    while (n && rd_is_blank(*s)) s++, n--;
    while (n && rd_is_blank(s[n - 1])) n--;
    int kind = date_check(s, n, &out->year, &out->month, &out->day);
    if (kind == DATE_OK) {
        snprintf(out->date, sizeof out->date, "%04d-%02d-%02d", out->year, out->month, out->day);
        return 0;
    }
    rd_quote(s, n, q, sizeof q);
    if (kind == DATE_IMPOSSIBLE) snprintf(msg, size, "impossible date %s", q);
    else snprintf(msg, size, "bad date %s (expected YYYY-MM-DD or YYYYMMDD)", q);
    return -1;
}

/* Appends s[0..n) to out[*o..size) with control bytes and invalid UTF-8
 * (and, when quoted, '"' and '\\') written as \xNN; stops after `max`
 * input bytes or when out has 8 bytes left.  Returns the bytes consumed. */
static size_t escape_into(const char *s, size_t n, size_t max, int quoted,
                          char *out, size_t size, size_t *o)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < n && i < max && *o + 8 < size) {
        size_t k = utf8_seq_len(u + i, n - i);
        int plain = k > 1 || (k == 1 && u[i] >= 0x20 && u[i] != 0x7F &&
                              !(quoted && (u[i] == '"' || u[i] == '\\')));
        if (plain) {
            memcpy(out + *o, s + i, k);
            *o += k;
            i += k;
        } else {
            *o += (size_t)snprintf(out + *o, size - *o, "\\x%02X", u[i++]);
        }
    }
    return i;
}

/* Writes s[0..n) to out as a double-quoted string for messages: at most 40
 * input bytes (then "..."), control bytes and invalid UTF-8 as \xNN, so the
 * result is printable UTF-8 whatever the input. */
void rd_quote(const char *s, size_t n, char *out, size_t size)
{
    size_t o = 0;
    if (size < 8) { if (size) out[0] = '\0'; return; }
    out[o++] = '"';
    size_t i = escape_into(s, n, 40, 1, out, size, &o);
    if (i < n && o + 4 < size) { memcpy(out + o, "...", 3); o += 3; }
    out[o++] = '"';
    out[o] = '\0';
}

/* Copies message s to out as printable UTF-8 (a library's message may
 * quote input bytes cut in the middle of a character). */
void rd_clean_message(const char *s, char *out, size_t size)
{
    size_t o = 0;
    if (!size) return;
    escape_into(s, strlen(s), (size_t)-1, 0, out, size, &o);
    out[o < size ? o : size - 1] = '\0';
}
