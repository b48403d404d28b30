/* test_tree.c — the questions the coder asks of a parse (src/tree.h),
 * on hand-written trees: the text goes through the real front end and
 * lexical tagger (so keys and word classes are real), then each token gets
 * the UPOS, head and relation written in the case, as UD English would
 * annotate the sentence.  The parser is not involved: these test the
 * reading of trees, test_coder.c tests the parsed coder end to end.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "arena.h"
#include "deprel.h"
#include "doc.h"
#include "pipeline.h"
#include "tag.h"
#include "tree.h"

/* One annotated word: UPOS, 1-based head (0: root), relation. */
typedef struct ann {
    pos_tag pos;
    int head;
    const char *rel;
} ann;

typedef struct fixture {
    arena *a;
    story st;
    doc d;
    tree t;
} fixture;

/* Builds the tree of `text` (one sentence of n tokens) from the annotation;
 * 0, or -1 when the text does not have n tokens. */
static int build(fixture *f, const char *text, const ann *an, size_t n)
{
    memset(f, 0, sizeof *f);
    f->a = arena_new();
    f->st.text = text;
    f->st.text_len = strlen(text);
    if (pipeline_text(f->a, &f->st, &f->d) != 0 || f->d.n_sents != 1) return -1;
    sentence *s = &f->d.sents[0];
    if (s->n_tokens != n) return -1;
    tag_sentence(&f->d, 0);
    token *toks = f->d.tokens + s->first_token;
    for (size_t i = 0; i < n; i++) {
        toks[i].pos = (uint8_t)an[i].pos;
        toks[i].head = an[i].head - 1;
        toks[i].rel = (uint8_t)deprel_from_name(an[i].rel);
    }
    s->parsed = 1;
    tree_init(&f->t, f->a, toks, n);
    return 0;
}

static void done(fixture *f) { arena_free(f->a); }

#define N(a) (sizeof(a) / sizeof((a)[0]))

static void test_deprel_names(void)
{
    CHECK_INT(deprel_from_name("nsubj"), DEP_NSUBJ);
    CHECK_INT(deprel_from_name("nsubj:pass"), DEP_NSUBJ_PASS);
    CHECK_INT(deprel_from_name("obl:tmod"), DEP_OBL);          /* unused subtype */
    CHECK_INT(deprel_from_name("obl:agent"), DEP_OBL_AGENT);
    CHECK_INT(deprel_from_name("acl:relcl"), DEP_ACL_RELCL);
    CHECK_INT(deprel_from_name("reparandum"), DEP_OTHER);
    CHECK_INT(deprel_from_name(NULL), DEP_OTHER);
    CHECK_STR(deprel_name(DEP_NSUBJ_PASS), "nsubj:pass");
}

static void test_subject_object(void)
{
    /* Lavrov met Xi in Beijing . */
    static const ann an[] = {{POS_PROPN, 2, "nsubj"}, {POS_VERB, 0, "root"},
                             {POS_PROPN, 2, "obj"},   {POS_ADP, 5, "case"},
                             {POS_PROPN, 2, "obl"},   {POS_PUNCT, 2, "punct"}};
    fixture f;
    CHECK_INT(build(&f, "Lavrov met Xi in Beijing.", an, N(an)), 0);
    CHECK_INT(tree_subject(&f.t, 1), 0);
    CHECK(tree_has_object(&f.t, 1));
    int obj[8];
    CHECK_INT(tree_objects(&f.t, 1, obj, 8), 2);
    CHECK_INT(obj[0], 2);
    CHECK_INT(obj[1], 4);
    CHECK(tree_is_verb(&f.t, 1));
    CHECK(!tree_is_passive(&f.t, 1));
    CHECK(!tree_is_negated(&f.t, 1));
    done(&f);
}

