/* fuzz_read_jsonl.c — libFuzzer target: the JSON Lines reader, plus a
 * differential check of the fast JSON scanner against jansson on every
 * line: when the fast path accepts a line, jansson must accept it too and
 * give the same members. */
#include "fuzz_read.h"
#include "read_internal.h"

/* Both views of one member agree. */
static void same_member(const rd_jv *x, const rd_jv *y)
{
    fuzz_require(x->type == y->type, "fast/jansson: member type");
    fuzz_require(x->n == y->n && (x->n == 0 || memcmp(x->s, y->s, x->n) == 0),
                 "fast/jansson: member value");
}

/* Compares the two parsers on one line. */
static void differential(const char *p, size_t n, arena *a)
{
    rd_jfields fast, full;
    char msg[RD_MSG];
    if (utf8_invalid_offset(p, n) != -1 || !rd_json_fast(p, n, a, &fast)) return;
    fuzz_require(rd_json_full(p, n, a, &full, msg, sizeof msg) == 0, "fast accepts what jansson rejects");
    same_member(&fast.id, &full.id);
    same_member(&fast.date, &full.date);
    same_member(&fast.text, &full.text);
    same_member(&fast.title, &full.title);
    same_member(&fast.source, &full.source);
    same_member(&fast.url, &full.url);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static arena *a;
    if (!a) a = arena_new();
    const char *p = (const char *)data, *end = p + size;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t n = (size_t)((nl ? nl : end) - p);
        differential(p, n, a);
        arena_reset(a);
        p += n + 1;
    }
    fuzz_drain(data, size, "fuzz.jsonl", INPUT_JSONL);
    return 0;
}
