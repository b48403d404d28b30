/* train_parser — trains the dependency parser and evaluates it.
 *
 *   train_parser train TRAIN.conllu DEV.conllu OUT.model
 *                [--epochs N] [--runs R] [--seed S] [--tbits B] [--lbits B]
 *                [--skip-nonprojective 1]
 *                [--tagger TAGGER.model] [--jackknife K [--write-tagged F]]
 *       trains (gold UPOS and XPOS, or the tags and runner-up XPOS (MISC
 *       AltXPOS=) of the file), selects the epoch with the best dev LAS in
 *       each of R runs (default 4), sums the runs and writes the parser
 *       sections into OUT.model.  With --jackknife K the training tags are
 *       predicted: K taggers, each trained on K-1 folds, tag the remaining
 *       fold (--write-tagged saves that training set as CoNLL-U, runner-ups
 *       included, to train again without tagging again); with --tagger the
 *       dev set is tagged by it.
 *   train_parser eval MODEL GOLD.conllu [--tagger TAGGER.model] [--repeat N]
 *       parses GOLD with its gold UPOS and XPOS, or with the tags the tagger
 *       predicts,
 *       and prints UAS, LAS (punctuation included, DEPREL compared on its
 *       universal part, as in CoNLL 2018) and tokens per second (tagging +
 *       parsing, one thread, reading excluded).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "conllu.h"
#include "model.h"
#include "parser.h"
#include "tagger.h"
#include "tool_util.h"

/* The integer value of option `name` in argv, or def. */
static int opt_int(int argc, char **argv, const char *name, int def)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return atoi(argv[i + 1]);
    return def;
}

/* The string value of option `name` in argv, or NULL. */
static const char *opt_str(int argc, char **argv, const char *name)
{
    for (int i = 0; i + 1 < argc; i++)
        if (strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return NULL;
}

/* The fold (0..k-1) of sentence s: every k-th sentence.  Contiguous
 * blocks (whole documents held out, 95.7% UPOS on train instead of 96.7%,
 * nearer the 95.2% of dev) were measured too and parsed dev worse, by 0.17
 * UAS and 0.11 LAS on average over three seeds. */
static size_t fold_of(size_t s, size_t k)
{
    return s % k;
}

/* Replaces the UPOS and XPOS of every word of tb (of fold `fold` of k
 * when k > 0) with tg's predictions, and sets the runner-up XPOS where the
 * tagger was unsure (tagger_tag_alt); XPOS names are then owned by tg.
 * Returns the number of words whose UPOS was kept. */
static size_t retag(tagger *tg, treebank *tb, size_t fold, size_t k)
{
    size_t same = 0;
    const char *forms[1024];
    uint8_t upos[1024];
    uint16_t xpos[1024], alt[1024];
    for (size_t s = 0; s < tb->n_sents; s++) {
        ud_sentence *us = &tb->sents[s];
        if ((k && fold_of(s, k) != fold) || us->n > 1024)
            continue;
        for (size_t i = 0; i < us->n; i++)
            forms[i] = us->words[i].form;
        tagger_tag_alt(tg, forms, us->n, upos, xpos, alt);
        for (size_t i = 0; i < us->n; i++) {
            same += us->words[i].upos == upos[i];
            us->words[i].upos = upos[i];
            us->words[i].xpos = tagger_xpos_name(tg, xpos[i]);
            us->words[i].xpos_alt = alt[i] != xpos[i] ? tagger_xpos_name(tg, alt[i]) : NULL;
        }
    }
    return same;
}

/* Tags the training set by K-fold jackknifing; returns the K taggers
 * (they own the XPOS names now in train). */
static tagger **jackknife(treebank *train, const treebank *dev, int k)
{
    tagger **tg = calloc((size_t)k, sizeof *tg);
    ud_sentence *rest = malloc(train->n_sents * sizeof *rest);
    /* The settings of the shipped tagger: the fold taggers must make the
     * errors the real one makes at parse time. */
    tagger_train_opts o = tagger_default_train_opts();
    for (int f = 0; tg && rest && f < k; f++) {
        treebank part = {rest, 0, 0, NULL};
        for (size_t s = 0; s < train->n_sents; s++)
            if (fold_of(s, (size_t)k) != (size_t)f) {
                rest[part.n_sents++] = train->sents[s];
                part.n_words += train->sents[s].n;
            }
        tg[f] = tagger_train(&part, dev, &o);
        fprintf(stderr, "jackknife fold %d of %d trained\n", f + 1, k);
    }
    size_t same = 0;
    for (int f = 0; tg && f < k; f++)
        same += retag(tg[f], train, (size_t)f, (size_t)k);
    fprintf(stderr, "jackknifed UPOS accuracy on train %.2f%%\n",
            100.0 * (double)same / (double)train->n_words);
    free(rest);
    return tg;
}

/* Writes tb as CoNLL-U to path (the jackknifed training set, to train
 * again without tagging again). */
static void write_treebank(const treebank *tb, const char *path)
{
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "train_parser: cannot write %s\n", path);
        return;
    }
    for (size_t s = 0; s < tb->n_sents; s++)
        conllu_write_sentence(f, &tb->sents[s]);
    fclose(f);
}

