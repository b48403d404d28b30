/* test_parser.c — the arc-hybrid transition system, its dynamic oracle,
 * feature hashing, a tiny training run and the model round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conllu.h"
#include "doc.h"
#include "harness.h"
#include "model.h"
#include "parser.h"
#include "parser_internal.h"
#include "syntax.h"

/* "The minister met Xi in Beijing ." (projective; heads 1-based). */
#define N1 7
static const char *forms1[N1] = {"The", "minister", "met", "Xi", "in", "Beijing", "."};
static const uint8_t upos1[N1] = {POS_DET, POS_NOUN, POS_VERB, POS_PROPN, POS_ADP,
                                  POS_PROPN, POS_PUNCT};
static const int heads1[N1] = {2, 3, 0, 3, 6, 3, 3};
static const char *rels1[N1] = {"det", "nsubj", "root", "obj", "case", "obl", "punct"};

/* "Russia said that China will help ." */
#define N2 7
static const char *forms2[N2] = {"Russia", "said", "that", "China", "will", "help", "."};
static const uint8_t upos2[N2] = {POS_PROPN, POS_VERB, POS_SCONJ, POS_PROPN, POS_AUX,
                                  POS_VERB, POS_PUNCT};
static const int heads2[N2] = {2, 0, 6, 6, 6, 2, 2};
static const char *rels2[N2] = {"nsubj", "root", "mark", "nsubj", "aux", "ccomp", "punct"};

/* Runs the static oracle (first zero-cost legal transition in the order
 * LEFT, RIGHT, SHIFT) and returns the number of steps; heads in w. */
static int run_static_oracle(parser_work *w, int n, const int *heads, const uint8_t *upos,
                             int *all_gold_zero)
{
    uint64_t wh[16];
    int gh[17];
    gh[0] = -1;
    for (int i = 0; i < n; i++) {
        wh[i] = parser_word_hash(forms1[0], 3) + (uint64_t)i;
        gh[i + 1] = heads[i];
    }
    pw_init(w, n, wh, upos, NULL, NULL);
    int steps = 0;
    *all_gold_zero = 1;
    static const int order[3] = {PT_LEFT, PT_RIGHT, PT_SHIFT};
    while (!pw_terminal(w) && steps < 4 * n) {
        unsigned legal = pw_legal(w);
        int t = -1;
        for (int k = 0; k < 3 && t < 0; k++)
            if ((legal >> order[k] & 1) && pw_cost(w, gh, order[k]) == 0)
                t = order[k];
        if (t < 0) {
            *all_gold_zero = 0;
            break;
        }
        pw_apply(w, t, 0);
        steps++;
    }
    return steps;
}

static void test_static_oracle_reproduces_tree(void)
{
    parser_work *w = parser_work_new();
    int ok;
    int steps = run_static_oracle(w, N1, heads1, upos1, &ok);
    CHECK(ok);
    CHECK_INT(steps, 2 * N1);
    CHECK(pw_terminal(w));
    for (int i = 0; i < N1; i++)
        CHECK_INT(w->head[i + 1], heads1[i]);
    steps = run_static_oracle(w, N2, heads2, upos2, &ok);
    CHECK(ok);
    for (int i = 0; i < N2; i++)
        CHECK_INT(w->head[i + 1], heads2[i]);
    parser_work_free(w);
}

/* After one wrong SHIFT (losing The <- minister), following the zero-cost
 * transitions still recovers every other arc: the dynamic oracle. */
