/* parser_train.c — averaged-perceptron training with the arc-hybrid
 * dynamic oracle (Goldberg & Nivre 2013).
 *
 * Costs of a transition = gold arcs it makes unreachable (gh = gold heads,
 * S the stack, B the buffer b..n):
 *   LEFT   [gh(s0) in {s1} + B\{b0}] + |{k in B : gh(k) = s0}|
 *   RIGHT  [gh(s0) in B]             + |{k in B : gh(k) = s0}|
 *   SHIFT  [gh(b0) in S\{s0}]        + |{k in S : gh(k) = b0}|
 * exact for projective gold trees.  Non-projective sentences (2.3% of EWT
 * train) are trained on too by default: the costs then only approximate
 * (an arc crossing another may be counted reachable when it is not; when
 * no transition has cost 0 the step is not updated) — measured +0.3 LAS on
 * EWT dev over skipping them (opts->skip_nonprojective).
 * Each step: the best legal prediction; if its cost is positive, update
 * towards the best zero-cost transition; then follow the prediction with
 * probability explore_p (from epoch explore_from on), else the zero-cost
 * one.  Averaging: w_avg = w - u / c with u += c * delta (Daumé's trick).
 * With opts->runs > 1 the training is repeated from zero weights (the
 * random generator running on), each run keeping its best dev epoch, and
 * the parser gets the sum of their averaged weights: one linear model,
 * parsing as fast as one run's (EWT dev, tagger's tags: LAS 81.52 with
 * four runs against 81.21-81.45 for each of them).
 */
#include "parser_internal.h"

#include <stdlib.h>
#include <string.h>

/* A table being trained: weights plus the averaging accumulator. */
typedef struct ttable {
    ptable t;
    double *u;
} ttable;

/* Everything one training run needs. */
typedef struct trainer {
    ttable trans, label;
    double c;                 /* update clock */
    uint64_t rng;
    const parser_train_opts *o;
    parser_work *w;
    int *gh, *gl;             /* gold heads and labels, 0..n */
    uint64_t *wh;             /* word hashes of the whole treebank */
    uint8_t *upos;
    uint64_t *xh;             /* XPOS hashes of the whole treebank */
    uint64_t *ah;             /* runner-up XPOS hashes (the XPOS's when none) */
    size_t *first;            /* first word of each sentence in wh/upos */
    char **names;             /* label names (borrowed from the treebank) */
    int n_labels;
    float *avg_t, *avg_l;     /* averaged weights of the current epoch */
    float *best_t, *best_l;   /* ... of this run's best epoch */
    float *sum_t, *sum_l;     /* sums of the runs' best epochs */
} trainer;

void parser_train_defaults(parser_train_opts *o)
{
    o->epochs = 15;
    o->runs = 4;
    o->seed = 1;
    o->trans_bits = 21;
    o->label_bits = 16;
    o->explore_p = 0.9;
    o->explore_from = 2;
    o->skip_nonprojective = 0;
    o->log = NULL;
}

/* xorshift64*: the next pseudo-random 64-bit value. */
static uint64_t rnd(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545f4914f6cdd1dull;
}

/* Allocates a zeroed table of 2^bits rows for nclass classes; -1 on OOM. */
static int ttable_init(ttable *t, int bits, int nclass)
{
    t->t.bits = bits;
    t->t.nclass = nclass;
    t->t.stride = nclass <= 4 ? 4 : (nclass + 7) & ~7;
    size_t n = ((size_t)1 << bits) * (size_t)t->t.stride;
    t->t.w = calloc(n, sizeof(float));
    t->u = calloc(n, sizeof(double));
    return t->t.w && t->u ? 0 : -1;
}

static void ttable_free(ttable *t)
{
    free(t->t.w);
    free(t->u);
}

