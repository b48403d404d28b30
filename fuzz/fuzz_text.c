/* fuzz_text.c — libFuzzer target for the text front end.
 *
 * Runs clean_text -> split_sentences -> tokenize -> clean_sentences on the
 * input bytes as a story's text and aborts when an invariant breaks:
 * the orig map is monotonic and in range; sentences are ordered, disjoint,
 * non-empty and inside the cleaned text; tokens lie inside their sentence
 * in order; statuses, numbers and duplicate_of are consistent; and (for
 * small inputs) every token's original bytes clean back to the token.
 * Inputs that are not valid UTF-8 are skipped: readers reject them.
 *
 *   clang -fsanitize=fuzzer,address,undefined -Isrc fuzz/fuzz_text.c \
 *       src/clean.c src/split.c src/tokenize.c src/key.c src/arena.c -lutf8proc
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "arena.h"
#include "clean.h"
#include "doc.h"
#include "key.h"
#include "split.h"
#include "tokenize.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define REQUIRE(c) do { if (!(c)) { fprintf(stderr, "invariant failed: %s (%s:%d)\n", #c, \
                                            __FILE__, __LINE__); abort(); } } while (0)

/* True when data[0..size) is valid UTF-8. */
static int valid_utf8(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i < size; ) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(data + i, (utf8proc_ssize_t)(size - i), &cp);
        if (k <= 0) return 0;
        i += (size_t)k;
    }
    return 1;
}

/* The orig map is monotonic and ends at the text length. */
static void check_map(const doc *d)
{
    REQUIRE(d->orig[d->clean_len] == d->story->text_len);
    REQUIRE(strlen(d->clean) == d->clean_len);
    for (size_t i = 0; i < d->clean_len; i++) REQUIRE(d->orig[i] <= d->orig[i + 1]);
}

/* The tokens of sentence s lie inside it, in order. */
static void check_tokens(const doc *d, const sentence *s)
{
    for (uint32_t j = 0; j < s->n_tokens; j++) {
        const token *t = &d->tokens[s->first_token + j];
        REQUIRE(t->len > 0 && t->start >= s->start && t->start + t->len <= s->end);
        REQUIRE(t->key != NULL && t->pos == POS_X);
        REQUIRE(t->hash == key_hash(t->key, strlen(t->key)));
        if (j) {
            const token *p = t - 1;
            REQUIRE(t->start >= p->start + p->len);
        }
    }
}

/* Sentences, statuses and numbering. */
static void check_sentences(const doc *d)
{
    size_t prev_end = 0, next_tok = 0;
    int number = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        const sentence *s = &d->sents[k];
        REQUIRE(s->start >= prev_end && s->start < s->end && s->end <= d->clean_len);
        REQUIRE(s->end - s->start <= SPLIT_MAX_SENTENCE);
        REQUIRE(s->first_token == next_tok);
        check_tokens(d, s);
        if (s->status == SENT_KEPT) REQUIRE(s->number == ++number && s->duplicate_of == -1);
        else REQUIRE(s->number == 0);
        if (s->status == SENT_DUPLICATE)
            REQUIRE(s->duplicate_of >= 0 && (size_t)s->duplicate_of < d->n_sents &&
                    d->sents[s->duplicate_of].status == SENT_KEPT);
        prev_end = s->end;
        next_tok = s->first_token + s->n_tokens;
    }
    REQUIRE(next_tok == d->n_tokens);
}

/* Each token's original bytes clean back to the token's text. */
static void check_origins(const doc *d)
{
    arena *a = arena_new();
    for (size_t k = 0; k < d->n_tokens; k++) {
        const token *t = &d->tokens[k];
        uint32_t os = d->orig[t->start], oe = d->orig[t->start + t->len];
        REQUIRE(os <= oe && oe <= d->story->text_len);
        story st = {.text = d->story->text + os, .text_len = oe - os};
        doc again = {.story = &st};
        clean_text(a, &again);
        REQUIRE(again.clean_len == t->len && memcmp(again.clean, d->clean + t->start, t->len) == 0);
        arena_reset(a);
    }
    arena_free(a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > (1u << 20) || !valid_utf8(data, size)) return 0;
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    arena *a = arena_new();
    story st = {.text = text, .text_len = size};
    doc d = {.story = &st};
    clean_text(a, &d);
    check_map(&d);
    split_sentences(a, &d);
    tokenize(a, &d);
    clean_sentences(a, &d);
    check_sentences(&d);
    if (size < 4096) check_origins(&d);
    arena_free(a);
    free(text);
    return 0;
}