static void test_dynamic_oracle_after_error(void)
{
    parser_work *w = parser_work_new();
    uint64_t wh[N1] = {0};
    int gh[N1 + 1] = {-1};
    for (int i = 0; i < N1; i++)
        gh[i + 1] = heads1[i];
    pw_init(w, N1, wh, upos1, NULL, NULL);
    pw_apply(w, PT_SHIFT, 0);                  /* [0 The] | minister ... */
    CHECK_INT(pw_cost(w, gh, PT_LEFT), 0);
    CHECK_INT(pw_cost(w, gh, PT_SHIFT), 1);
    pw_apply(w, PT_SHIFT, 0);                  /* the error */
    while (!pw_terminal(w)) {
        unsigned legal = pw_legal(w);
        int t = -1;
        for (int k = 0; k < PT_N; k++)
            if ((legal >> k & 1) && pw_cost(w, gh, k) == 0)
                t = k;
        CHECK(t >= 0);
        if (t < 0)
            break;
        pw_apply(w, t, 0);
    }
    int right = 0;
    for (int i = 1; i <= N1; i++)
        right += w->head[i] == gh[i];
    CHECK_INT(right, N1 - 1);
    CHECK(w->head[1] != 2);
    parser_work_free(w);
}

static void test_transitions_and_legality(void)
{
    parser_work *w = parser_work_new();
    uint64_t wh[3] = {1, 2, 3};
    uint8_t up[3] = {POS_NOUN, POS_VERB, POS_PUNCT};
    pw_init(w, 3, wh, up, NULL, NULL);
    CHECK_INT(pw_legal(w), 1u << PT_SHIFT);          /* only SHIFT at the start */
    pw_apply(w, PT_SHIFT, 0);                         /* [0 1] | 2 3 */
    CHECK_INT(pw_legal(w), (1u << PT_SHIFT) | (1u << PT_LEFT)); /* no RIGHT to ROOT yet */
    pw_apply(w, PT_LEFT, 5);                          /* 1 <- 2 */
    CHECK_INT(w->head[1], 2);
    CHECK_INT(w->lab[1], 5);
    CHECK_INT(w->lc1[2], 1);
    CHECK_INT(w->nl[2], 1);
    pw_apply(w, PT_SHIFT, 0);                         /* [0 2] | 3 */
    pw_apply(w, PT_SHIFT, 0);                         /* [0 2 3] | */
    CHECK_INT(pw_legal(w), 1u << PT_RIGHT);
    pw_apply(w, PT_RIGHT, 1);                         /* 2 -> 3 */
    CHECK_INT(w->rc1[2], 3);
    pw_apply(w, PT_RIGHT, 2);                         /* ROOT -> 2 */
    CHECK(pw_terminal(w));
    CHECK_INT(w->head[2], 0);
    parser_work_free(w);
}

static void test_feature_hashing_deterministic(void)
{
    parser_work *a = parser_work_new(), *b = parser_work_new();
    uint64_t wh[N1];
    for (int i = 0; i < N1; i++)
        wh[i] = parser_word_hash(forms1[i], strlen(forms1[i]));
    CHECK(parser_word_hash("The", 3) == parser_word_hash("the", 3));
    CHECK(parser_word_hash("1984", 4) == parser_word_hash("2024", 4));
    CHECK(parser_word_hash("met", 3) != parser_word_hash("Xi", 2));
    pw_init(a, N1, wh, upos1, NULL, NULL);
    pw_init(b, N1, wh, upos1, NULL, NULL);
    pw_apply(a, PT_SHIFT, 0);
    pw_apply(b, PT_SHIFT, 0);
    int na = pw_trans_features(a), nb = pw_trans_features(b);
    CHECK_INT(na, nb);
    CHECK(na <= PARSER_MAX_FEATS);
    CHECK(memcmp(a->feats, b->feats, (size_t)na * sizeof(uint64_t)) == 0);
    int distinct = 1;
    for (int i = 0; i < na; i++)
        for (int j = i + 1; j < na; j++)
            if (a->feats[i] == a->feats[j])
                distinct = 0;
    CHECK(distinct);   /* templates are kept apart by their numbers */
    int nl = pw_label_features(a, 1, 2);
    CHECK(nl <= PARSER_MAX_FEATS);
    parser_work_free(a);
    parser_work_free(b);
}

/* Builds a treebank of `copies` copies of the two sentences above.  The
 * strings are static, so mem_ is NULL and the caller frees with free_tb. */
