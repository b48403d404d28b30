/* test_commas.c — unit tests of the comma-delimited clauses (src/commas.h):
 * which clause goes for each limit, the commas inside noun phrases, and
 * the document's token array after the removal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "arena.h"
#include "clean.h"
#include "commas.h"
#include "deprel.h"
#include "doc.h"
#include "split.h"
#include "tag.h"
#include "tokenize.h"

typedef struct run {
    arena *a;
    story st;
    doc d;
} run;

/* The front end and the lexical tagger over text (which must outlive r). */
static void run_text(run *r, const char *text)
{
    memset(r, 0, sizeof *r);
    r->a = arena_new();
    r->st.text = text;
    r->st.text_len = strlen(text);
    r->d.story = &r->st;
    clean_text(r->a, &r->d);
    split_sentences(r->a, &r->d);
    tokenize(r->a, &r->d);
    for (size_t s = 0; s < r->d.n_sents; s++) tag_sentence(&r->d, s);
}

/* The words of sentence s joined by single blanks (into buf). */
static const char *words(const run *r, size_t s, char *buf, size_t cap)
{
    const sentence *se = &r->d.sents[s];
    size_t k = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < se->n_tokens; i++) {
        const token *t = &r->d.tokens[se->first_token + i];
        int n = snprintf(buf + k, cap - k, "%s%.*s", i ? " " : "", (int)t->len,
                         r->d.clean + t->start);
        if (n < 0 || (size_t)n >= cap - k) break;
        k += (size_t)n;
    }
    return buf;
}

static const comma_limits petrarch_defaults = {2, 8, 0, 0, 2, 8};

/* COMMA-01 of the PETRARCH suite, in substance: an 8-word internal clause
 * and a terminal one go; the next sentence's tokens move down intact. */
static void test_internal_and_terminal(void)
{
    run r;
    run_text(&r, "Arnor will restore ties with Gondor, five years after crowds burned down "
                 "its embassy, a senior official said on Saturday. Gondor welcomed it.");
    CHECK_INT(r.d.n_sents, 2);
    size_t before = r.d.n_tokens, second = r.d.sents[1].n_tokens;
    size_t removed = commas_leave_out(&r.d, 0, &petrarch_defaults);
    char buf[512];
    CHECK_STR(words(&r, 0, buf, sizeof buf), "Arnor will restore ties with Gondor .");
    CHECK_INT(removed, 8 + 6 + 2);           /* and both commas, left dangling */
    CHECK_INT(r.d.n_tokens, before - removed);
    CHECK_INT(r.d.sents[1].first_token, r.d.sents[0].n_tokens);
    CHECK_INT(r.d.sents[1].n_tokens, second);
    CHECK_STR(words(&r, 1, buf, sizeof buf), "Gondor welcomed it .");
    arena_free(r.a);
}

/* Lengths outside the limits keep the clause; a maximum of 0 is off. */
static void test_limits(void)
{
    char buf[512];
    const char *text = "Arnor will restore ties with Gondor, several years after the crowds "
                       "burned down its old embassy, a senior official said on Saturday.";
    run r;
    run_text(&r, text);                      /* internal: 10 words, over 8 */
    commas_leave_out(&r.d, 0, &petrarch_defaults);
    CHECK_STR(words(&r, 0, buf, sizeof buf),
              "Arnor will restore ties with Gondor , several years after the crowds burned "
              "down its old embassy .");
    arena_free(r.a);

    run_text(&r, text);
    comma_limits off = {2, 8, 0, 0, 2, 0};   /* terminal clauses off */
    CHECK_INT(commas_leave_out(&r.d, 0, &off), 0);
    comma_limits none = {0, 0, 0, 0, 0, 0};
    CHECK(!commas_active(&none));
    CHECK(commas_active(&off));
    CHECK_INT(commas_leave_out(&r.d, 0, &none), 0);
    arena_free(r.a);
}

/* The initial clause: from the first word to the first comma. */
static void test_initial(void)
{
    char buf[512];
    run r;
    run_text(&r, "In a surprise move on Monday, Arnor restored ties with Gondor.");
    comma_limits initial = {0, 0, 3, 6, 0, 0};
    CHECK_INT(commas_leave_out(&r.d, 0, &initial), 7);   /* the clause and its comma */
    CHECK_STR(words(&r, 0, buf, sizeof buf), "Arnor restored ties with Gondor .");
    arena_free(r.a);

    run_text(&r, "On Monday, Arnor restored ties with Gondor.");   /* 2 words: below 3 */
    CHECK_INT(commas_leave_out(&r.d, 0, &initial), 0);
    arena_free(r.a);
}

/* With a parse, a comma inside a noun phrase delimits nothing: the list
 * "Arnor, Gondor and Rohan" stays whole, while the terminal clause goes. */
static void test_noun_phrase_commas(void)
{
    char buf[512];
    run r;
    run_text(&r, "Arnor, Gondor and Rohan met, officials said.");
    /* 0 Arnor 1 , 2 Gondor 3 and 4 Rohan 5 met 6 , 7 officials 8 said 9 . */
    static const struct { int head; uint8_t rel, pos; } parse[] = {
        {5, DEP_NSUBJ, POS_PROPN}, {2, DEP_PUNCT, POS_PUNCT}, {0, DEP_CONJ, POS_PROPN},
        {4, DEP_CC, POS_CCONJ},    {0, DEP_CONJ, POS_PROPN},  {-1, DEP_ROOT, POS_VERB},
        {8, DEP_PUNCT, POS_PUNCT}, {8, DEP_NSUBJ, POS_NOUN},  {5, DEP_PARATAXIS, POS_VERB},
        {5, DEP_PUNCT, POS_PUNCT},
    };
    CHECK_INT(r.d.sents[0].n_tokens, 10);
    for (size_t i = 0; i < 10; i++) {
        token *t = &r.d.tokens[i];
        t->head = parse[i].head;
        t->rel = parse[i].rel;
        t->pos = parse[i].pos;
    }
    r.d.sents[0].parsed = 1;
    comma_limits lim = {1, 8, 0, 0, 1, 8};
    CHECK_INT(commas_leave_out(&r.d, 0, &lim), 3);   /* ", officials said" */
    CHECK_STR(words(&r, 0, buf, sizeof buf), "Arnor , Gondor and Rohan met .");
    arena_free(r.a);
}

/* What follows an opening adverbial clause is the main clause, however
 * short: not a terminal clause to leave out. */
static void test_main_clause_kept(void)
{
    char buf[512];
    run r;
    run_text(&r, "After Rohan criticized Osgiliath, Gondor arrested Arnor.");
    CHECK_INT(commas_leave_out(&r.d, 0, &petrarch_defaults), 0);
    arena_free(r.a);
    run_text(&r, "After Rohan criticized Osgiliath, Gondor arrested Arnor, officials said.");
    commas_leave_out(&r.d, 0, &petrarch_defaults);
    CHECK_STR(words(&r, 0, buf, sizeof buf),
              "After Rohan criticized Osgiliath , Gondor arrested Arnor .");
    arena_free(r.a);
}

int main(void)
{
    RUN(test_internal_and_terminal);
    RUN(test_limits);
    RUN(test_initial);
    RUN(test_noun_phrase_commas);
    RUN(test_main_clause_kept);
    return harness_report("commas");
}
