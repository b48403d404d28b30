/* test_text.c — unit tests of the text front end: clean_text,
 * split_sentences, tokenize, clean_sentences (src/clean.h, split.h,
 * tokenize.h).  The examples of tests/spec/ cover the rules one by one;
 * these tests cover the API's invariants, the founding example and
 * pathological inputs under a time limit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../harness.h"
#include "arena.h"
#include "clean.h"
#include "doc.h"
#include "key.h"
#include "split.h"
#include "tokenize.h"

/* ------------------------------------------------------------------ */
/* Helpers.                                                            */

typedef struct run {
    arena *a;
    story st;
    doc d;
    size_t kept;
} run;

/* Runs the whole front end on text[0..len); text must outlive r. */
static void run_text(run *r, const char *text, size_t len)
{
    memset(r, 0, sizeof *r);
    r->a = arena_new();
    r->st.text = text;
    r->st.text_len = len;
    r->d.story = &r->st;
    clean_text(r->a, &r->d);
    split_sentences(r->a, &r->d);
    tokenize(r->a, &r->d);
    r->kept = clean_sentences(r->a, &r->d);
}

static void run_free(run *r) { arena_free(r->a); }

/* Seconds of processor time since `start`. */
static double elapsed(clock_t start) { return (double)(clock() - start) / CLOCKS_PER_SEC; }

/* Cleans text[0..len) on its own into a fresh string (caller frees). */
static char *reclean(const char *text, size_t len)
{
    arena *a = arena_new();
    story st = {.text = text, .text_len = len};
    doc d = {.story = &st};
    clean_text(a, &d);
    char *out = xstrdup(d.clean);
    arena_free(a);
    return out;
}

/* The first sentence whose text starts with `prefix`, or -1. */
static long find_sentence(const doc *d, const char *prefix)
{
    for (size_t k = 0; k < d->n_sents; k++)
        if (strncmp(d->clean + d->sents[k].start, prefix, strlen(prefix)) == 0) return (long)k;
    return -1;
}

/* True when sentence k's text ends with `suffix`. */
static int sentence_ends(const doc *d, long k, const char *suffix)
{
    if (k < 0) return 0;
    const sentence *s = &d->sents[k];
    size_t n = strlen(suffix), len = s->end - s->start;
    return len >= n && memcmp(d->clean + s->end - n, suffix, n) == 0;
}

/* Checks the structural invariants every doc must satisfy: the orig map
 * is monotonic and in range; sentences are ordered, disjoint and inside
 * the text; tokens are inside their sentence, in order, not
 * overlapping; sentence statuses are consistent. */
static void check_invariants(const doc *d)
{
    CHECK(d->orig[d->clean_len] == d->story->text_len);
    CHECK(strlen(d->clean) == d->clean_len);
    for (size_t i = 0; i < d->clean_len; i++)
        if (d->orig[i] > d->orig[i + 1]) { CHECK(d->orig[i] <= d->orig[i + 1]); break; }
    size_t prev_end = 0, next_tok = 0;
    int number = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        const sentence *s = &d->sents[k];
        CHECK(s->start >= prev_end && s->start < s->end && s->end <= d->clean_len);
        CHECK(s->first_token == next_tok && s->n_tokens > 0);
        for (uint32_t j = 0; j < s->n_tokens; j++) {
            const token *t = &d->tokens[s->first_token + j];
            CHECK(t->len > 0 && t->start >= s->start && t->start + t->len <= s->end);
            if (j) CHECK(t->start >= d->tokens[s->first_token + j - 1].start +
                                     d->tokens[s->first_token + j - 1].len);
            CHECK(t->key != NULL && t->pos == POS_X);
        }
        if (s->status == SENT_KEPT) CHECK(s->number == ++number && s->duplicate_of < 0);
        if (s->status == SENT_DUPLICATE)
            CHECK(s->duplicate_of >= 0 && d->sents[s->duplicate_of].status == SENT_KEPT);
        prev_end = s->end;
        next_tok = s->first_token + s->n_tokens;
    }
    CHECK(next_tok == d->n_tokens);
}

/* ------------------------------------------------------------------ */
/* The offsets map on random mixed UTF-8.                              */