static treebank *tiny_treebank(int copies)
{
    treebank *tb = calloc(1, sizeof *tb);
    tb->n_sents = (size_t)copies * 2;
    tb->sents = calloc(tb->n_sents, sizeof *tb->sents);
    for (size_t s = 0; s < tb->n_sents; s++) {
        int two = (int)(s & 1);
        int n = two ? N2 : N1;
        ud_sentence *us = &tb->sents[s];
        us->n = (size_t)n;
        us->words = calloc((size_t)n, sizeof *us->words);
        for (int i = 0; i < n; i++) {
            us->words[i].form = two ? forms2[i] : forms1[i];
            us->words[i].upos = two ? upos2[i] : upos1[i];
            us->words[i].head = two ? heads2[i] : heads1[i];
            us->words[i].deprel = two ? rels2[i] : rels1[i];
            us->words[i].xpos = "_";
            us->words[i].lemma = "_";
        }
        tb->n_words += (size_t)n;
    }
    return tb;
}

static void free_tb(treebank *tb)
{
    for (size_t s = 0; s < tb->n_sents; s++)
        free(tb->sents[s].words);
    free(tb->sents);
    free(tb);
}

static parser *train_tiny(treebank *tb)
{
    parser_train_opts o;
    parser_train_defaults(&o);
    o.epochs = 5;
    o.trans_bits = 12;
    o.label_bits = 10;
    return parser_train(tb, tb, &o);
}

static void test_tiny_training_learns(void)
{
    treebank *tb = tiny_treebank(10);
    parser *p = train_tiny(tb);
    CHECK(p != NULL);
    if (!p) {
        free_tb(tb);
        return;
    }
    double uas = 0, las = 0;
    size_t n = parser_evaluate(p, tb, NULL, &uas, &las);
    CHECK_INT(n, 20 * 7);
    CHECK(uas == 100.0);
    CHECK(las == 100.0);
    parser_work *w = parser_work_new();
    int hd[N1], lb[N1];
    CHECK_INT(parser_parse(p, w, N1, forms1, upos1, NULL, NULL, hd, lb), 0);
    for (int i = 0; i < N1; i++) {
        CHECK_INT(hd[i], heads1[i]);
        CHECK_STR(parser_label_name(p, lb[i]), rels1[i]);
    }
    CHECK_INT(parser_parse(p, w, 0, forms1, upos1, NULL, NULL, hd, lb), 0);  /* empty sentence */
    parser_work_free(w);
    parser_free(p);
    free_tb(tb);
}

static void test_training_deterministic_and_round_trip(void)
{
    treebank *tb = tiny_treebank(6);
    parser *a = train_tiny(tb), *b = train_tiny(tb);
    CHECK(a && b);
    if (a && b) {
        size_t len = ((size_t)1 << a->trans.bits) * (size_t)a->trans.stride;
        CHECK(memcmp(a->trans.w, b->trans.w, len * sizeof a->trans.w[0]) == 0);
        model_writer *mw = model_writer_new();
        char err[256], path[] = "/tmp/dyad_test_parser_XXXXXX";
        int fd = mkstemp(path);
        CHECK(fd >= 0);
        CHECK_INT(parser_save(a, mw), 0);
        CHECK_INT(model_writer_save(mw, path, err, sizeof err), 0);
        model_writer_free(mw);
        model *m = model_load(path, err, sizeof err);
        parser *c = m ? parser_from_model(m, err, sizeof err) : NULL;
        CHECK(c != NULL);
        if (c) {
            CHECK(memcmp(a->trans.w, c->trans.w, len * sizeof a->trans.w[0]) == 0);
            CHECK(a->trans.scale == c->trans.scale);
            CHECK_INT(parser_n_labels(c), parser_n_labels(a));
            CHECK_STR(parser_label_name(c, 0), parser_label_name(a, 0));
        }
        parser_free(c);
        model_free(m);
        remove(path);
    }
    parser_free(a);
    parser_free(b);
    free_tb(tb);
}

/* Training runs summed (opts.runs) is deterministic too and learns the
 * tiny treebank; a runner-up XPOS equal to the XPOS means the tagger was
 * sure, as no runner-up does. */
