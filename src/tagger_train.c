/* tagger_train.c — training of the tagger (tagger.h).
 *
 * Averaged perceptron with the lazy average of Daume (2006): on an update
 * of +-1 at step t, w += d and u += t * d; the average after T steps is
 * w - u / T.  The averaged weights are then quantised to int16.
 *
 * With opts->runs > 1 the whole training is repeated from zero weights
 * (the shuffles continue from one run to the next, so each run sees the
 * data in other orders), each run keeps its best epoch on dev, and the
 * float weights of the runs are summed before quantising: the sum is one
 * linear model, as fast to apply, whose variance over shuffles is lower
 * (EWT dev, mean of 3 seeds: XPOS 94.42 -> 94.56 with 4 runs).
 */
#include "tagger_internal.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* scores[c] = sum of W[rows[f] * nc + c]; returns the best class.
 * Classes go in blocks of 8 summed in registers (vectorised by gcc and
 * clang at -O2), then a scalar tail. */
static int best_class(const float *W, int nc, const uint32_t *rows, int nf, float *scores)
{
    const float *r[MAX_FEATS];
    for (int f = 0; f < nf; f++) r[f] = W + (size_t)rows[f] * (size_t)nc;
    int c = 0;
    for (; c + 8 <= nc; c += 8) {
        float acc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
        for (int f = 0; f < nf; f++)
            for (int k = 0; k < 8; k++) acc[k] += r[f][c + k];
        memcpy(scores + c, acc, sizeof acc);
    }
    for (; c < nc; c++) {
        float a = 0.0f;
        for (int f = 0; f < nf; f++) a += r[f][c];
        scores[c] = a;
    }
    int best = 0;
    for (int k = 1; k < nc; k++)
        if (scores[k] > scores[best]) best = k;
    return best;
}

typedef struct trainer {
    tagger *t;                /* tags with quantised averaged weights */
    float *wx, *wu;           /* one block, as the tagger's */
    double *ux, *uu;          /* sums of t * update, for averaging */
    double step;
    uint16_t *gold_x;         /* gold XPOS ids of every training word */
    uint16_t *jack_x;         /* jackknifed XPOS ids of every training word, or NULL */
    uint64_t *loo;            /* leave-one-out lexicon entries of every word, or NULL */
} trainer;

/* Applies the perceptron update for one wrong prediction. */
static void update(float *w, double *u, int nc, const uint32_t *rows, int nf,
                   int gold, int pred, double step)
{
    for (int f = 0; f < nf; f++) {
        size_t r = (size_t)rows[f] * (size_t)nc;
        w[r + (size_t)gold] += 1.0f;
        w[r + (size_t)pred] -= 1.0f;
        u[r + (size_t)gold] += step;
        u[r + (size_t)pred] -= step;
    }
}

/* Prepares training sentence s for tagging: word infos, with the
 * leave-one-out lexicon entries when the trainer has them. */
static const winfo *prepare_train(trainer *tr, const ud_sentence *s, size_t start,
                                  const char **forms)
{
    tagger *t = tr->t;
    for (size_t i = 0; i < s->n; i++) forms[i] = s->words[i].form;
    winfo *w = tg_prepare(t, forms, s->n);
    if (tr->loo) {
        for (size_t i = 0; i < s->n; i++) w[i].amb = tr->loo[start + i];
        for (size_t i = 0; i < s->n; i++) tg_word_mixes(w, i, t->mx + i * NW);
    }
    return w;
}

/* Trains on one sentence (gx: its gold XPOS ids; jx: the jackknifed XPOS
 * ids the UPOS pass learns from, or NULL for the XPOS pass's own; with
 * xpos_only the UPOS pass is skipped). */