static const char *const FRAGMENTS[] = {
    "Lavrov", "met", "Xi", "U.S.", "Mr.", "3.5", "1,000", "two-day", "Xi's", "don't",
    " ", " ", " ", "  ", "\t", "\n", "\n\n", "\r\n", "\r", ".", ". ", "? ", "! ", ",",
    "\xe2\x80\x9c", "\xe2\x80\x9d", "\xe2\x80\x98", "\xe2\x80\x99", "\xc2\xab", "\xc2\xbb",
    "\xe2\x80\x93", "\xe2\x80\x94", "\xe2\x88\x92", "\xc2\xa0", "\xe2\x80\x89", "\xe3\x80\x80",
    "\xe2\x80\x8b", "\xef\xbb\xbf", "\xc2\xad", "\xe2\x80\xa6", "\xe2\x80\xa8", "\xe2\x80\xa9",
    "e\xcc\x81", "E\xcc\x81lyse\xcc\x81\x65", "\xc3\xa9", "\xe2\x84\xab", "\xe2\x84\xa6",
    "\xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0", "\xe5\x8c\x97\xe4\xba\xac",
    "\xf0\x9f\x98\x80", "\xcc\x81", "(", ")", "\"", "'", "$", "%", "During", "However",
};

/* Random text of about n bytes from the fragments (valid UTF-8). */
static char *random_text(unsigned *seed, size_t n, size_t *len)
{
    size_t cap = n + 64, used = 0;
    char *s = xmalloc(cap);
    size_t nf = sizeof FRAGMENTS / sizeof FRAGMENTS[0];
    while (used < n) {
        *seed = *seed * 1103515245u + 12345u;
        const char *f = FRAGMENTS[(*seed >> 16) % nf];
        size_t fl = strlen(f);
        if (used + fl + 1 > cap) break;
        memcpy(s + used, f, fl);
        used += fl;
    }
    s[used] = '\0';
    *len = used;
    return s;
}

/* Every token's original bytes, orig[start] .. orig[end], clean back to
 * the token's text. */
static void check_token_origins(const doc *d)
{
    for (size_t k = 0; k < d->n_tokens; k++) {
        const token *t = &d->tokens[k];
        uint32_t os = d->orig[t->start], oe = d->orig[t->start + t->len];
        char *again = reclean(d->story->text + os, oe - os);
        if (strlen(again) != t->len || memcmp(again, d->clean + t->start, t->len) != 0) {
            char msg[512];
            snprintf(msg, sizeof msg, "token \"%.*s\" (original %u-%u) re-cleans to \"%s\"",
                     (int)t->len, d->clean + t->start, os, oe, again);
            harness_fail(__FILE__, __LINE__, msg);
            free(again);
            return;
        }
        free(again);
    }
}

static void test_orig_map_random(void)
{
    unsigned seed = 12345;
    for (int round = 0; round < 300 && !harness_current_failed; round++) {
        size_t len;
        char *text = random_text(&seed, 50 + (size_t)round * 7, &len);
        run r;
        run_text(&r, text, len);
        check_invariants(&r.d);
        check_token_origins(&r.d);
        run_free(&r);
        free(text);
    }
}

static void test_orig_map_replaced_chars(void)
{
    /* "Lavrov “met” Xi." : the doc.h example. */
    const char *text = "Lavrov \xe2\x80\x9cmet\xe2\x80\x9d Xi.";
    run r;
    run_text(&r, text, strlen(text));
    CHECK_STR(r.d.clean, "Lavrov \"met\" Xi.");
    CHECK_INT(r.d.orig[8], 10);            /* m */
    CHECK_INT(r.d.orig[7], 7);             /* the opening quote */
    CHECK_INT(r.d.orig[11], 13);           /* the closing quote */
    CHECK_INT(r.d.orig[r.d.clean_len], strlen(text));
    run_free(&r);
}

static void test_orig_map_multibyte_output(void)
{
    /* Every byte of a replacement maps to the start of the original
     * character: "…" (3 bytes at 1) -> "..." */
    const char *text = "a\xe2\x80\xa6 b";
    run r;
    run_text(&r, text, strlen(text));
    CHECK_STR(r.d.clean, "a... b");
    CHECK_INT(r.d.orig[1], 1);
    CHECK_INT(r.d.orig[2], 1);
    CHECK_INT(r.d.orig[3], 1);
    CHECK_INT(r.d.orig[4], 4);
    run_free(&r);
}

/* ------------------------------------------------------------------ */
/* API details.                                                        */