static void test_summed_runs_and_runner_up(void)
{
    treebank *tb = tiny_treebank(6);
    parser_train_opts o;
    parser_train_defaults(&o);
    o.epochs = 4;
    o.runs = 3;
    o.trans_bits = 12;
    o.label_bits = 10;
    parser *a = parser_train(tb, tb, &o), *b = parser_train(tb, tb, &o);
    CHECK(a && b);
    if (a && b) {
        size_t len = ((size_t)1 << a->trans.bits) * (size_t)a->trans.stride;
        CHECK(memcmp(a->trans.w, b->trans.w, len * sizeof a->trans.w[0]) == 0);
        double uas = 0, las = 0;
        parser_evaluate(a, tb, NULL, &uas, &las);
        CHECK(uas == 100.0);
        CHECK(las == 100.0);
        static const char *const xp[] = {"DT", "NN", "VBD", "NNP", "IN", "NNP", "."};
        static const char *const alt[] = {"DT", "NN", "VBN", "NNP", "IN", "NNP", "."};
        parser_work *w = parser_work_new();
        int h1[N1], l1[N1], h2[N1], l2[N1];
        uint64_t q1[N1 + 1];
        parser_parse(a, w, N1, forms1, upos1, xp, NULL, h1, l1);
        memcpy(q1, w->qh, sizeof q1);
        parser_parse(a, w, N1, forms1, upos1, xp, xp, h2, l2);
        CHECK(memcmp(h1, h2, sizeof h1) == 0 && memcmp(l1, l2, sizeof l1) == 0);
        CHECK(memcmp(q1, w->qh, sizeof q1) == 0);
        parser_parse(a, w, N1, forms1, upos1, xp, alt, h2, l2);
        CHECK(q1[3] != w->qh[3]);              /* "met": VBD, or VBN */
        CHECK(q1[2] == w->qh[2] && q1[4] == w->qh[4]);
        parser_work_free(w);
    }
    parser_free(a);
    parser_free(b);
    free_tb(tb);
}

/* Saves p into a fresh model writer's image at path; 0 on success. */
static int save_to(const parser *p, const char *path)
{
    char err[256];
    model_writer *mw = model_writer_new();
    int rc = parser_save(p, mw) != 0 || model_writer_save(mw, path, err, sizeof err) != 0;
    model_writer_free(mw);
    return rc;
}

/* The parser sections store little-endian integers (whatever the host),
 * and a model with another parser layout version is refused with a message
 * naming both versions. */
/* Saves the parser sections of m to path with layout version `version`
 * in a copy of its 32-byte meta section. */
static void save_with_layout(const model *m, const unsigned char *meta, int version,
                             const char *path)
{
    static const char *const names[] = {"parser.labels", "parser.trans", "parser.label"};
    unsigned char old[32];
    memcpy(old, meta, sizeof old);
    old[0] = (unsigned char)version;
    model_writer *mw = model_writer_new();
    model_writer_add(mw, "parser.meta", old, sizeof old);
    for (int i = 0; i < 3; i++) {
        size_t l = 0;
        const void *d = model_section(m, names[i], &l);
        model_writer_add(mw, names[i], d, l);
    }
    char err[512] = "";
    CHECK_INT(model_writer_save(mw, path, err, sizeof err), 0);
    model_writer_free(mw);
}