static void train_sentence(trainer *tr, const ud_sentence *s, size_t start,
                           int xpos_only, const char **forms)
{
    const uint16_t *gx = tr->gold_x + start, *jx = tr->jack_x ? tr->jack_x + start : NULL;
    tagger *t = tr->t;
    uint32_t rows[MAX_FEATS];
    float scores[MAX_XPOS];
    const winfo *w = prepare_train(tr, s, start, forms);
    uint16_t *xs = t->xs + PAD;
    uint8_t *us = t->us + PAD;
    for (size_t i = 0; i < s->n; i++) {
        tr->step += 1.0;
        int nf = tg_xpos_rows(w, t->mx + i * NW, i, xs, t->xbits, rows);
        int p = best_class(tr->wx, t->nx, rows, nf, scores);
        if (p != gx[i]) update(tr->wx, tr->ux, t->nx, rows, nf, gx[i], p, tr->step);
        xs[i] = (uint16_t)p;
    }
    if (xpos_only) return;
    if (jx) memcpy(xs, jx, s->n * sizeof *xs);
    for (size_t i = s->n; i-- > 0;) {
        int nf = tg_upos_rows(w, t->mx + i * NW, i, xs, us, t->ubits, rows);
        int p = best_class(tr->wu, t->nu, rows, nf, scores);
        int g = s->words[i].upos;
        if (p != g) update(tr->wu, tr->uu, t->nu, rows, nf, g, p, tr->step);
        us[i] = (uint8_t)p;
    }
}

/* Collects the XPOS names of train and the gold id of every word; past
 * MAX_XPOS_IDS names, further tags count as the first one. */
static void collect_xpos(tagger *t, const treebank *train, uint16_t *gold_x)
{
    size_t k = 0;
    for (size_t s = 0; s < train->n_sents; s++)
        for (size_t i = 0; i < train->sents[s].n; i++) {
            const char *x = train->sents[s].words[i].xpos;
            int id = tg_xpos_id(t, x);
            if (id < 0 && t->nx < MAX_XPOS_IDS) {
                t->xnames = xrealloc(t->xnames, (size_t)(t->nx + 1) * sizeof *t->xnames);
                t->xnames[t->nx] = xstrdup(x);
                id = t->nx++;
            }
            gold_x[k++] = (uint16_t)(id < 0 ? 0 : id);
        }
}

/* The slot of key in an open-addressed table of 2^bits (key, value)
 * pairs: where it is, or the empty slot where it goes. */
static size_t lex_slot(const uint64_t *lex, int bits, uint64_t key)
{
    size_t mask = ((size_t)1 << bits) - 1, i = (size_t)(mix64(key) & mask);
    while (lex[2 * i] && lex[2 * i] != key) i = (i + 1) & mask;
    return i;
}

/* How often a word is capitalised inside sentences: 0 never seen there,
 * 1 never capitalised, 2 sometimes, 3 mostly (>= 50%), 4 always ... in
 * 3 bits (bits 60-62 of a lexicon entry). */
static uint64_t cap_bucket(uint32_t inner, uint32_t capped)
{
    if (inner == 0) return 0;
    if (capped == 0) return 1;
    if (capped == inner) return 4;
    return 2 * capped >= inner ? 3 : 2;
}

/* Counts of the training words, for the lexicon and its leave-one-out
 * form.  Slots of an open-addressed table of 2^bits lower-cased word
 * hashes (pairs key, XPOS mask); per slot the count, the count inside
 * sentences and of these the capitalised ones, and a type number for the
 * per-XPOS counts tagc[type * nx + xpos]. */
typedef struct lexcounts {
    int bits;
    uint64_t *keys;
    uint32_t *count, *inner, *capped, *type, *tagc;
} lexcounts;