/* train subcommand. */
static int cmd_train(int argc, char **argv)
{
    if (argc < 5) {
        fprintf(stderr, "usage: train_parser train TRAIN DEV OUT.model [options]\n");
        return 2;
    }
    treebank *train = tool_read_treebank("train_parser", argv[2]);
    treebank *dev = tool_read_treebank("train_parser", argv[3]);
    parser_train_opts o;
    parser_train_defaults(&o);
    o.epochs = opt_int(argc, argv, "--epochs", o.epochs);
    o.runs = opt_int(argc, argv, "--runs", o.runs);
    o.seed = (unsigned)opt_int(argc, argv, "--seed", (int)o.seed);
    o.trans_bits = opt_int(argc, argv, "--tbits", o.trans_bits);
    o.label_bits = opt_int(argc, argv, "--lbits", o.label_bits);
    o.skip_nonprojective = opt_int(argc, argv, "--skip-nonprojective", 0);
    o.log = stderr;
    int k = opt_int(argc, argv, "--jackknife", 0);
    const char *tpath = opt_str(argc, argv, "--tagger");
    char err[512];
    model *tm = tpath ? model_load(tpath, err, sizeof err) : NULL;
    tagger *dtg = tm ? tagger_load(tm, err, sizeof err) : NULL;
    if (tpath && !dtg) {
        fprintf(stderr, "train_parser: %s\n", err);
        return 1;
    }
    tagger **tgs = k > 1 ? jackknife(train, dev, k) : NULL;
    const char *tagged_out = opt_str(argc, argv, "--write-tagged");
    if (tgs && tagged_out)
        write_treebank(train, tagged_out);
    if (dtg)
        fprintf(stderr, "dev UPOS accuracy %.2f%%\n",
                100.0 * (double)retag(dtg, dev, 0, 0) / (double)dev->n_words);
    double t0 = tool_now();
    parser *p = parser_train(train, dev, &o);
    if (!p) {
        fprintf(stderr, "train_parser: out of memory\n");
        return 1;
    }
    fprintf(stderr, "trained in %.1f s\n", tool_now() - t0);
    model_writer *w = model_writer_new();
    int rc = !w || parser_save(p, w) != 0 || model_writer_save(w, argv[4], err, sizeof err) != 0;
    if (rc)
        fprintf(stderr, "train_parser: cannot save %s: %s\n", argv[4], w ? err : "no memory");
    model_writer_free(w);
    parser_free(p);
    conllu_free(train);
    conllu_free(dev);
    for (int f = 0; tgs && f < k; f++)
        tagger_free(tgs[f]);
    free(tgs);
    tagger_free(dtg);
    model_free(tm);
    return rc;
}

/* Scores of one evaluation run. */
typedef struct scores {
    size_t words, uh, lh;
    double secs;
} scores;

/* 1 when two labels agree before ':'. */
static int same_universal(const char *a, const char *b)
{
    size_t la = strcspn(a, ":"), lb = strcspn(b, ":");
    return la == lb && memcmp(a, b, la) == 0;
}