static void test_layout_version_and_byte_order(void)
{
    treebank *tb = tiny_treebank(2);
    parser *a = train_tiny(tb);
    CHECK(a != NULL);
    char path[] = "/tmp/dyad_test_parser_XXXXXX", err[256] = "";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    if (a && fd >= 0 && save_to(a, path) == 0) {
        model *m = model_load(path, err, sizeof err);
        size_t len = 0;
        const unsigned char *meta = m ? model_section(m, "parser.meta", &len) : NULL;
        CHECK(meta != NULL && len == 32);
        if (meta && len == 32) {
            CHECK_INT(meta[0], 4);                 /* version 4, little-endian */
            CHECK(meta[1] == 0 && meta[2] == 0 && meta[3] == 0);
            CHECK_INT(meta[4], a->trans.bits);     /* trans bits */
            /* the same sections under an older layout version */
            save_with_layout(m, meta, 2, path);
            model *m2 = model_load(path, err, sizeof err);
            parser *b = m2 ? parser_from_model(m2, err, sizeof err) : NULL;
            CHECK(m2 != NULL && b == NULL);
            CHECK(strstr(err, "parser layout version 2") != NULL);
            CHECK(strstr(err, "version 4") != NULL);
            parser_free(b);
            model_free(m2);
            /* version 3, without the tagger-doubt features, is still read */
            save_with_layout(m, meta, 3, path);
            m2 = model_load(path, err, sizeof err);
            b = m2 ? parser_from_model(m2, err, sizeof err) : NULL;
            CHECK(b != NULL);
            if (b) {
                CHECK_INT(b->doubt, 0);
                CHECK_INT(a->doubt, 1);
            }
            parser_free(b);
            model_free(m2);
        }
        model_free(m);
    }
    if (fd >= 0) {
        close(fd);
        remove(path);
    }
    parser_free(a);
    free_tb(tb);
}

/* The committed model on the EWT dev set with gold tags, against the
 * figures recorded when it was trained (UAS 87.48, LAS 85.38): a drop of
 * more than 0.2 points fails.  (The model is trained on jackknifed tags,
 * for predicted tags, where it scores UAS 84.65, LAS 81.18 on dev; gold
 * tags are checked because they need no tagger.) */
static void test_committed_model_on_dev(void)
{
    const char *shared = getenv("SHARED");
    char dev[1024], err[512] = "";
    snprintf(dev, sizeof dev, "%s/ud-english-ewt/en_ewt-ud-dev.conllu",
             shared ? shared : "../shared");
    const char *path = "data/model/dyad-parser.model";
    FILE *probe = fopen(dev, "r");
    if (!probe) {
        printf("SKIP test_committed_model_on_dev: %s not found\n", dev);
        return;
    }
    fclose(probe);
    model *m = model_load(path, err, sizeof err);
    parser *pr = m ? parser_from_model(m, err, sizeof err) : NULL;
    treebank *tb = conllu_read_file(dev, err, sizeof err);
    if (!pr || !tb) printf("  %s\n", err);
    CHECK(pr != NULL && tb != NULL);
    if (pr && tb) {
        double uas = 0, las = 0;
        size_t words = parser_evaluate(pr, tb, NULL, &uas, &las);
        printf("  dev (gold tags) UAS %.2f LAS %.2f over %zu words\n", uas, las, words);
        CHECK_INT(words, 25147);
        CHECK(uas >= 87.48 - 0.2);
        CHECK(las >= 85.38 - 0.2);
    }
    conllu_free(tb);
    parser_free(pr);
    model_free(m);
}

/* Analyzes the words with the committed models; 0 when they cannot load. */
static int analyze(syntax *sx, arena *a, const char *const *forms, ud_word *w, size_t n)
{
    for (size_t i = 0; i < n; i++) w[i] = (ud_word){.form = forms[i]};
    return sx && syntax_analyze(sx, a, w, n) == 0;
}

/* Newswire the web-text treebank rarely shows: a hyphenated modifier
 * ("Saudi-led", split in the treebank) is an adjective, a sentence's
 * opening "X attacked Y, officials said" is a past tense, not a reduced
 * relative, "said Tuesday that" dates the saying, "restored complete,
 * full ties" coordinates two adjectives, "condemned the attack and
 * promised aid" two predicates, "After Russia attacked Ukraine,
 * Germany sent" and "Rebuked by Rohan, Gondor criticized" are parsed as
 * two clauses, an aside (", officials said,") is parsed apart, and
 * "fired two artillery shells" has no verb "shells". */