/* Counts every word of train (gold_x: its XPOS ids). */
static void count_words(lexcounts *lc, const treebank *train, const uint16_t *gold_x, int nx)
{
    lc->bits = 10;
    while (((size_t)1 << lc->bits) < 2 * train->n_words) lc->bits++;
    size_t slots = (size_t)1 << lc->bits, k = 0, types = 0;
    lc->keys = xcalloc(lex_len(lc->bits), sizeof *lc->keys);
    lc->count = xcalloc(slots, sizeof *lc->count);
    lc->inner = xcalloc(slots, sizeof *lc->inner);
    lc->capped = xcalloc(slots, sizeof *lc->capped);
    lc->type = xcalloc(slots, sizeof *lc->type);
    lc->tagc = xcalloc((train->n_words + 1) * (size_t)nx, sizeof *lc->tagc);
    for (size_t s = 0; s < train->n_sents; s++)
        for (size_t i = 0; i < train->sents[s].n; i++, k++) {
            const char *form = train->sents[s].words[i].form;
            winfo wi;
            tg_word_info(&wi, form, 0);
            size_t j = lex_slot(lc->keys, lc->bits, wi.lower | 1);
            if (!lc->keys[2 * j]) lc->type[j] = (uint32_t)types++;
            lc->keys[2 * j] = wi.lower | 1;
            lc->keys[2 * j + 1] |= 1ULL << gold_x[k];
            lc->count[j]++;
            lc->tagc[(size_t)lc->type[j] * (size_t)nx + gold_x[k]]++;
            if (i > 0) {
                lc->inner[j]++;
                lc->capped[j] += form[0] >= 'A' && form[0] <= 'Z';
            }
        }
}

static void free_counts(lexcounts *lc)
{
    free(lc->keys);
    free(lc->count);
    free(lc->inner);
    free(lc->capped);
    free(lc->type);
    free(lc->tagc);
}

/* Builds the lexicon: for every lower-cased training word seen at least
 * min_count times, the set of its XPOS ids and its capitalisation. */
static void build_lexicon(tagger *t, const lexcounts *lc, int min_count)
{
    size_t kept = 0, slots = (size_t)1 << lc->bits;
    for (size_t j = 0; j < slots; j++) kept += lc->count[j] >= (uint32_t)min_count;
    t->lexbits = 8;
    while (((size_t)1 << t->lexbits) < 2 * kept) t->lexbits++;
    t->lex_owned = xcalloc(lex_len(t->lexbits), sizeof *t->lex_owned);
    for (size_t j = 0; j < slots; j++)
        if (lc->keys[2 * j] && lc->count[j] >= (uint32_t)min_count) {
            size_t d = lex_slot(t->lex_owned, t->lexbits, lc->keys[2 * j]);
            t->lex_owned[2 * d] = lc->keys[2 * j];
            t->lex_owned[2 * d + 1] = lc->keys[2 * j + 1] |
                                      cap_bucket(lc->inner[j], lc->capped[j]) << 60;
        }
    t->lex = t->lex_owned;
}

/* The lexicon entry of one training word as if that occurrence (XPOS
 * gold, position i, form) had not been seen: what tagging unseen text
 * gets. */
static uint64_t loo_entry(const lexcounts *lc, int nx, int min_count, const char *form,
                          size_t i, int gold)
{
    winfo wi;
    tg_word_info(&wi, form, 0);
    size_t j = lex_slot(lc->keys, lc->bits, wi.lower | 1);
    if (lc->count[j] - 1 < (uint32_t)min_count) return 1ULL << 63;
    const uint32_t *tc = lc->tagc + (size_t)lc->type[j] * (size_t)nx;
    uint64_t mask = 0;
    for (int x = 0; x < nx; x++)
        if (tc[x] - (uint32_t)(x == gold) > 0) mask |= 1ULL << x;
    uint32_t in = lc->inner[j], cp = lc->capped[j];
    if (i > 0) {
        in--;
        cp -= form[0] >= 'A' && form[0] <= 'Z';
    }
    return mask | cap_bucket(in, cp) << 60;
}