static void test_empty_text(void)
{
    arena *a = arena_new();
    story st = {.text = " \t\xe2\x80\x8b\n\n", .text_len = 7};
    doc d = {.story = &st};
    CHECK_INT(clean_text(a, &d), -1);
    CHECK_INT(d.clean_len, 0);
    CHECK_STR(d.clean, "");
    CHECK_INT(d.orig[0], 7);
    CHECK_INT(split_sentences(a, &d), 0);
    CHECK_INT(tokenize(a, &d), 0);
    CHECK_INT(clean_sentences(a, &d), 0);
    arena_free(a);
}

static void test_token_keys_and_flags(void)
{
    const char *text = "\xc3\x89LYS\xc3\x89" "E said: Xi\xe2\x80\x99s U.S. plan.";
    run r;
    run_text(&r, text, strlen(text));
    CHECK_INT(r.d.n_tokens, 8);
    if (r.d.n_tokens == 8) {
        const token *t = r.d.tokens;
        CHECK_STR(t[0].key, "elysee");
        CHECK(t[0].flags & TOKF_ALL_CAPS);
        CHECK(t[0].flags & TOKF_CAPITALIZED);
        CHECK(t[0].flags & TOKF_SPACE_AFTER);
        CHECK(!(t[1].flags & TOKF_SPACE_AFTER));      /* "said" before ":" */
        CHECK_INT(t[2].kind, TOK_PUNCT);
        CHECK_STR(t[3].key, "xi");
        CHECK_INT(t[4].kind, TOK_POSSESSIVE);
        CHECK_STR(t[4].key, "'s");
        CHECK_STR(t[5].key, "u.s.");
        CHECK(t[5].flags & TOKF_ABBREV);
        CHECK_STR(t[7].key, ".");
        CHECK(!(t[7].flags & TOKF_SPACE_AFTER));       /* end of text */
        for (size_t k = 0; k < r.d.n_tokens; k++) CHECK_INT(r.d.tokens[k].pos, POS_X);
    }
    run_free(&r);
}

static void test_sentence_numbers(void)
{
    const char *text = "By Jane Doe\n\nA met B on Monday in Rome. A met B on Monday in Rome. "
                       "Talks ended.";
    run r;
    run_text(&r, text, strlen(text));
    CHECK_INT(r.d.n_sents, 4);
    CHECK_INT(r.kept, 2);
    if (r.d.n_sents == 4) {
        CHECK_INT(r.d.sents[0].status, SENT_BOILERPLATE);
        CHECK_INT(r.d.sents[0].number, 0);
        CHECK_INT(r.d.sents[1].number, 1);
        CHECK_INT(r.d.sents[2].status, SENT_DUPLICATE);
        CHECK_INT(r.d.sents[2].duplicate_of, 1);
        CHECK_INT(r.d.sents[3].number, 2);
    }
    check_invariants(&r.d);
    run_free(&r);
}

/* ------------------------------------------------------------------ */
/* The founding example.                                               */

/* Reads the founding example from $SHARED/stories, else examples/, and
 * drops its "date YYYY-MM-DD" line as the text reader does. */
static char *read_founding_example(size_t *len)
{
    const char *name = "lavrov-xi-beijing-2024-04-09.txt";
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    char path[1024];
    snprintf(path, sizeof path, "%s/stories/%s", shared, name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(path, sizeof path, "examples/%s", name);
        f = fopen(path, "rb");
    }
    if (!f) return NULL;
    char *buf = xmalloc(1 << 20);
    size_t n = fread(buf, 1, (1 << 20) - 1, f);
    fclose(f);
    buf[n] = '\0';
    char *date = strstr(buf, "date ");
    char *body = date ? strchr(date, '\n') : NULL;
    body = body ? body + 1 : buf;
    *len = n - (size_t)(body - buf);
    memmove(buf, body, *len + 1);
    return buf;
}