/* Tags (or takes gold tags) and parses sentence s, counting into sc. */
static void eval_one(const parser *p, parser_work *w, tagger *tg,
                     const ud_sentence *s, scores *sc, const char **forms,
                     uint8_t *upos, uint16_t *xpos, const char **xn, int *hd, int *lb)
{
    const char **an = xn + s->n;
    uint16_t *alt = xpos + s->n;
    for (size_t i = 0; i < s->n; i++) {
        forms[i] = s->words[i].form;
        upos[i] = s->words[i].upos;
        xn[i] = s->words[i].xpos;
        an[i] = NULL;
    }
    double t0 = tool_now();
    if (tg) {
        tagger_tag_alt(tg, forms, s->n, upos, xpos, alt);
        for (size_t i = 0; i < s->n; i++) {
            xn[i] = tagger_xpos_name(tg, xpos[i]);
            an[i] = tagger_xpos_name(tg, alt[i]);
        }
    }
    parser_parse(p, w, s->n, forms, upos, xn, an, hd, lb);
    sc->secs += tool_now() - t0;
    for (size_t i = 0; i < s->n; i++) {
        if (hd[i] != s->words[i].head)
            continue;
        sc->uh++;
        sc->lh += same_universal(parser_label_name(p, lb[i]), s->words[i].deprel);
    }
    sc->words += s->n;
}

/* Loads a model file or exits. */
static model *load_or_die(const char *path)
{
    char err[512];
    model *m = model_load(path, err, sizeof err);
    if (!m) {
        fprintf(stderr, "train_parser: %s\n", err);
        exit(1);
    }
    return m;
}

/* eval subcommand. */
static int cmd_eval(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: train_parser eval MODEL GOLD [--tagger M] [--repeat N]\n");
        return 2;
    }
    char err[512];
    double t0 = tool_now();
    model *m = load_or_die(argv[2]);
    parser *p = parser_from_model(m, err, sizeof err);
    double tload = tool_now() - t0;
    if (!p) {
        fprintf(stderr, "train_parser: %s\n", err);
        return 1;
    }
    const char *tpath = opt_str(argc, argv, "--tagger");
    model *tm = tpath ? load_or_die(tpath) : NULL;
    tagger *tg = tm ? tagger_load(tm, err, sizeof err) : NULL;
    if (tm && !tg) {
        fprintf(stderr, "train_parser: %s\n", err);
        return 1;
    }
    treebank *gold = tool_read_treebank("train_parser", argv[3]);
    size_t maxn = 1;
    for (size_t s = 0; s < gold->n_sents; s++)
        maxn = gold->sents[s].n > maxn ? gold->sents[s].n : maxn;
    const char **forms = malloc(maxn * sizeof *forms);
    const char **xn = malloc(2 * maxn * sizeof *xn);      /* XPOS, then runner-ups */
    uint8_t *upos = malloc(maxn);
    uint16_t *xpos = malloc(2 * maxn * sizeof *xpos);
    int *hd = malloc(maxn * sizeof *hd), *lb = malloc(maxn * sizeof *lb);
    parser_work *w = parser_work_new();
    int repeat = opt_int(argc, argv, "--repeat", 1);
    scores sc = {0, 0, 0, 0};
    for (int r = 0; r < repeat; r++) {
        scores one = {0, 0, 0, 0};
        for (size_t s = 0; s < gold->n_sents; s++)
            eval_one(p, w, tg, &gold->sents[s], &one, forms, upos, xpos, xn, hd, lb);
        if (r == 0 || one.secs < sc.secs)
            sc = one;
    }
    printf("%s: %zu words, tags %s: UAS %.2f LAS %.2f\n", argv[3], sc.words,
           tg ? "predicted" : "gold", 100.0 * (double)sc.uh / (double)sc.words,
           100.0 * (double)sc.lh / (double)sc.words);
    printf("%s%s: %.0f tokens/s (best of %d), model load %.3f s\n",
           tg ? "tagging + " : "", "parsing", (double)sc.words / sc.secs, repeat, tload);
    parser_work_free(w);
    free(forms); free(xn); free(upos); free(xpos); free(hd); free(lb);
    conllu_free(gold);
    parser_free(p);
    model_free(m);
    tagger_free(tg);
    model_free(tm);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 2 && strcmp(argv[1], "train") == 0)
        return cmd_train(argc, argv);
    if (argc >= 2 && strcmp(argv[1], "eval") == 0)
        return cmd_eval(argc, argv);
    fprintf(stderr, "usage: train_parser train|eval ...\n");
    return 2;
}