/* Adds delta to class cls of every feature's row, at clock c. */
static void update(ttable *t, const uint64_t *f, int nf, int cls, float delta, double c)
{
    for (int i = 0; i < nf; i++) {
        size_t at = ptable_row(&t->t, f[i]) * (size_t)t->t.stride + (size_t)cls;
        t->t.w[at] += delta;
        t->u[at] += c * delta;
    }
}

/* Number of weights of a table. */
static size_t tsize(const ptable *t)
{
    return ((size_t)1 << t->bits) * (size_t)t->stride;
}

/* Writes the averaged weights of t at clock c into out. */
static void averaged(const ttable *t, double c, float *out)
{
    size_t n = tsize(&t->t);
    for (size_t i = 0; i < n; i++)
        out[i] = (float)(t->t.w[i] - t->u[i] / c);
}

/* Quantises the weights v of a table shaped like t to int16 with one
 * scale for the table (largest |w| -> 32767) into out; -1 on OOM. */
static int quantise(const ptable *t, const float *v, qtable *out)
{
    out->bits = t->bits;
    out->stride = t->stride;
    out->row = t->stride;
    out->nclass = t->nclass;
    size_t n = tsize(t);
    out->w = malloc(n * sizeof *out->w);
    if (!out->w)
        return -1;
    double maxabs = 1e-9;
    for (size_t i = 0; i < n; i++)
        maxabs = v[i] > maxabs ? v[i] : -v[i] > maxabs ? -v[i] : maxabs;
    out->scale = (float)(maxabs / 32767.0);
    for (size_t i = 0; i < n; i++) {
        double q = v[i] / out->scale;
        out->w[i] = (int16_t)(q >= 0 ? q + 0.5 : q - 0.5);
    }
    return 0;
}

/* 1 when every word of s has a head in 0..n. */
static int heads_valid(const ud_sentence *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->words[i].head < 0 || (size_t)s->words[i].head > s->n)
            return 0;
    return s->n > 0;
}

/* 1 when the gold tree of s (heads 0..n) is projective and complete. */
static int projective(const ud_sentence *s)
{
    int n = (int)s->n;
    for (int d = 1; d <= n; d++) {
        int h = s->words[d - 1].head;
        if (h < 0 || h > n)
            return 0;
        int lo = d < h ? d : h, hi = d < h ? h : d;
        for (int k = lo + 1; k < hi; k++) {
            int a = k;   /* k must be dominated by h */
            int steps = 0;
            while (a != h && a != 0 && steps++ <= n)
                a = s->words[a - 1].head;
            if (a != h)
                return 0;
        }
    }
    return 1;
}

int pw_cost(const parser_work *w, const int *gh, int t)
{
    int sp = w->sp, b = w->b, n = w->n, c = 0;
    int s0 = w->stack[sp - 1];
    if (t == PT_SHIFT) {
        for (int i = 0; i < sp; i++) {
            int k = w->stack[i];
            c += (i < sp - 1 && gh[b] == k) + (k > 0 && gh[k] == b);
        }
        return c;
    }
    for (int k = b; k <= n; k++)
        c += gh[k] == s0;
    if (t == PT_LEFT)
        return c + (gh[s0] != b && (gh[s0] == w->stack[sp - 2] || gh[s0] > b));
    return c + (gh[s0] >= b && b <= n);
}