static void test_control_and_coordination(void)
{
    /* Putin urged Xi to visit Moscow and praised him . */
    static const ann an[] = {
        {POS_PROPN, 2, "nsubj"}, {POS_VERB, 0, "root"},  {POS_PROPN, 2, "obj"},
        {POS_PART, 5, "mark"},   {POS_VERB, 2, "xcomp"}, {POS_PROPN, 5, "obj"},
        {POS_CCONJ, 8, "cc"},    {POS_VERB, 2, "conj"},  {POS_PRON, 8, "obj"},
        {POS_PUNCT, 2, "punct"}};
    fixture f;
    CHECK_INT(build(&f, "Putin urged Xi to visit Moscow and praised him.", an, N(an)), 0);
    CHECK_INT(tree_subject(&f.t, 4), 2);       /* object control: Xi visits */
    CHECK_INT(tree_subject(&f.t, 7), 0);       /* coordination: Putin praised */
    CHECK_INT(tree_clause_top(&f.t, 4), 1);
    int first, end;
    tree_clause_span(&f.t, f.a, 1, &first, &end);
    CHECK_INT(first, 0);                        /* "praised him" is a clause of its own */
    CHECK_INT(end, 6);                          /* and punctuation is no part of it */
    done(&f);
}

static void test_subject_control_and_modals(void)
{
    /* China would not agree to meet Japan . */
    fixture f;
    static const ann fixed[] = {
        {POS_PROPN, 4, "nsubj"}, {POS_AUX, 4, "aux"},   {POS_PART, 4, "advmod"},
        {POS_VERB, 0, "root"},   {POS_PART, 6, "mark"}, {POS_VERB, 4, "xcomp"},
        {POS_PROPN, 6, "obj"},   {POS_PUNCT, 4, "punct"}};
    CHECK_INT(build(&f, "China would not agree to meet Japan.", fixed, N(fixed)), 0);
    CHECK_INT(tree_subject(&f.t, 5), 0);       /* subject control: China meets */
    CHECK(tree_is_negated(&f.t, 5));           /* "not" reaches "meet" through "to" */
    CHECK(tree_has_modal(&f.t, 5));
    CHECK(!tree_is_hypothetical(&f.t, 5));
    done(&f);
}

static void test_passive_and_relative_clause(void)
{
    /* the envoy who was attacked by rebels left . */
    fixture f;
    static const ann an2[] = {
        {POS_DET, 2, "det"},        {POS_NOUN, 8, "nsubj"},     {POS_PRON, 5, "nsubj:pass"},
        {POS_AUX, 5, "aux:pass"},   {POS_VERB, 2, "acl:relcl"}, {POS_ADP, 7, "case"},
        {POS_NOUN, 5, "obl:agent"}, {POS_VERB, 0, "root"},      {POS_PUNCT, 8, "punct"}};
    CHECK_INT(build(&f, "the envoy who was attacked by rebels left.", an2, N(an2)), 0);
    CHECK(tree_is_passive(&f.t, 4));
    CHECK_INT(tree_subject(&f.t, 4), 1);       /* "who" stands for the envoy */
    CHECK_INT(tree_agent(&f.t, 4), 6);
    CHECK(tree_in_phrase(&f.t, 1, 1));
    CHECK(!tree_in_phrase(&f.t, 1, 6));        /* rebels are in the relative clause */
    done(&f);
}

static void test_reported_and_hypothetical(void)
{
    /* Iran said it would attack if Israel struck . */
    static const ann an[] = {
        {POS_PROPN, 2, "nsubj"}, {POS_VERB, 0, "root"},  {POS_PRON, 5, "nsubj"},
        {POS_AUX, 5, "aux"},     {POS_VERB, 2, "ccomp"}, {POS_SCONJ, 8, "mark"},
        {POS_PROPN, 8, "nsubj"}, {POS_VERB, 5, "advcl"}, {POS_PUNCT, 2, "punct"}};
    fixture f;
    CHECK_INT(build(&f, "Iran said it would attack if Israel struck.", an, N(an)), 0);
    CHECK_INT(tree_reporter(&f.t, 4), 0);      /* "it" would be Iran */
    CHECK_INT(tree_reporter(&f.t, 1), -1);
    CHECK(tree_is_hypothetical(&f.t, 7));      /* "if Israel struck" */
    CHECK(!tree_is_hypothetical(&f.t, 4));
    done(&f);
}