static void test_founding_example(void)
{
    size_t len;
    char *text = read_founding_example(&len);
    CHECK(text != NULL);
    if (!text) return;
    run r;
    run_text(&r, text, len);
    const doc *d = &r.d;
    check_invariants(d);
    check_token_origins(d);
    CHECK_INT(d->n_sents, 25);
    CHECK_INT(r.kept, 23);
    /* The lead repeats, shorter, the body's sentence. */
    long lead = find_sentence(d, "Sergei Lavrov's visit to Beijing comes after");
    long body = find_sentence(d, "Lavrov's visit to Beijing comes after");
    CHECK(lead == 0 && body > lead);
    if (lead >= 0) CHECK_INT(d->sents[lead].status, SENT_DUPLICATE);
    if (lead >= 0) CHECK_INT(d->sents[lead].duplicate_of, body);
    if (body >= 0) CHECK_INT(d->sents[body].status, SENT_KEPT);
    /* The glued sub-heading and the sentence after it. */
    long head = find_sentence(d, "Lavrov conveys Putin's greetings");
    CHECK(sentence_ends(d, head, "greetings to Xi"));
    CHECK(head >= 0 && find_sentence(d, "During the meeting, Lavrov conveyed") == head + 1);
    /* The question sub-heading. */
    long q = find_sentence(d, "When will Putin-Xi meet?");
    CHECK(sentence_ends(d, q, "meet?"));
    CHECK(q >= 0 && find_sentence(d, "Meanwhile, journalists asked") == q + 1);
    /* The glued quoted phrase. */
    long quote = find_sentence(d, "Lavrov, a \"long-time friend");
    CHECK(sentence_ends(d, quote, "Chinese people\""));
    CHECK(quote >= 0 && find_sentence(d, "Xi asked Lavrov to convey") == quote + 1);
    /* The unbalanced quote before the period closes its sentence. */
    long unbal = find_sentence(d, "During the meeting, Lavrov conveyed");
    CHECK(sentence_ends(d, unbal, "in March this year \"."));
    /* "... are understood. taking into account ..." stays one sentence. */
    long low = find_sentence(d, "He replied:");
    CHECK(sentence_ends(d, low, "the Russian Federation and China."));
    /* The agency credit at the end. */
    CHECK(sentence_ends(d, (long)d->n_sents - 1, "With the contribution of agencies"));
    CHECK_INT(d->sents[d->n_sents - 1].status, SENT_BOILERPLATE);
    run_free(&r);
    free(text);
}

/* ------------------------------------------------------------------ */
/* Pathological inputs under a time limit.                             */

/* Time limits are generous: they must hold under ASan/UBSan too; a
 * quadratic pass would take minutes. */
#define LIMIT_SECONDS 20.0

/* n bytes made of `unit` repeated. */
static char *repeat(const char *unit, size_t n, size_t *len)
{
    size_t ul = strlen(unit), count = n / ul;
    char *s = xmalloc(count * ul + 1);
    for (size_t i = 0; i < count; i++) memcpy(s + i * ul, unit, ul);
    s[count * ul] = '\0';
    *len = count * ul;
    return s;
}

/* Every letter and digit of the cleaned text lies inside some sentence
 * (spans of only punctuation, like "* * *", are not sentences). */
static void check_no_text_lost(const doc *d)
{
    size_t k = 0;
    for (size_t i = 0; i < d->clean_len; i++) {
        unsigned char c = (unsigned char)d->clean[i];
        int word = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c >= 0x80;
        if (!word) continue;
        while (k < d->n_sents && d->sents[k].end <= i) k++;
        if (k == d->n_sents || d->sents[k].start > i) {
            CHECK(!"a byte outside every sentence");
            return;
        }
    }
}

/* Runs the front end on text and checks time, invariants and that long
 * stretches were cut to SPLIT_MAX_SENTENCE without losing text. */
static void run_pathological(const char *text, size_t len)
{
    clock_t start = clock();
    run r;
    run_text(&r, text, len);
    double secs = elapsed(start);
    CHECK(secs < LIMIT_SECONDS);
    check_invariants(&r.d);
    for (size_t k = 0; k < r.d.n_sents; k++)
        CHECK(r.d.sents[k].end - r.d.sents[k].start <= SPLIT_MAX_SENTENCE);
    check_no_text_lost(&r.d);
    run_free(&r);
}

static void test_ten_mb_without_period(void)
{
    size_t len;
    char *text = repeat("word and another ", 10u << 20, &len);
    run_pathological(text, len);
    free(text);
}

static void test_ten_mb_without_space(void)
{
    size_t len;
    char *text = repeat("ab\xc3\xa9", 10u << 20, &len);
    run_pathological(text, len);
    free(text);
}

