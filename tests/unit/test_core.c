/* test_core.c — the small shared modules: arena, match keys, the lexical
 * tagger, the gazetteer, the JSON writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "harness.h"
#include "key.h"
#include "resolve.h"
#include "tag.h"
#include "write.h"

static void test_arena_alignment_and_reset(void)
{
    arena *a = arena_new();
    for (int i = 1; i < 2000; i++) {
        void *p = arena_alloc(a, (size_t)i % 97 + 1);
        CHECK(((uintptr_t)p & 15) == 0);
    }
    char *big = arena_alloc(a, 1 << 20);           /* a block of its own */
    memset(big, 'x', 1 << 20);
    CHECK(arena_bytes_held(a) >= (1u << 20));
    arena_reset(a);
    CHECK(arena_bytes_held(a) < (1u << 20));       /* big blocks are returned */
    char *s = arena_strndup(a, "Lavrov met Xi", 6);
    CHECK_STR(s, "Lavrov");
    int *z = arena_calloc(a, 100, sizeof *z);
    int zero = 1;
    for (int i = 0; i < 100; i++) zero &= z[i] == 0;
    CHECK(zero);
    arena_free(a);
}

static void test_match_keys(void)
{
    arena *a = arena_new();
    CHECK_STR(match_key(a, "Lavrov", 6), "lavrov");
    CHECK_STR(match_key(a, "ELYSEE", 6), "elysee");
    CHECK_STR(match_key(a, "\xc3\x89lys\xc3\xa9" "e", 8), "elysee");        /* Élysée */
    CHECK_STR(match_key(a, "Xi\xe2\x80\x99s", 6), "xi's");                 /* Xi’s */
    CHECK_STR(match_key(a, "Stra\xc3\x9f" "e", 7), "strasse");              /* Straße */
    char buf[4];
    CHECK(match_key_buf("toolong", 7, buf, sizeof buf) == (size_t)-1);
    arena_free(a);
}

/* Builds tokens for space-separated words (keys only, as the tagger reads). */
static size_t make_tokens(arena *a, const char *text, token *toks, size_t cap)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < cap) {
        const char *e = strchr(p, ' ');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        memset(&toks[n], 0, sizeof toks[n]);
        toks[n].kind = (len == 1 && strchr(".,;?", *p)) ? TOK_PUNCT : TOK_WORD;
        if (*p >= 'A' && *p <= 'Z') toks[n].flags = TOKF_CAPITALIZED;
        toks[n].key = match_key(a, p, len);
        toks[n].hash = key_hash(toks[n].key, strlen(toks[n].key));
        toks[n].len = (uint32_t)len;
        n++;
        p += len + (e ? 1 : 0);
    }
    return n;
}

static void tag_words(const char *text, uint8_t *tags, size_t *n)
{
    arena *a = arena_new();
    token toks[32];
    doc d;
    sentence s = {0};
    memset(&d, 0, sizeof d);
    s.n_tokens = (uint32_t)make_tokens(a, text, toks, 32);
    d.tokens = toks;
    d.n_tokens = s.n_tokens;
    d.sents = &s;
    d.n_sents = 1;
    tag_sentence(&d, 0);
    for (size_t i = 0; i < s.n_tokens; i++) tags[i] = toks[i].pos;
    *n = s.n_tokens;
    arena_free(a);
}

static void test_lexical_tagger(void)
{
    uint8_t t[32];
    size_t n;
    tag_words("The president met Xi in Beijing .", t, &n);
    CHECK_INT(n, 7);
    CHECK_INT(t[0], POS_DET);
    CHECK_INT(t[3], POS_PROPN);
    CHECK_INT(t[4], POS_ADP);
    CHECK_INT(t[6], POS_PUNCT);
    tag_words("he will visit China", t, &n);
    CHECK_INT(t[0], POS_PRON);
    CHECK_INT(t[1], POS_AUX);
    CHECK_INT(t[2], POS_VERB);       /* after a modal */
    tag_words("they did not necessarily meet", t, &n);
    CHECK_INT(t[3], POS_ADV);
    CHECK_INT(t[4], POS_VERB);       /* through an adverb */
}

static void test_word_classes(void)
{
    arena *a = arena_new();
    token toks[8];
    doc d;
    sentence s = {0};
    memset(&d, 0, sizeof d);
    s.n_tokens = (uint32_t)make_tokens(a, "not would were whether he", toks, 8);
    d.tokens = toks;
    d.sents = &s;
    d.n_sents = 1;
    tag_sentence(&d, 0);                    /* the classes are set by the tagger */
    CHECK(tag_is_negation(&toks[0]));
    CHECK(tag_is_modal(&toks[1]));
    CHECK(tag_is_be_form(&toks[2]));
    CHECK(tag_is_subordinator(&toks[3]));
    CHECK(tag_is_personal_pronoun(&toks[4]));
    CHECK(!tag_is_modal(&toks[0]));
    CHECK(tag_opens_adverbial_clause("After"));      /* any case */
    CHECK(tag_opens_adverbial_clause("although"));
    CHECK(!tag_opens_adverbial_clause("that"));      /* a complement, not an adverbial */
    arena_free(a);
}

static void test_gazetteer(void)
{
    arena *a = arena_new();
    token toks[8];
    size_t len = 0;
    place p;
    size_t n = make_tokens(a, "in Addis Ababa today", toks, 8);
    CHECK(resolve_place_at(toks, n, 1, &len, &p));
    CHECK_STR(p.name, "Addis Ababa");
    CHECK_STR(p.country, "ETH");
    CHECK(p.lat > 8.5 && p.lat < 9.5 && p.lon > 38.3 && p.lon < 39.3);
    CHECK_INT(len, 2);
    n = make_tokens(a, "Beijing", toks, 8);
    CHECK(resolve_place_at(toks, n, 0, &len, &p) && strcmp(p.country, "CHN") == 0);
    n = make_tokens(a, "beijing", toks, 8);           /* lower case: not a name */
    CHECK(!resolve_place_at(toks, n, 0, &len, &p));
    arena_free(a);
}

static void test_json_escaping(void)
{
    dyad_event e;
    memset(&e, 0, sizeof e);
    e.story_id = "s\"1";
    e.sentence_id = "s\"1:1";
    e.story_date = e.date = "2024-04-09";
    e.source = "RUSGOV";
    e.text = "tab\there \\ \"quote\" \x01";
    strcpy(e.code, "040");
    strcpy(e.root, "04");
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    CHECK_INT(write_event_jsonl(f, &e), 0);
    fclose(f);
    CHECK(strstr(buf, "\"story_id\":\"s\\\"1\"") != NULL);
    CHECK(strstr(buf, "\"text\":\"tab\\there \\\\ \\\"quote\\\" \\u0001\"") != NULL);
    CHECK(strstr(buf, "\"target\":null") != NULL);
    CHECK(strstr(buf, "\"location\":null") != NULL);
    CHECK(strstr(buf, "\"quad_class\":null") != NULL);
    CHECK(buf[len - 1] == '\n' && strchr(buf, '\n') == buf + len - 1);
    free(buf);
}

int main(void)
{
    RUN(test_arena_alignment_and_reset);
    RUN(test_match_keys);
    RUN(test_lexical_tagger);
    RUN(test_word_classes);
    RUN(test_gazetteer);
    RUN(test_json_escaping);
    return harness_report("core");
}