static void test_newswire_retagging(void)
{
    char err[512] = "";
    syntax *sx = syntax_load("data/model", err, sizeof err);
    if (!sx) printf("  %s\n", err);
    CHECK(sx != NULL);
    arena *a = arena_new();
    static const char *const s1[] = {"Russian", "forces", "attacked", "Ukraine", "on",
                                      "Monday", ",", "officials", "said", "."};
    ud_word w[24];
    if (analyze(sx, a, s1, w, 10)) {
        CHECK_STR(w[2].xpos, "VBD");
        CHECK_INT(w[1].head, 3);               /* forces <- attacked */
        CHECK_STR(w[1].deprel, "nsubj");
        CHECK_INT(w[3].head, 3);               /* Ukraine <- attacked */
    }
    static const char *const s2[] = {"Saudi-led", "forces", "attacked", "Yemen", "."};
    if (analyze(sx, a, s2, w, 5)) {
        CHECK_INT(w[0].upos, POS_ADJ);
        CHECK_INT(w[0].head, 2);
        CHECK_STR(w[1].deprel, "nsubj");
    }
    /* "said Tuesday that": the day is a time modifier, not a subject */
    static const char *const s4[] = {"Russia", "said", "Tuesday", "that", "it",
                                      "would", "meet", "China", "."};
    if (analyze(sx, a, s4, w, 9)) {
        CHECK_STR(w[2].form, "Tuesday");
        CHECK_INT(w[2].head, 2);
        CHECK(strncmp(w[2].deprel, "nsubj", 5) != 0 && strcmp(w[2].deprel, "obj") != 0);
        CHECK_INT(w[6].head, 2);               /* meet <- said */
        CHECK_STR(w[6].deprel, "ccomp");
    }
    /* a compound subject opens it too */
    static const char *const s5[] = {"Israeli", "helicopters", "and", "tanks", "shelled",
                                      "positions", "near", "Rafah", "."};
    if (analyze(sx, a, s5, w, 9)) {
        CHECK_STR(w[4].xpos, "VBD");
        CHECK_INT(w[1].head, 5);               /* helicopters <- shelled */
    }
    /* two adjectives split by a comma after a verb modify the noun, and
     * the comma stays punctuation */
    static const char *const s6[] = {"Arnor", "restored", "complete", ",", "full",
                                      "diplomatic", "ties", "with", "Gondor", "."};
    if (analyze(sx, a, s6, w, 10)) {
        CHECK_INT(w[2].head, 7);               /* complete <- ties */
        CHECK_INT(w[6].head, 2);               /* ties <- restored */
        CHECK_STR(w[6].deprel, "obj");
        CHECK_INT(w[3].upos, POS_PUNCT);
        CHECK_STR(w[3].xpos, ",");
        CHECK_STR(w[3].deprel, "punct");
    }
    /* a second predicate after "and" is a past tense, not a modifier */
    static const char *const s7[] = {"The", "government", "condemned", "the", "attack",
                                      "and", "promised", "aid", "to", "the", "villages", "."};
    if (analyze(sx, a, s7, w, 12)) {
        CHECK_STR(w[6].xpos, "VBD");
        CHECK_INT(w[6].head, 3);               /* promised <- condemned */
        CHECK_STR(w[6].deprel, "conj");
        CHECK_INT(w[7].head, 7);               /* aid <- promised */
    }
    /* coordinated modifiers stay modifiers */
    static const char *const s8[] = {"They", "sold", "new", "and", "improved", "products",
                                      "."};
    if (analyze(sx, a, s8, w, 7)) CHECK(strcmp(w[4].xpos, "VBD") != 0);
    /* an opening subordinate clause keeps its object */
    static const char *const s9[] = {"After", "Russia", "attacked", "Ukraine", ",",
                                      "Germany", "sent", "weapons", "to", "Kyiv", "."};
    if (analyze(sx, a, s9, w, 11)) {
        CHECK_INT(w[3].head, 3);               /* Ukraine <- attacked */
        CHECK_STR(w[3].deprel, "obj");
        CHECK_INT(w[5].head, 7);               /* Germany <- sent */
        CHECK_STR(w[5].deprel, "nsubj");
        CHECK_INT(w[2].head, 7);               /* attacked <- sent */
        CHECK_STR(w[2].deprel, "advcl");
        CHECK_INT(w[4].head, 3);               /* the comma closes the clause */
        CHECK_INT(w[6].head, 0);
    }
    /* so does an opening participle, whose clause the parser made the
     * root when parsing the sentence whole */
    static const char *const s10[] = {"Rebuked", "by", "Rohan", ",", "Gondor",
                                       "criticized", "Arnor", "."};
    if (analyze(sx, a, s10, w, 8)) {
        CHECK_INT(w[5].head, 0);               /* criticized is the root */
        CHECK_INT(w[0].head, 6);               /* Rebuked <- criticized */
        CHECK_STR(w[0].deprel, "advcl");
        CHECK_INT(w[4].head, 6);               /* Gondor <- criticized */
        CHECK_STR(w[4].deprel, "nsubj");
    }
    /* an aside between commas is parsed apart and hung on the main
     * clause's root, which keeps its subject and object */
    static const char *const s13[] = {"The", "attack", ",", "Russian", "officials", "said",
                                       ",", "killed", "12", "soldiers", "near", "Kharkiv", "."};
    if (analyze(sx, a, s13, w, 13)) {
        CHECK_INT(w[7].head, 0);               /* killed is the root */
        CHECK_INT(w[1].head, 8);               /* attack <- killed */
        CHECK_STR(w[1].deprel, "nsubj");
        CHECK_INT(w[5].head, 8);               /* said <- killed */
        CHECK_STR(w[5].deprel, "parataxis");
        CHECK_INT(w[4].head, 6);               /* officials <- said */
        CHECK_INT(w[2].head, 6);               /* its commas hang on said */
        CHECK_INT(w[6].head, 6);
    }
    static const char *const s14[] = {"Arnor", "is", "about", "to", "restore", ",", "it",
                                       "seems", ",", "complete", ",", "full", "diplomatic",
                                       "ties", "with", "Gondor", "."};
    if (analyze(sx, a, s14, w, 17)) {
        CHECK_INT(w[13].head, 5);              /* ties <- restore */
        CHECK_STR(w[13].deprel, "obj");
        CHECK_INT(w[9].head, 14);              /* complete <- ties */
        CHECK_STR(w[7].deprel, "parataxis");
    }
    /* the opening noun phrase's past tense comes after the aside too */
    static const char *const s15[] = {"Russian", "forces", ",", "it", "seems", ",", "shelled",
                                       "positions", "near", "Kharkiv", "."};
    if (analyze(sx, a, s15, w, 11)) {
        CHECK_STR(w[6].xpos, "VBD");
        CHECK_INT(w[6].head, 0);
        CHECK_INT(w[1].head, 7);               /* forces <- shelled */
    }
    /* after a count above one, an object's -s word is a plural noun */
    static const char *const s11[] = {"North", "Korea", "fired", "two", "artillery",
                                       "shells", "near", "a", "vessel", "."};
    if (analyze(sx, a, s11, w, 10)) {
        CHECK_STR(w[5].xpos, "NNS");
        CHECK_INT(w[5].head, 3);               /* shells <- fired */
        CHECK_STR(w[5].deprel, "obj");
    }
    /* ... but not a form of "be" after a subject's count */
    static const char *const s12[] = {"He", "said", "the", "20", "percent", "is", "low", "."};
    if (analyze(sx, a, s12, w, 8)) CHECK_STR(w[5].xpos, "VBZ");
    /* a reduced relative keeps its participle */
    static const char *const s3[] = {"Weapons", "seized", "last", "year", "were",
                                      "returned", "."};
    if (analyze(sx, a, s3, w, 7)) CHECK_STR(w[1].xpos, "VBN");
    arena_free(a);
    syntax_free(sx);
}

int main(void)
{
    RUN(test_transitions_and_legality);
    RUN(test_static_oracle_reproduces_tree);
    RUN(test_dynamic_oracle_after_error);
    RUN(test_feature_hashing_deterministic);
    RUN(test_tiny_training_learns);
    RUN(test_summed_runs_and_runner_up);
    RUN(test_training_deterministic_and_round_trip);
    RUN(test_layout_version_and_byte_order);
    RUN(test_committed_model_on_dev);
    RUN(test_newswire_retagging);
    return harness_report("parser");
}