static void test_one_mb_of_quotes(void)
{
    size_t len;
    char *text = repeat("\"", 1u << 20, &len);
    run_pathological(text, len);
    free(text);
    text = repeat("\xe2\x80\x9c" "a\xe2\x80\x9d ", 1u << 20, &len);
    run_pathological(text, len);
    free(text);
}

static void test_hundred_thousand_short_sentences(void)
{
    size_t len;
    char *text = repeat("A! ", 300000, &len);
    clock_t start = clock();
    run r;
    run_text(&r, text, len);
    CHECK(elapsed(start) < LIMIT_SECONDS);
    CHECK_INT(r.d.n_sents, 100000);
    CHECK_INT(r.kept, 1);                     /* all repeats of the first */
    check_invariants(&r.d);
    run_free(&r);
    free(text);
}

static void test_many_similar_sentences(void)
{
    /* 20,000 sentences sharing their first six words: the 6-gram table
     * has one crowded bucket; probes and comparisons are bounded. */
    size_t cap = 20000 * 80, used = 0;
    char *text = xmalloc(cap);
    for (int k = 0; k < 20000; k++)
        used += (size_t)snprintf(text + used, cap - used,
                                 "The minister said that the talks on item %d were useful. ", k);
    clock_t start = clock();
    run r;
    run_text(&r, text, used);
    CHECK(elapsed(start) < LIMIT_SECONDS);
    CHECK_INT(r.d.n_sents, 20000);
    CHECK_INT(r.kept, 20000);
    run_free(&r);
    free(text);
}

static void test_long_combining_run(void)
{
    /* A letter followed by 100,000 combining marks: clusters are cut so
     * normalisation stays linear. */
    size_t len;
    char *marks = repeat("\xcc\x81\xcc\xa3", 200000, &len);
    char *text = xmalloc(len + 2);
    text[0] = 'e';
    memcpy(text + 1, marks, len + 1);
    run_pathological(text, len + 1);
    free(marks);
    free(text);
}

/* Regression (found by fuzz_text): combining marks after a symbol were
 * reordered by NFC, so the word made of the marks no longer cleaned back
 * from its own original bytes.  Such marks are now copied as they are. */
static void test_marks_after_symbol_are_traceable(void)
{
    static const char text[] = "\xcb\x99\xcb\x99\xdf\xb3\xdc\xb1";   /* ˙˙ + two marks */
    run r;
    run_text(&r, text, sizeof text - 1);
    CHECK(r.d.n_tokens >= 2);
    for (size_t k = 0; k < r.d.n_tokens; k++) {
        const token *t = &r.d.tokens[k];
        uint32_t os = r.d.orig[t->start], oe = r.d.orig[t->start + t->len];
        char *again = reclean(text + os, oe - os);
        CHECK_SPAN(r.d.clean + t->start, t->len, again);
        free(again);
    }
    run_free(&r);
}

/* token.hash is key_hash() of the key, whichever path made the token
 * (the fast ASCII scan, abbreviations, one-byte keys, non-ASCII keys). */
static void test_token_hashes(void)
{
    static const char text[] = "Mr. Putin's U.S.-Russia talks, \xe2\x80\x9c" "fine\xe2\x80\x9d: "
                               "\xc3\x89lys\xc3\xa9" "e. Supercalifragilistic 10:30 www.x.org n't";
    run r;
    run_text(&r, text, sizeof text - 1);
    CHECK(r.d.n_tokens > 10);
    for (size_t k = 0; k < r.d.n_tokens; k++) {
        const token *t = &r.d.tokens[k];
        CHECK(t->hash == key_hash(t->key, strlen(t->key)));
    }
    run_free(&r);
}

int main(void)
{
    RUN(test_orig_map_replaced_chars);
    RUN(test_orig_map_multibyte_output);
    RUN(test_orig_map_random);
    RUN(test_empty_text);
    RUN(test_token_keys_and_flags);
    RUN(test_sentence_numbers);
    RUN(test_founding_example);
    RUN(test_ten_mb_without_period);
    RUN(test_ten_mb_without_space);
    RUN(test_one_mb_of_quotes);
    RUN(test_hundred_thousand_short_sentences);
    RUN(test_many_similar_sentences);
    RUN(test_long_combining_run);
    RUN(test_marks_after_symbol_are_traceable);
    RUN(test_token_hashes);
    return harness_report("text");
}