/* Repairs of common misparses: a reported verb whose subject the parser
 * made the object of the reporting verb; a name hung on the verb with
 * "dep"; nsubj:pass with no form of "be" (not passive); obl:agent in a
 * participle clause (passive). */
static void test_misparse_repairs(void)
{
    /* Lavrov said the president appreciated the message . */
    static const ann a1[] = {{POS_PROPN, 2, "nsubj"}, {POS_VERB, 0, "root"},
                             {POS_DET, 4, "det"},     {POS_NOUN, 2, "obj"},
                             {POS_VERB, 2, "ccomp"},  {POS_DET, 7, "det"},
                             {POS_NOUN, 5, "obj"},    {POS_PUNCT, 2, "punct"}};
    fixture f;
    CHECK_INT(build(&f, "Lavrov said the president appreciated the message.", a1, N(a1)), 0);
    CHECK_INT(tree_subject(&f.t, 4), 3);
    done(&f);
    /* Gollum in recent days did allow it . */
    static const ann a2[] = {{POS_PROPN, 6, "dep"}, {POS_ADP, 4, "case"},
                             {POS_ADJ, 4, "amod"},  {POS_NOUN, 6, "obl"},
                             {POS_AUX, 6, "aux"},   {POS_VERB, 0, "root"},
                             {POS_PRON, 6, "obj"},  {POS_PUNCT, 6, "punct"}};
    CHECK_INT(build(&f, "Gollum in recent days did allow it.", a2, N(a2)), 0);
    CHECK_INT(tree_subject(&f.t, 5), 0);
    done(&f);
    /* it should have acted , with "it" taken for nsubj:pass */
    static const ann a3[] = {{POS_PRON, 4, "nsubj:pass"}, {POS_AUX, 4, "aux"},
                             {POS_AUX, 4, "aux"},        {POS_VERB, 0, "root"},
                             {POS_PUNCT, 4, "punct"}};
    CHECK_INT(build(&f, "It should have acted.", a3, N(a3)), 0);
    CHECK(!tree_is_passive(&f.t, 3));
    done(&f);
    /* Rebuked by Eriador , Osgiliath left . */
    static const ann a4[] = {{POS_VERB, 6, "advcl"}, {POS_ADP, 3, "case"},
                             {POS_PROPN, 1, "obl:agent"}, {POS_PUNCT, 1, "punct"},
                             {POS_PROPN, 6, "nsubj"}, {POS_VERB, 0, "root"},
                             {POS_PUNCT, 6, "punct"}};
    CHECK_INT(build(&f, "Rebuked by Eriador, Osgiliath left.", a4, N(a4)), 0);
    CHECK(tree_is_passive(&f.t, 0));
    CHECK_INT(tree_agent(&f.t, 0), 2);
    CHECK(!tree_is_passive(&f.t, 5));
    done(&f);
}

static void test_verb_uses(void)
{
    /* Jordan 's visiting king arrived . */
    static const ann an[] = {{POS_PROPN, 4, "nmod:poss"}, {POS_PART, 1, "case"},
                             {POS_VERB, 4, "advcl"},      {POS_NOUN, 5, "nsubj"},
                             {POS_VERB, 0, "root"},       {POS_PUNCT, 5, "punct"}};
    fixture f;
    CHECK_INT(build(&f, "Jordan's visiting king arrived.", an, N(an)), 0);
    CHECK(!tree_is_verb(&f.t, 2));             /* after a possessive: a modifier */
    CHECK(tree_is_verb(&f.t, 4));
    done(&f);
}

int main(void)
{
    RUN(test_deprel_names);
    RUN(test_subject_object);
    RUN(test_control_and_coordination);
    RUN(test_subject_control_and_modals);
    RUN(test_passive_and_relative_clause);
    RUN(test_reported_and_hypothetical);
    RUN(test_verb_uses);
    RUN(test_misparse_repairs);
    return harness_report("tree");
}