/* Label id of a DEPREL name, or -1. */
static int label_id(const trainer *tr, const char *name)
{
    for (int i = 0; i < tr->n_labels; i++)
        if (strcmp(tr->names[i], name) == 0)
            return i;
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Collects the sorted distinct DEPRELs of tb; -1 on OOM or too many. */
static int collect_labels(trainer *tr, const treebank *tb)
{
    tr->names = malloc(sizeof(char *) * (PARSER_MAX_LABELS + 1));
    if (!tr->names)
        return -1;
    tr->n_labels = 0;
    for (size_t s = 0; s < tb->n_sents; s++)
        for (size_t i = 0; i < tb->sents[s].n; i++) {
            const char *l = tb->sents[s].words[i].deprel;
            if (label_id(tr, l) >= 0)
                continue;
            if (tr->n_labels == PARSER_MAX_LABELS)
                return -1;
            tr->names[tr->n_labels++] = (char *)l;
        }
    qsort(tr->names, (size_t)tr->n_labels, sizeof(char *), cmp_str);
    return 0;
}

/* Hashes every word of tb once; -1 on OOM. */
static int prepare_words(trainer *tr, const treebank *tb)
{
    tr->wh = malloc((tb->n_words + 1) * sizeof *tr->wh);
    tr->upos = malloc(tb->n_words + 1);
    tr->xh = malloc((tb->n_words + 1) * sizeof *tr->xh);
    tr->ah = malloc((tb->n_words + 1) * sizeof *tr->ah);
    tr->first = malloc((tb->n_sents + 1) * sizeof *tr->first);
    if (!tr->wh || !tr->xh || !tr->ah || !tr->upos || !tr->first)
        return -1;
    size_t k = 0;
    for (size_t s = 0; s < tb->n_sents; s++) {
        tr->first[s] = k;
        for (size_t i = 0; i < tb->sents[s].n; i++, k++) {
            const ud_word *wd = &tb->sents[s].words[i];
            tr->wh[k] = parser_word_hash(wd->form, strlen(wd->form));
            tr->upos[k] = wd->upos;
            tr->xh[k] = parser_xpos_hash(wd->xpos);
            tr->ah[k] = wd->xpos_alt ? parser_xpos_hash(wd->xpos_alt) : tr->xh[k];
        }
    }
    return 0;
}

/* Picks the best zero-cost legal transition by score; -1 if none. */
static int best_zero_cost(const parser_work *w, const int *gh, unsigned legal,
                          const float *sc, int *costs)
{
    int best = -1;
    for (int t = 0; t < PT_N; t++) {
        costs[t] = (legal >> t & 1) ? pw_cost(w, gh, t) : 1 << 20;
        if (costs[t] == 0 && (best < 0 || sc[t] > sc[best]))
            best = t;
    }
    return best;
}

/* Predicts (and trains, when the head is right) the label of the arc t
 * would make; returns the label to attach. */
static int train_label(trainer *tr, int t)
{
    parser_work *w = tr->w;
    float ls[PARSER_MAX_LABELS + 8];
    int d, h;
    pw_arc(w, t, &d, &h);
    int nf = pw_label_features(w, d, h);
    ptable_score(&tr->label.t, w->feats, nf, ls);
    int pred = pw_best_label(ls, tr->n_labels);
    if (tr->gh[d] == h && tr->gl[d] >= 0 && pred != tr->gl[d]) {
        tr->c += 1;
        update(&tr->label, w->feats, nf, tr->gl[d], 1.0f, tr->c);
        update(&tr->label, w->feats, nf, pred, -1.0f, tr->c);
    }
    return pred;
}

/* One training pass over sentence s (index si); epoch is 1-based. */
static void train_sentence(trainer *tr, const ud_sentence *s, size_t si, int epoch)
{
    parser_work *w = tr->w;
    int n = (int)s->n;
    for (int i = 1; i <= n; i++) {
        tr->gh[i] = s->words[i - 1].head;
        tr->gl[i] = label_id(tr, s->words[i - 1].deprel);
    }
    pw_init(w, n, tr->wh + tr->first[si], tr->upos + tr->first[si],
            tr->xh + tr->first[si], tr->ah + tr->first[si]);
    float sc[PT_STRIDE];
    int costs[PT_N];
    while (!pw_terminal(w)) {
        int nf = pw_trans_features(w);
        ptable_score(&tr->trans.t, w->feats, nf, sc);
        unsigned legal = pw_legal(w);
        int pred = pw_best(sc, legal);
        int gold = best_zero_cost(w, tr->gh, legal, sc, costs);
        if (gold < 0)
            gold = pred;
        tr->c += 1;
        if (costs[pred] > 0) {
            update(&tr->trans, w->feats, nf, gold, 1.0f, tr->c);
            update(&tr->trans, w->feats, nf, pred, -1.0f, tr->c);
        }
        int next = gold;
        if (pred != gold && epoch >= tr->o->explore_from &&
            (double)(rnd(&tr->rng) >> 11) / 9007199254740992.0 < tr->o->explore_p)
            next = pred;
        pw_apply(w, next, next == PT_SHIFT ? 0 : train_label(tr, next));
    }
}

/* Builds a parser holding the weights trans and label (quantised); NULL
 * on OOM. */
static parser *snapshot(const trainer *tr, const float *trans, const float *label)
{
    parser *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    size_t len = 0;
    for (int i = 0; i < tr->n_labels; i++)
        len += strlen(tr->names[i]) + 1;
    p->names_mem = malloc(len + 1);
    p->label_names = malloc(sizeof(char *) * (size_t)(tr->n_labels + 1));
    if (!p->names_mem || !p->label_names || quantise(&tr->trans.t, trans, &p->trans) ||
        quantise(&tr->label.t, label, &p->label)) {
        parser_release(p);
        return NULL;
    }
    char *m = p->names_mem;
    for (int i = 0; i < tr->n_labels; i++) {
        p->label_names[i] = m;
        size_t l = strlen(tr->names[i]) + 1;
        memcpy(m, tr->names[i], l);
        m += l;
    }
    p->n_labels = tr->n_labels;
    p->doubt = 1;
    return p;
}

/* Shuffles order[0..n) (Fisher-Yates with the trainer's generator). */
static void shuffle(trainer *tr, size_t *order, size_t n)
{
    for (size_t i = n; i > 1; i--) {
        size_t j = (size_t)(rnd(&tr->rng) % i);
        size_t t = order[i - 1];
        order[i - 1] = order[j];
        order[j] = t;
    }
}

/* Runs the epochs of one run from zero weights; leaves the averaged
 * weights of the epoch with the best dev LAS (or the last) in best_t and
 * best_l.  -1 on OOM. */
static int run_epochs(trainer *tr, const treebank *train, const treebank *dev,
                      size_t *order, size_t n_order, int run)
{
    double best_las = -1;
    size_t nt = tsize(&tr->trans.t), nl = tsize(&tr->label.t);
    for (int e = 1; e <= tr->o->epochs; e++) {
        shuffle(tr, order, n_order);
        for (size_t i = 0; i < n_order; i++)
            train_sentence(tr, &train->sents[order[i]], order[i], e);
        averaged(&tr->trans, tr->c, tr->avg_t);
        averaged(&tr->label, tr->c, tr->avg_l);
        parser *p = snapshot(tr, tr->avg_t, tr->avg_l);
        if (!p)
            return -1;
        double uas = 0, las = 0;
        if (dev)
            parser_evaluate(p, dev, NULL, &uas, &las);
        parser_free(p);
        if (tr->o->log)
            fprintf(tr->o->log, "run %d epoch %d: dev UAS %.2f LAS %.2f\n", run, e, uas, las);
        if (!dev || las > best_las) {
            memcpy(tr->best_t, tr->avg_t, nt * sizeof *tr->best_t);
            memcpy(tr->best_l, tr->avg_l, nl * sizeof *tr->best_l);
            best_las = las;
        }
    }
    return 0;
}

/* Zeroes the weights, the averaging sums and the clock for a new run. */
static void reset(trainer *tr)
{
    size_t nt = tsize(&tr->trans.t), nl = tsize(&tr->label.t);
    memset(tr->trans.t.w, 0, nt * sizeof *tr->trans.t.w);
    memset(tr->trans.u, 0, nt * sizeof *tr->trans.u);
    memset(tr->label.t.w, 0, nl * sizeof *tr->label.t.w);
    memset(tr->label.u, 0, nl * sizeof *tr->label.u);
    tr->c = 0;
}

/* Runs o->runs trainings (the shuffles and exploration continue from one
 * to the next) and returns a parser with the sum of their best epochs'
 * weights: as fast as one, with the variance of their mean.  NULL on OOM. */
static parser *run_all(trainer *tr, const treebank *train, const treebank *dev,
                       size_t *order, size_t n_order)
{
    size_t nt = tsize(&tr->trans.t), nl = tsize(&tr->label.t);
    int runs = tr->o->runs > 1 ? tr->o->runs : 1;
    tr->avg_t = malloc(nt * sizeof(float));
    tr->avg_l = malloc(nl * sizeof(float));
    tr->best_t = malloc(nt * sizeof(float));
    tr->best_l = malloc(nl * sizeof(float));
    tr->sum_t = calloc(nt, sizeof(float));
    tr->sum_l = calloc(nl, sizeof(float));
    if (!tr->avg_t || !tr->avg_l || !tr->best_t || !tr->best_l || !tr->sum_t || !tr->sum_l)
        return NULL;
    for (int r = 1; r <= runs; r++) {
        if (r > 1)
            reset(tr);
        if (run_epochs(tr, train, dev, order, n_order, r) != 0)
            return NULL;
        for (size_t i = 0; i < nt; i++)
            tr->sum_t[i] += tr->best_t[i];
        for (size_t i = 0; i < nl; i++)
            tr->sum_l[i] += tr->best_l[i];
    }
    parser *p = snapshot(tr, tr->sum_t, tr->sum_l);
    if (p && dev && tr->o->log && runs > 1) {
        double uas = 0, las = 0;
        parser_evaluate(p, dev, NULL, &uas, &las);
        fprintf(tr->o->log, "sum of %d runs: dev UAS %.2f LAS %.2f\n", runs, uas, las);
    }
    return p;
}

parser *parser_train(const treebank *train, const treebank *dev,
                     const parser_train_opts *o)
{
    trainer tr;
    memset(&tr, 0, sizeof tr);
    tr.o = o;
    tr.rng = 0x9e3779b97f4a7c15ull ^ ((uint64_t)o->seed * 0xbf58476d1ce4e5b9ull);
    size_t maxn = 1;
    for (size_t s = 0; s < train->n_sents; s++)
        maxn = train->sents[s].n > maxn ? train->sents[s].n : maxn;
    size_t *order = malloc(train->n_sents * sizeof *order + 1);
    size_t n_order = 0;
    parser *p = NULL;
    tr.w = parser_work_new();
    tr.gh = malloc((maxn + 1) * sizeof(int));
    tr.gl = malloc((maxn + 1) * sizeof(int));
    if (tr.w)
        tr.w->doubt = 1;
    if (order && tr.w && tr.gh && tr.gl && pw_reserve(tr.w, maxn) == 0 &&
        collect_labels(&tr, train) == 0 && prepare_words(&tr, train) == 0 &&
        ttable_init(&tr.trans, o->trans_bits, PT_N) == 0 &&
        ttable_init(&tr.label, o->label_bits, tr.n_labels) == 0) {
        for (size_t s = 0; s < train->n_sents; s++)
            if (heads_valid(&train->sents[s]) &&
                (!o->skip_nonprojective || projective(&train->sents[s])))
                order[n_order++] = s;
        if (o->log)
            fprintf(o->log, "training on %zu of %zu sentences, %d labels\n",
                    n_order, train->n_sents, tr.n_labels);
        p = run_all(&tr, train, dev, order, n_order);
    }
    ttable_free(&tr.trans);
    ttable_free(&tr.label);
    parser_work_free(tr.w);
    free(order); free(tr.gh); free(tr.gl); free(tr.wh); free(tr.xh); free(tr.ah); free(tr.upos);
    free(tr.first); free(tr.names);
    free(tr.avg_t); free(tr.avg_l); free(tr.best_t); free(tr.best_l);
    free(tr.sum_t); free(tr.sum_l);
    return p;
}
