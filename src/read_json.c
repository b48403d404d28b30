/* read_json.c — the members of one JSON Lines record.
 *
 * rd_json_full() is jansson (json_loadb): exact, with jansson's messages,
 * but about 40 MB/s.  rd_json_fast() scans the common shape of a record —
 * an object of strings, small integers, literals and nested values — at
 * memory speed, and answers 0 ("not sure") for anything it does not fully
 * handle: malformed input, control characters, \u0000, lone surrogates,
 * escaped keys, fractions, exponents, integers of 19+ digits, nesting
 * deeper than JS_MAX_DEPTH.  The caller then uses rd_json_full(), so the
 * fast path never accepts what jansson rejects and never reports an error
 * itself.  When both accept, they give the same values (duplicate keys:
 * the last wins); fuzz/fuzz_read_jsonl.c checks that.
 *
 * Both expect the line to be valid UTF-8 already. */
#include "read_internal.h"

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define JS_MAX_DEPTH 32

typedef struct jscan {
    const char *p, *end;
    arena *a;
    int depth;
} jscan;

const char *rd_jtype_name(rd_jtype t)
{
    static const char *const names[] = {
        "absent", "null", "a boolean", "a number", "a number", "a string", "an array", "an object"
    };
    return t <= JV_OBJECT ? names[t] : "unknown";
}

static inline void skip_ws(jscan *j)
{
    while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
        j->p++;
}

/* Skips white space; consumes c if it comes next. */
static inline int expect(jscan *j, char c)
{
    skip_ws(j);
    if (j->p < j->end && *j->p == c) {
        j->p++;
        return 1;
    }
    return 0;
}

/* Bytes at the start of p[0..n) that need no attention in a string (not
 * '"', '\\' or a control character), 8 at a time. */
static inline size_t plain_run(const char *p, size_t n)
{
    const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
    size_t i = 0;
    while (i + 8 <= n) {
        uint64_t w, q, b;
        memcpy(&w, p + i, 8);
        q = w ^ (ones * '"');
        b = w ^ (ones * '\\');
        if ((((q - ones) & ~q) | ((b - ones) & ~b) | ((w - ones * 0x20) & ~w)) & highs) break;
        i += 8;
    }
    return i;
}

/* The closing quote of the string body at s, or NULL (unterminated, or a
 * control character); *esc tells whether it has escapes. */
static const char *string_end(const char *s, const char *end, int *esc)
{
    *esc = 0;
    for (;;) {
        s += plain_run(s, (size_t)(end - s));
        if (s >= end) return NULL;
        unsigned char c = (unsigned char)*s;
        if (c == '"') return s;
        if (c < 0x20) return NULL;
        if (c == '\\') {
            *esc = 1;
            if (end - s < 2) return NULL;
            s++;
        }
        s++;
    }
}

/* The value of 4 hex digits at s (s + 4 <= end checked), or -1. */
static long hex4(const char *s, const char *end)
{
    long v = 0;
    if (end - s < 4) return -1;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0) return -1;
        v = v * 16 + d;
    }
    return v;
}