/* Leave-one-out lexicon entries of every training word. */
static uint64_t *loo_entries(const lexcounts *lc, const treebank *train,
                             const uint16_t *gold_x, int nx, int min_count)
{
    uint64_t *la = xmalloc((train->n_words + 1) * sizeof *la);
    size_t k = 0;
    for (size_t s = 0; s < train->n_sents; s++)
        for (size_t i = 0; i < train->sents[s].n; i++, k++)
            la[k] = loo_entry(lc, nx, min_count, train->sents[s].words[i].form, i, gold_x[k]);
    return la;
}

/* Writes the averaged weights w - u / step into avg. */
static void average(float *avg, const float *w, const double *u, size_t n, double step)
{
    for (size_t i = 0; i < n; i++) avg[i] = (float)((double)w[i] - u[i] / step);
}

/* Scales n weights into int16 so that the largest magnitude is 32000. */
static void quantize(int16_t *q, const float *w, size_t n)
{
    float m = 0.0f;
    for (size_t i = 0; i < n; i++) {
        float a = w[i] < 0 ? -w[i] : w[i];
        if (a > m) m = a;
    }
    float scale = m > 0.0f ? 32000.0f / m : 0.0f;
    for (size_t i = 0; i < n; i++) {
        float v = w[i] * scale;
        q[i] = (int16_t)(v < 0 ? v - 0.5f : v + 0.5f);
    }
}

/* Quantises each table of a weights block separately (each has its own
 * scale: only the argmax within a table matters). */
static void quantize_tables(const tagger *t, int16_t *q, const float *w)
{
    size_t nxw = table_len(t->xbits, t->nx);
    quantize(q, w, nxw);
    quantize(q + nxw, w + nxw, table_len(t->ubits, t->nu));
}

/* A small deterministic generator (xorshift32). */
static uint32_t next_rand(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

/* Shuffles order[0..n) with the generator. */
static void shuffle(size_t *order, size_t n, uint32_t *seed)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = next_rand(seed) % i;
        size_t tmp = order[i - 1];
        order[i - 1] = order[j];
        order[j] = tmp;
    }
}

/* Index of each sentence's first word in the flat gold_x array. */
static size_t *sentence_starts(const treebank *tb)
{
    size_t *st = xmalloc((tb->n_sents + 1) * sizeof *st);
    st[0] = 0;
    for (size_t s = 0; s < tb->n_sents; s++) st[s + 1] = st[s] + tb->sents[s].n;
    return st;
}

/* One epoch over train in the given order. */
static void train_epoch(trainer *tr, const treebank *train, const size_t *order,
                        const size_t *starts, const char **forms)
{
    for (size_t k = 0; k < train->n_sents; k++) {
        size_t s = order[k];
        train_sentence(tr, &train->sents[s], starts[s], 0, forms);
    }
}

/* XPOS-tags the sentences s with s % 2 == fold into jx with an XPOS model
 * (averaged weights in t->wx) trained on the other half. */
static void tag_fold(trainer *tr, const treebank *train, const size_t *starts, int fold,
                     uint16_t *jx, const char **forms)
{
    tagger *t = tr->t;
    for (size_t s = (size_t)fold; s < train->n_sents; s += 2) {
        const ud_sentence *se = &train->sents[s];
        const winfo *w = prepare_train(tr, se, starts[s], forms);
        tg_xpos_pass(t, w, se->n);
        memcpy(jx + starts[s], t->xs + PAD, se->n * sizeof *jx);
    }
}

/* Jackknifed XPOS for every training word: each half of the sentences is
 * tagged by an XPOS model trained for `epochs` on the other half, so the
 * UPOS pass learns from XPOS as good (and as bad) as at tagging time.
 * Leaves the trainer's XPOS weights zero. */
static uint16_t *jackknife(trainer *tr, const treebank *train, const size_t *starts,
                           int epochs, uint32_t *seed, const char **forms)
{
    tagger *t = tr->t;
    size_t nxw = table_len(t->xbits, t->nx);
    uint16_t *jx = xmalloc((train->n_words + 1) * sizeof *jx);
    float *avg = xmalloc(nxw * sizeof *avg);
    int16_t *q = xmalloc(nxw * sizeof *q);
    size_t *order = xmalloc((train->n_sents / 2 + 1) * sizeof *order);
    for (int fold = 0; fold < 2; fold++) {
        size_t m = 0;
        for (size_t s = (size_t)(1 - fold); s < train->n_sents; s += 2) order[m++] = s;
        memset(tr->wx, 0, nxw * sizeof *tr->wx);
        memset(tr->ux, 0, nxw * sizeof *tr->ux);
        tr->step = 0.0;
        for (int e = 0; e < epochs; e++) {
            shuffle(order, m, seed);
            for (size_t k = 0; k < m; k++)
                train_sentence(tr, &train->sents[order[k]], starts[order[k]], 1, forms);
        }
        average(avg, tr->wx, tr->ux, nxw, tr->step);
        quantize(q, avg, nxw);
        t->wx = q;
        t->xrow = t->nx;
        tag_fold(tr, train, starts, fold, jx, forms);
    }
    memset(tr->wx, 0, nxw * sizeof *tr->wx);
    memset(tr->ux, 0, nxw * sizeof *tr->ux);
    tr->step = 0.0;
    free(avg);
    free(q);
    free(order);
    return jx;
}

/* Largest sentence length of a treebank. */
static size_t longest(const treebank *tb)
{
    size_t m = 1;
    for (size_t s = 0; s < tb->n_sents; s++)
        if (tb->sents[s].n > m) m = tb->sents[s].n;
    return m;
}

/* Sets up a trainer for train: XPOS names, lexicon (and its leave-one-out
 * entries), zeroed weights. */
static void trainer_init(trainer *tr, const treebank *train, const tagger_train_opts *o)
{
    tagger *t = xcalloc(1, sizeof *t);
    memset(tr, 0, sizeof *tr);
    tr->t = t;
    t->xbits = o->xbits;
    t->ubits = o->ubits;
    t->nu = POS_COUNT;
    tr->gold_x = xmalloc((train->n_words + 1) * sizeof *tr->gold_x);
    collect_xpos(t, train, tr->gold_x);
    int lex_min = o->lex_min > 0 ? o->lex_min : 1;
    lexcounts lc;
    count_words(&lc, train, tr->gold_x, t->nx);
    build_lexicon(t, &lc, lex_min);
    if (o->leave_one_out) tr->loo = loo_entries(&lc, train, tr->gold_x, t->nx, lex_min);
    free_counts(&lc);
    size_t nxw = table_len(t->xbits, t->nx), nw = weights_len(t);
    tr->wx = xcalloc(nw, sizeof(float));
    tr->wu = tr->wx + nxw;
    tr->ux = xcalloc(nw, sizeof(double));
    tr->uu = tr->ux + nxw;
}

/* Frees what the trainer holds besides its tagger. */
static void trainer_free(trainer *tr)
{
    free(tr->wx);
    free(tr->ux);
    free(tr->gold_x);
    free(tr->jack_x);
    free(tr->loo);
}

/* Sets the tagger's weights to the quantised average of the trainer's
 * (q holds them), scores it on dev (NULL: returns 0) and logs the epoch;
 * returns the dev UPOS accuracy. */
static double checkpoint(trainer *tr, float *avg, int16_t *q, const treebank *dev,
                         int epoch, double t0, FILE *log)
{
    tagger *t = tr->t;
    average(avg, tr->wx, tr->ux, weights_len(t), tr->step);
    quantize_tables(t, q, avg);
    set_weights(t, q);
    tagger_scores sc = { 0, 0, 0, 0, 0.0 };
    if (dev) tagger_evaluate(t, dev, &sc);
    double n = (double)(sc.words ? sc.words : 1);
    if (log)
        fprintf(log, "epoch %d: %.1fs, dev UPOS %.2f%% XPOS %.2f%%\n", epoch, tg_now() - t0,
                100.0 * (double)sc.upos_ok / n, 100.0 * (double)sc.xpos_ok / n);
    return (double)sc.upos_ok / n;
}