/* Writes code point cp as UTF-8 to o (if not NULL); returns its length. */
static size_t put_utf8(long cp, char *o)
{
    char b[4];
    size_t n;
    if (cp < 0x80) { b[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { b[0] = (char)(0xC0 | cp >> 6); b[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        b[0] = (char)(0xE0 | cp >> 12); b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        b[0] = (char)(0xF0 | cp >> 18); b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (char)(0x80 | (cp >> 6 & 0x3F)); b[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    if (o) memcpy(o, b, n);
    return n;
}

/* Decodes \uXXXX (and a following low surrogate) at s; returns the code
 * point and moves *s past it, or -1 for \u0000 and lone surrogates. */
static long unicode_escape(const char **s, const char *end)
{
    long cp = hex4(*s + 2, end), lo;
    *s += 6;
    if (cp >= 0xDC00 && cp <= 0xDFFF) return -1;
    if (cp >= 0xD800 && cp <= 0xDBFF) {
        if (end - *s < 6 || (*s)[0] != '\\' || (*s)[1] != 'u') return -1;
        lo = hex4(*s + 2, end);
        if (lo < 0xDC00 || lo > 0xDFFF) return -1;
        *s += 6;
        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
    }
    return cp > 0 ? cp : -1;
}

/* One escape at s (a backslash) written to o (if not NULL): returns the
 * bytes written, or -1 when jansson would reject it. */
static long unescape(const char **s, const char *end, char *o)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k = memchr(from, (*s)[1], 8);
    if (k) {
        if (o) *o = to[k - from];
        *s += 2;
        return 1;
    }
    if ((*s)[1] != 'u') return -1;
    long cp = unicode_escape(s, end);
    return cp < 0 ? -1 : (long)put_utf8(cp, o);
}

/* Decodes the string body s[0..end) into out (room for end - s bytes, or
 * NULL to validate only).  Returns the decoded length or -1. */
static long decode(const char *s, const char *end, char *out)
{
    long n = 0;
    while (s < end) {
        const char *bs = memchr(s, '\\', (size_t)(end - s));
        size_t run = bs ? (size_t)(bs - s) : (size_t)(end - s);
        if (out) memcpy(out + n, s, run);
        n += (long)run;
        s += run;
        if (!bs) break;
        long k = unescape(&s, end, out ? out + n : NULL);
        if (k < 0) return -1;
        n += k;
    }
    return n;
}

/* A string at j->p; copied (decoded) into *out unless out is NULL. */
static int parse_string(jscan *j, rd_jv *out)
{
    int esc;
    const char *s = j->p + 1, *e = string_end(s, j->end, &esc);
    if (!e) return 0;
    j->p = e + 1;
    char *buf = out ? arena_alloc(j->a, (size_t)(e - s) + 1) : NULL;
    long n = esc ? decode(s, e, buf) : (long)(e - s);
    if (n < 0) return 0;
    if (!out) return 1;
    if (!esc) memcpy(buf, s, (size_t)n);
    buf[n] = '\0';
    out->type = JV_STRING;
    out->s = buf;
    out->n = (size_t)n;
    return 1;
}

/* An integer of at most 18 digits (else "not sure"); text as jansson
 * would print it. */
static int parse_number(jscan *j, rd_jv *out)
{
    const char *s = j->p, *d = s + (s < j->end && *s == '-'), *q = d;
    while (q < j->end && *q >= '0' && *q <= '9') q++;
    size_t nd = (size_t)(q - d);
    if (nd == 0 || nd > 18 || (nd > 1 && *d == '0')) return 0;
    if (q < j->end && (*q == '.' || *q == 'e' || *q == 'E')) return 0;
    j->p = q;
    if (!out) return 1;
    if (nd == 1 && *d == '0') s = d;                  /* -0 is 0 */
    out->type = JV_INTEGER;
    out->n = (size_t)(q - s);
    out->s = arena_strndup(j->a, s, out->n);
    return 1;
}

/* true, false or null. */
static int parse_literal(jscan *j, const char *word, rd_jtype type, rd_jv *out)
{
    size_t n = strlen(word);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, word, n) != 0) return 0;
    j->p += n;
    if (out) out->type = type, out->s = NULL, out->n = 0;
    return 1;
}

static int parse_value(jscan *j, rd_jv *out);

/* A key without escapes: *k, *kn. */
static int parse_key(jscan *j, const char **k, size_t *kn)
{
    int esc;
    if (!expect(j, '"')) return 0;
    const char *e = string_end(j->p, j->end, &esc);
    if (!e || esc) return 0;
    *k = j->p;
    *kn = (size_t)(e - j->p);
    j->p = e + 1;
    return expect(j, ':');
}

/* An object or array (checked, not kept) at j->p. */
static int parse_container(jscan *j, char close, rd_jtype type, rd_jv *out)
{
    const char *k;
    size_t kn;
    if (++j->depth > JS_MAX_DEPTH) return 0;
    j->p++;
    if (!expect(j, close)) {
        do {
            if (close == '}' && !parse_key(j, &k, &kn)) return 0;
            if (!parse_value(j, NULL)) return 0;
        } while (expect(j, ','));
        if (!expect(j, close)) return 0;
    }
    j->depth--;
    if (out) out->type = type, out->s = NULL, out->n = 0;
    return 1;
}

/* Any value at j->p (after white space), kept in *out unless NULL. */
static int parse_value(jscan *j, rd_jv *out)
{
    skip_ws(j);
    if (j->p >= j->end) return 0;
    switch (*j->p) {
    case '"': return parse_string(j, out);
    case '{': return parse_container(j, '}', JV_OBJECT, out);
    case '[': return parse_container(j, ']', JV_ARRAY, out);
    case 't': return parse_literal(j, "true", JV_BOOL, out);
    case 'f': return parse_literal(j, "false", JV_BOOL, out);
    case 'n': return parse_literal(j, "null", JV_NULL, out);
    default: return parse_number(j, out);
    }
}

/* The field a key fills, or NULL for members dyad ignores. */
static rd_jv *field_for(rd_jfields *f, const char *k, size_t n)
{
    static const char *const keys[] = { "id", "date", "text", "title", "source", "url" };
    rd_jv *slots[] = { &f->id, &f->date, &f->text, &f->title, &f->source, &f->url };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strlen(keys[i]) == n && memcmp(keys[i], k, n) == 0) return slots[i];
    return NULL;
}

int rd_json_fast(const char *p, size_t n, arena *a, rd_jfields *f)
{
    jscan j = { p, p + n, a, 0 };
    const char *k;
    size_t kn;
    memset(f, 0, sizeof *f);
    if (!expect(&j, '{')) return 0;
    if (!expect(&j, '}')) {
        do {
            if (!parse_key(&j, &k, &kn) || !parse_value(&j, field_for(f, k, kn))) return 0;
        } while (expect(&j, ','));
        if (!expect(&j, '}')) return 0;
    }
    skip_ws(&j);
    return j.p == j.end;
}

/* A jansson value as an rd_jv (strings and numbers copied into a). */
static void from_jansson(json_t *v, arena *a, rd_jv *out)
{
    char num[64];
    memset(out, 0, sizeof *out);
    if (!v) return;
    switch (json_typeof(v)) {
    case JSON_STRING:
        out->type = JV_STRING;
        out->n = json_string_length(v);
        out->s = arena_strndup(a, json_string_value(v), out->n);
        return;
    case JSON_INTEGER:
        out->type = JV_INTEGER;
        snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        break;
    case JSON_REAL:
        out->type = JV_REAL;
        snprintf(num, sizeof num, "%.15g", json_real_value(v));
        if (strtod(num, NULL) != json_real_value(v))
            snprintf(num, sizeof num, "%.17g", json_real_value(v));
        break;
    case JSON_OBJECT: out->type = JV_OBJECT; return;
    case JSON_ARRAY: out->type = JV_ARRAY; return;
    case JSON_NULL: out->type = JV_NULL; return;
    default: out->type = JV_BOOL; return;
    }
    out->n = strlen(num);
    out->s = arena_strndup(a, num, out->n);
}

/* The six members of a parsed object. */
static void members(json_t *root, arena *a, rd_jfields *f)
{
    from_jansson(json_object_get(root, "id"), a, &f->id);
    from_jansson(json_object_get(root, "date"), a, &f->date);
    from_jansson(json_object_get(root, "text"), a, &f->text);
    from_jansson(json_object_get(root, "title"), a, &f->title);
    from_jansson(json_object_get(root, "source"), a, &f->source);
    from_jansson(json_object_get(root, "url"), a, &f->url);
}

int rd_json_full(const char *p, size_t n, arena *a, rd_jfields *f, char *msg, size_t size)
{
    json_error_t err;
    rd_jv top;
    char text[2 * JSON_ERROR_TEXT_LENGTH];
    json_t *root = json_loadb(p, n, 0, &err);
    memset(f, 0, sizeof *f);
    if (!root) {
        rd_clean_message(err.text, text, sizeof text);
        snprintf(msg, size, "malformed JSON at column %d: %s", err.column, text);
        return -1;
    }
    int ok = json_is_object(root);
    if (ok) members(root, a, f);
    else {
        from_jansson(root, a, &top);
        snprintf(msg, size, "expected a JSON object, got %s", rd_jtype_name(top.type));
    }
    json_decref(root);
    return ok ? 0 : -1;
}