/* Zeroes the trainer's weights and averaging sums for a new run. */
static void reset_weights(trainer *tr, size_t nw)
{
    memset(tr->wx, 0, nw * sizeof *tr->wx);
    memset(tr->ux, 0, nw * sizeof *tr->ux);
    tr->step = 0.0;
}

/* Buffers one training run works in. */
typedef struct run_bufs {
    size_t *order, *starts;
    const char **forms;
    float *avg, *best;        /* averaged weights: current epoch, best epoch */
    int16_t *q;               /* the current epoch's, quantised */
} run_bufs;

/* One training run of o->epochs from zero weights with the given seed;
 * leaves in b->best the averaged float weights of the epoch with the
 * best dev UPOS accuracy (model selection on dev; without dev the last). */
static void train_run(trainer *tr, const treebank *train, const treebank *dev,
                      const tagger_train_opts *o, uint32_t *seed, run_bufs *b)
{
    size_t nw = weights_len(tr->t);
    double best_acc = -1.0;
    for (size_t s = 0; s < train->n_sents; s++) b->order[s] = s;
    for (int e = 1; e <= o->epochs; e++) {
        double t0 = tg_now();
        shuffle(b->order, train->n_sents, seed);
        train_epoch(tr, train, b->order, b->starts, b->forms);
        double acc = checkpoint(tr, b->avg, b->q, dev, e, t0, o->log);
        if (!dev || acc > best_acc) {
            best_acc = acc;
            memcpy(b->best, b->avg, nw * sizeof *b->best);
            if (o->log && dev) fprintf(o->log, "  (best so far)\n");
        }
    }
}

tagger *tagger_train(const treebank *train, const treebank *dev, const tagger_train_opts *o)
{
    trainer tr;
    trainer_init(&tr, train, o);
    tagger *t = tr.t;
    size_t nw = weights_len(t);
    run_bufs b = { xmalloc(train->n_sents * sizeof *b.order), sentence_starts(train),
                   xmalloc(longest(train) * sizeof *b.forms), xcalloc(nw, sizeof *b.avg),
                   xcalloc(nw, sizeof *b.best), xcalloc(nw, sizeof *b.q) };
    uint32_t seed = o->seed ? o->seed : 1;
    if (o->jackknife) {
        double t0 = tg_now();
        tr.jack_x = jackknife(&tr, train, b.starts, o->epochs, &seed, b.forms);
        if (o->log) fprintf(o->log, "jackknifed XPOS in %.1fs\n", tg_now() - t0);
    }
    int runs = o->runs > 1 ? o->runs : 1;
    float *sum = runs > 1 ? xcalloc(nw, sizeof *sum) : b.best;
    for (int r = 0; r < runs; r++) {
        if (r > 0) reset_weights(&tr, nw);
        train_run(&tr, train, dev, o, &seed, &b);
        if (runs > 1)
            for (size_t i = 0; i < nw; i++) sum[i] += b.best[i];
    }
    int16_t *best = xmalloc(nw * sizeof *best);
    quantize_tables(t, best, sum);
    if (sum != b.best) free(sum);
    trainer_free(&tr);
    free(b.order);
    free(b.starts);
    free((void *)b.forms);
    free(b.avg);
    free(b.best);
    free(b.q);
    t->owned = best;
    set_weights(t, best);
    return t;
}

tagger_train_opts tagger_default_train_opts(void)
{
    tagger_train_opts o;
    memset(&o, 0, sizeof o);
    o.epochs = 12;
    o.xbits = 17;
    o.ubits = 16;
    o.seed = 1;
    o.jackknife = 0;
    o.leave_one_out = 1;
    o.lex_min = 1;
    o.runs = 4;
    o.log = NULL;
    return o;
}
