/* parser.c — arc-hybrid configuration, hashed features and greedy decoding.
 *
 * Transitions (s0 top of stack, b0 front of buffer; ROOT at stack bottom):
 *   SHIFT  push b0                          (buffer not empty)
 *   LEFT   pop s0, head(s0) = b0            (s0 is a word, buffer not empty)
 *   RIGHT  pop s0, head(s0) = s1            (s1 is a word, or s1 is ROOT
 *                                            and the buffer is empty)
 * so the result is a projective tree with exactly one root word.
 *
 * A feature is a 64-bit hash of a template number and up to four atoms
 * (word hashes, tags, labels, distances), mixed one atom at a time; its
 * row is the hash's top bits.  No strings are built.
 */
#include "parser_internal.h"

#include <stdlib.h>
#include <string.h>

#include "deprel.h"
#include "doc.h"
#include "weights.h"

#define H_NONE 0x5bd1e9955bd1e995ull
#define H_ROOT 0x2545f4914f6cdd1dull

/* Mixes one value into a running hash (multiply-xorshift). */
static inline uint64_t hmix(uint64_t h, uint64_t v)
{
    h ^= v;
    h *= 0x9e3779b97f4a7c15ull;
    return h ^ (h >> 29);
}

/* Final scramble so the top bits depend on every atom. */
static inline uint64_t hfin(uint64_t h)
{
    h ^= h >> 31;
    h *= 0xbf58476d1ce4e5b9ull;
    return h ^ (h >> 27);
}

uint64_t parser_word_hash(const char *form, size_t len)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)form[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c + 32);
        else if (c >= '0' && c <= '9')
            c = '0';
        h = (h ^ c) * 0x100000001b3ull;
    }
    return hfin(h);
}

uint64_t parser_xpos_hash(const char *name)
{
    uint64_t h = 0x84222325cbf29ce4ull;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * 0x100000001b3ull;
    return hfin(h);
}

/* Allocates n elements of size sz, zeroed; NULL when out of memory. */
static void *grow(void *old, size_t n, size_t sz)
{
    free(old);
    return calloc(n, sz);
}

int pw_reserve(parser_work *w, size_t n)
{
    if (n + 1 <= w->cap)
        return 0;
    size_t cap = (n + 1) * 2;
    int **ints[] = {&w->stack, &w->head, &w->lab, &w->lc1, &w->lc2,
                    &w->rc1, &w->rc2, &w->nl, &w->nr};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        if (!(*ints[i] = grow(*ints[i], cap, sizeof(int))))
            return -1;
    if (!(w->lset = grow(w->lset, cap, sizeof(uint64_t))) ||
        !(w->rset = grow(w->rset, cap, sizeof(uint64_t))) ||
        !(w->wh = grow(w->wh, cap, sizeof(uint64_t))) ||
        !(w->xh = grow(w->xh, cap, sizeof(uint64_t))) ||
        !(w->qh = grow(w->qh, cap, sizeof(uint64_t))) ||
        !(w->tag = grow(w->tag, cap, 1)))
        return -1;
    w->cap = cap;
    return 0;
}

parser_work *parser_work_new(void)
{
    parser_work *w = calloc(1, sizeof *w);
    if (w && pw_reserve(w, 64) != 0) {
        parser_work_free(w);
        return NULL;
    }
    return w;
}

void parser_work_free(parser_work *w)
{
    if (!w)
        return;
    free(w->stack); free(w->head); free(w->lab); free(w->lc1); free(w->lc2);
    free(w->rc1); free(w->rc2); free(w->nl); free(w->nr);
    free(w->lset); free(w->rset); free(w->wh); free(w->xh); free(w->qh); free(w->tag);
    free(w);
}

void pw_init(parser_work *w, int n, const uint64_t *wh, const uint8_t *upos,
             const uint64_t *xh, const uint64_t *ah)
{
    w->n = n;
    w->sp = 1;
    w->stack[0] = 0;
    w->b = 1;
    w->wh[0] = H_ROOT;
    w->xh[0] = H_ROOT;
    w->qh[0] = H_ROOT;
    w->tag[0] = POS_COUNT + 1;
    for (int i = 0; i <= n; i++) {
        w->head[i] = w->lab[i] = -1;
        w->lc1[i] = w->lc2[i] = w->rc1[i] = w->rc2[i] = -1;
        w->nl[i] = w->nr[i] = 0;
        w->lset[i] = w->rset[i] = 0;
    }
    for (int i = 1; i <= n; i++) {
        if (wh)
            w->wh[i] = wh[i - 1];
        w->tag[i] = (uint8_t)(upos[i - 1] < POS_COUNT ? upos[i - 1] + 1 : 1);
        w->xh[i] = xh ? xh[i - 1] : w->tag[i];
        w->qh[i] = hmix(w->xh[i], ah && ah[i - 1] != w->xh[i] ? ah[i - 1] : H_NONE);
    }
}

int pw_terminal(const parser_work *w)
{
    return w->sp == 1 && w->b > w->n;
}

unsigned pw_legal(const parser_work *w)
{
    int buf = w->b <= w->n;
    unsigned m = 0;
    if (buf)
        m |= 1u << PT_SHIFT;
    if (buf && w->sp >= 2)
        m |= 1u << PT_LEFT;
    if (w->sp >= 3 || (w->sp == 2 && !buf))
        m |= 1u << PT_RIGHT;
    return m;
}

void pw_arc(const parser_work *w, int t, int *dep, int *head)
{
    *dep = w->stack[w->sp - 1];
    *head = t == PT_LEFT ? w->b : w->stack[w->sp - 2];
}

/* Records the arc h -> d with label l and updates h's child atoms. */
static void add_arc(parser_work *w, int h, int d, int l)
{
    w->head[d] = h;
    w->lab[d] = l;
    if (d < h) {
        if (w->lc1[h] < 0 || d < w->lc1[h]) {
            w->lc2[h] = w->lc1[h];
            w->lc1[h] = d;
        } else if (w->lc2[h] < 0 || d < w->lc2[h]) {
            w->lc2[h] = d;
        }
        w->nl[h]++;
        w->lset[h] |= 1ull << (l & 63);
    } else {
        if (w->rc1[h] < 0 || d > w->rc1[h]) {
            w->rc2[h] = w->rc1[h];
            w->rc1[h] = d;
        } else if (w->rc2[h] < 0 || d > w->rc2[h]) {
            w->rc2[h] = d;
        }
        w->nr[h]++;
        w->rset[h] |= 1ull << (l & 63);
    }
}

void pw_apply(parser_work *w, int t, int label)
{
    if (t == PT_SHIFT) {
        w->stack[w->sp++] = w->b++;
        return;
    }
    int d, h;
    pw_arc(w, t, &d, &h);
    w->sp--;
    add_arc(w, h, d, label);
}

/* Atoms of one position (a token index or -1). */
typedef struct atoms {
    uint64_t w;    /* word hash */
    uint64_t p;    /* tag */
    uint64_t l;    /* label + 1, 0 none */
    uint64_t x;    /* XPOS hash (or the tag) */
    uint64_t q;    /* XPOS and the tagger's runner-up */
} atoms;

/* Fills the atoms of token i (may be -1). */
static inline atoms at(const parser_work *w, int i)
{
    atoms a;
    if (i < 0) {
        a.w = H_NONE; a.p = 0; a.l = 0; a.x = 0; a.q = 0;
    } else {
        a.w = w->wh[i]; a.p = w->tag[i]; a.l = (uint64_t)(w->lab[i] + 1);
        a.x = w->xh[i]; a.q = w->qh[i];
    }
    return a;
}

/* Distance bucket of two token positions: 1..5, 6 (6-10), 7 (> 10). */
static inline uint64_t dist(int a, int b)
{
    int d = b > a ? b - a : a - b;
    return d <= 5 ? (uint64_t)d : d <= 10 ? 6 : 7;
}

/* Feature builders: template number t with 1..4 atoms. */
#define F1(a)          hfin(hmix(tpl++ * 0x100000001b3ull, (a)))
#define F2(a, b)       hfin(hmix(hmix(tpl++ * 0x100000001b3ull, (a)), (b)))
#define F3(a, b, c)    hfin(hmix(hmix(hmix(tpl++ * 0x100000001b3ull, (a)), (b)), (c)))
#define F4(a, b, c, d) hfin(hmix(hmix(hmix(hmix(tpl++ * 0x100000001b3ull, (a)), (b)), (c)), (d)))

/* Joint word-tag atom. */
static inline uint64_t wp(atoms a)
{
    return hmix(a.w, a.p);
}

int pw_trans_features(parser_work *w)
{
    uint64_t *f = w->feats;
    int k = 0;
    uint64_t tpl = 1;
    int sp = w->sp, b = w->b, n = w->n;
    int i0 = w->stack[sp - 1];
    int i1 = sp >= 2 ? w->stack[sp - 2] : -1;
    int i2 = sp >= 3 ? w->stack[sp - 3] : -1;
    int j0 = b <= n ? b : -1, j1 = b + 1 <= n ? b + 1 : -1, j2 = b + 2 <= n ? b + 2 : -1;
    atoms s0 = at(w, i0), s1 = at(w, i1), s2 = at(w, i2);
    atoms b0 = at(w, j0), b1 = at(w, j1), b2 = at(w, j2);
    atoms s0l = at(w, w->lc1[i0]), s0r = at(w, w->rc1[i0]);
    atoms s0l2 = at(w, w->lc2[i0]), s0r2 = at(w, w->rc2[i0]);
    atoms s1l = at(w, i1 >= 0 ? w->lc1[i1] : -1), s1r = at(w, i1 >= 0 ? w->rc1[i1] : -1);
    atoms s1r2 = at(w, i1 >= 0 ? w->rc2[i1] : -1);
    atoms b0l = at(w, j0 >= 0 ? w->lc1[j0] : -1), b0l2 = at(w, j0 >= 0 ? w->lc2[j0] : -1);
    uint64_t s0wp = wp(s0), s1wp = wp(s1), b0wp = wp(b0), b1wp = wp(b1);
    uint64_t d0 = j0 >= 0 ? dist(i0, j0) : 0, d1 = i1 >= 0 ? dist(i1, i0) : 0;
    uint64_t s0vl = (uint64_t)w->nl[i0], s0vr = (uint64_t)w->nr[i0];
    uint64_t s1vr = i1 >= 0 ? (uint64_t)w->nr[i1] : 99;
    uint64_t b0vl = j0 >= 0 ? (uint64_t)w->nl[j0] : 99;
    /* unigrams */
    f[k++] = F1(s0wp); f[k++] = F1(s0.w); f[k++] = F1(s0.p);
    f[k++] = F1(s1wp); f[k++] = F1(s1.w); f[k++] = F1(s1.p);
    f[k++] = F1(b0wp); f[k++] = F1(b0.w); f[k++] = F1(b0.p);
    f[k++] = F1(b1wp); f[k++] = F1(b1.w); f[k++] = F1(b1.p);
    f[k++] = F1(wp(b2));
    f[k++] = F1(b2.p); f[k++] = F1(s2.p); f[k++] = F1(s2.w);
    /* pairs */
    f[k++] = F2(s0wp, b0wp); f[k++] = F2(s0wp, b0.w); f[k++] = F2(s0.w, b0wp);
    f[k++] = F2(s0wp, b0.p); f[k++] = F2(s0.p, b0wp); f[k++] = F2(s0.w, b0.w);
    f[k++] = F2(s0.p, b0.p); f[k++] = F2(b0.p, b1.p);
    f[k++] = F2(s1wp, s0wp); f[k++] = F2(s1.p, s0wp); f[k++] = F2(s1wp, s0.p);
    f[k++] = F2(s1.w, s0.w); f[k++] = F2(s1.p, s0.p); f[k++] = F2(b0wp, b1wp);
    /* triples of tags */
    f[k++] = F3(b0.p, b1.p, b2.p); f[k++] = F3(s0.p, b0.p, b1.p);
    f[k++] = F3(s1.p, s0.p, b0.p); f[k++] = F3(s2.p, s1.p, s0.p);
    f[k++] = F3(s0.p, s0l.p, b0.p); f[k++] = F3(s0.p, s0r.p, b0.p);
    f[k++] = F3(s0.p, b0.p, b0l.p); f[k++] = F3(s1.p, s0.p, s0l.p);
    f[k++] = F3(s1.p, s0.p, s0r.p); f[k++] = F3(s1.p, s1r.p, s0.p);
    f[k++] = F3(s1.p, s1l.p, s0.p); f[k++] = F3(s0.w, b0.p, b1.p);
    f[k++] = F3(s0.p, b0.w, b1.p); f[k++] = F3(s1.w, s0.p, b0.p);
    f[k++] = F3(s1.p, s0.w, b0.p);
    /* distance */
    f[k++] = F2(s0.w, d0); f[k++] = F2(s0.p, d0); f[k++] = F2(b0.w, d0);
    f[k++] = F2(b0.p, d0); f[k++] = F3(s0.w, b0.w, d0); f[k++] = F3(s0.p, b0.p, d0);
    f[k++] = F3(s1.p, s0.p, d1); f[k++] = F3(s1.w, s0.w, d1);
    /* valency */
    f[k++] = F2(s0.w, s0vr); f[k++] = F2(s0.p, s0vr); f[k++] = F2(s0.w, s0vl);
    f[k++] = F2(s0.p, s0vl); f[k++] = F2(b0.w, b0vl); f[k++] = F2(b0.p, b0vl);
    f[k++] = F2(s1.p, s1vr);
    /* children unigrams */
    f[k++] = F1(s0l.w); f[k++] = F1(s0l.p); f[k++] = F1(s0l.l);
    f[k++] = F1(s0r.w); f[k++] = F1(s0r.p); f[k++] = F1(s0r.l);
    f[k++] = F1(b0l.w); f[k++] = F1(b0l.p); f[k++] = F1(b0l.l);
    f[k++] = F1(s1r.p); f[k++] = F1(s1r.l); f[k++] = F1(s1l.l);
    /* third order */
    f[k++] = F1(s0l2.w); f[k++] = F1(s0l2.p); f[k++] = F1(s0l2.l);
    f[k++] = F1(s0r2.w); f[k++] = F1(s0r2.p); f[k++] = F1(s0r2.l);
    f[k++] = F1(b0l2.w); f[k++] = F1(b0l2.p); f[k++] = F1(b0l2.l);
    f[k++] = F4(s0.p, s0l.p, s0l2.p, b0.p); f[k++] = F4(s0.p, s0r.p, s0r2.p, b0.p);
    f[k++] = F3(b0.p, b0l.p, b0l2.p); f[k++] = F3(s1.p, s1r.p, s1r2.p);
    /* label sets */
    f[k++] = F2(s0.w, w->rset[i0]);
    f[k++] = F2(s0.p, w->rset[i0]); f[k++] = F2(s0.p, w->lset[i0]);
    f[k++] = F2(b0.p, j0 >= 0 ? w->lset[j0] : 0);
    f[k++] = F2(s0.w, w->lset[i0]); f[k++] = F2(b0.w, j0 >= 0 ? w->lset[j0] : 0);
    /* XPOS */
    f[k++] = F1(s0.x); f[k++] = F1(s1.x); f[k++] = F1(b0.x); f[k++] = F1(b1.x);
    f[k++] = F2(s0.x, b0.x); f[k++] = F2(s1.x, s0.x); f[k++] = F3(s0.x, b0.x, b1.x);
    f[k++] = F3(s1.x, s0.x, b0.x); f[k++] = F2(s0.w, b0.x); f[k++] = F2(s0.x, b0.w);
    f[k++] = F3(s0.x, s0l.x, b0.x); f[k++] = F3(s0.x, s0r.x, b0.x);
    f[k++] = F3(s0.x, b0.x, b0l.x);
    /* the tagger's doubt: its XPOS with the runner-up it nearly chose
     * (tagger_tag_alt), so that the weights can learn how far to trust
     * each tag */
    if (w->doubt) {
        f[k++] = F1(s0.q); f[k++] = F1(b0.q); f[k++] = F1(b1.q); f[k++] = F1(s1.q);
        f[k++] = F2(s0.q, b0.q);
    }
    /* bias */
    f[k++] = F1(0);
    return k;
}

int pw_label_features(parser_work *w, int dep, int head)
{
    uint64_t *f = w->feats;
    int k = 0;
    uint64_t tpl = 1001;
    int left = dep < head;
    atoms d = at(w, dep), h = at(w, head);
    atoms dl = at(w, w->lc1[dep]), dr = at(w, w->rc1[dep]);
    atoms sib = at(w, left ? w->lc1[head] : w->rc1[head]);
    atoms dprev = at(w, dep - 1 >= 1 ? dep - 1 : -1);
    atoms dnext = at(w, dep + 1 <= w->n ? dep + 1 : -1);
    uint64_t dir = (uint64_t)left + 2 * dist(dep, head);
    f[k++] = F1(d.w); f[k++] = F1(d.p); f[k++] = F1(h.w); f[k++] = F1(h.p);
    f[k++] = F3(d.p, h.p, dir); f[k++] = F2(d.w, dir); f[k++] = F2(h.w, dir);
    f[k++] = F2(d.w, h.w);
    f[k++] = F2(d.p, dl.l); f[k++] = F2(d.p, dr.l);
    f[k++] = F3(d.p, h.p, w->lset[dep]); f[k++] = F3(d.p, h.p, w->rset[dep]);
    f[k++] = F2(dl.w, d.p); f[k++] = F2(dr.w, d.p);
    f[k++] = F3(sib.l, d.p, h.p);
    f[k++] = F3(dprev.p, d.p, h.p); f[k++] = F3(d.p, dnext.p, h.p);
    f[k++] = F2(d.w, dnext.w);
    f[k++] = F3(d.p, h.p, (uint64_t)(left ? w->nl[head] : w->nr[head]));
    f[k++] = F1(d.x); f[k++] = F1(h.x); f[k++] = F3(d.x, h.x, dir);
    f[k++] = F2(d.w, h.x); f[k++] = F2(d.x, h.w);
    if (w->doubt) {
        f[k++] = F1(d.q);
        f[k++] = F2(d.q, h.q);
    }
    f[k++] = F1(0);
    return k;
}

void ptable_score(const ptable *t, const uint64_t *f, int nf, float *scores)
{
    int s = t->stride;
    const float *rows[PARSER_MAX_FEATS];
    for (int i = 0; i < nf; i++) {    /* all rows requested before any is summed */
        rows[i] = t->w + ptable_row(t, f[i]) * (uint64_t)s;
        for (int c = 0; c < s; c += 16)
            __builtin_prefetch(rows[i] + c);
    }
    memset(scores, 0, (size_t)s * sizeof *scores);
    for (int i = 0; i < nf; i++)
        for (int c = 0; c < s; c++)
            scores[c] += rows[i][c];
}

/* Requests the rows of the features of t (all of them before any is read,
 * so the cache misses overlap) and stores their addresses in rows. */
static void fetch_rows(const qtable *t, const uint64_t *f, int nf, const int16_t **rows)
{
    int s = t->stride;
    for (int i = 0; i < nf; i++) {
        rows[i] = t->w + (f[i] >> (64 - t->bits)) * (uint64_t)t->row;
        for (int c = 0; c < s; c += 32)
            __builtin_prefetch(rows[i] + c);
        __builtin_prefetch(rows[i] + s - 1);
    }
}

void qtable_score(const qtable *t, const uint64_t *f, int nf, float *scores)
{
    const int16_t *rows[PARSER_MAX_FEATS];
    int s = t->stride;
    fetch_rows(t, f, nf, rows);
    if (s == 4) {                     /* transitions: registers only */
        int32_t a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        for (int i = 0; i < nf; i++) {
            const int16_t *r = rows[i];
            a0 += r[0]; a1 += r[1]; a2 += r[2]; a3 += r[3];
        }
        scores[0] = (float)a0 * t->scale; scores[1] = (float)a1 * t->scale;
        scores[2] = (float)a2 * t->scale; scores[3] = (float)a3 * t->scale;
        return;
    }
    for (int c = 0; c < s; c += 8) {  /* labels: blocks of 8 (stride % 8 == 0) */
        int32_t acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < nf; i++)
            for (int j = 0; j < 8; j++)
                acc[j] += rows[i][c + j];
        for (int j = 0; j < 8; j++)
            scores[c + j] = (float)acc[j] * t->scale;
    }
}

int pw_best(const float *scores, unsigned legal)
{
    int best = -1;
    for (int t = 0; t < PT_N; t++)
        if ((legal >> t & 1) && (best < 0 || scores[t] > scores[best]))
            best = t;
    return best;
}

int pw_best_label(const float *scores, int n)
{
    int best = 0;
    float top = scores[0];     /* in a register: no reload of scores[best] per label */
    for (int i = 1; i < n; i++)
        if (scores[i] > top) {
            top = scores[i];
            best = i;
        }
    return best;
}

/* Parses the sentence already set up in w with pw_init. */
static void parse_loaded(const parser *p, parser_work *w)
{
    w->doubt = p->doubt;
    float sc[PT_STRIDE];
    float ls[PARSER_MAX_LABELS + 8];
    while (!pw_terminal(w)) {
        int nf = pw_trans_features(w);
        qtable_score(&p->trans, w->feats, nf, sc);
        int t = pw_best(sc, pw_legal(w));
        int label = 0;
        if (t != PT_SHIFT) {
            int d, h;
            pw_arc(w, t, &d, &h);
            nf = pw_label_features(w, d, h);
            qtable_score(&p->label, w->feats, nf, ls);
            label = pw_best_label(ls, p->n_labels);
        }
        pw_apply(w, t, label);
    }
}

int parser_parse_hashed(const parser *p, parser_work *w, size_t n,
                        const uint64_t *word_hash, const uint8_t *upos,
                        const uint64_t *xpos_hash, const uint64_t *alt_hash,
                        int *heads, int *labels)
{
    if (pw_reserve(w, n) != 0)
        return -1;
    pw_init(w, (int)n, word_hash, upos, xpos_hash, alt_hash);
    parse_loaded(p, w);
    for (size_t i = 0; i < n; i++) {
        heads[i] = w->head[i + 1];
        labels[i] = w->lab[i + 1];
    }
    return 0;
}

int parser_parse(const parser *p, parser_work *w, size_t n,
                 const char *const *forms, const uint8_t *upos,
                 const char *const *xpos, const char *const *xpos_alt,
                 int *heads, int *labels)
{
    if (pw_reserve(w, n) != 0)
        return -1;
    for (size_t i = 0; i < n; i++)
        w->wh[i + 1] = parser_word_hash(forms[i], strlen(forms[i]));
    pw_init(w, (int)n, NULL, upos, NULL, NULL);
    for (size_t i = 0; xpos && i < n; i++) {
        w->xh[i + 1] = parser_xpos_hash(xpos[i]);
        w->qh[i + 1] = hmix(w->xh[i + 1], xpos_alt && xpos_alt[i] && strcmp(xpos_alt[i], xpos[i])
                                              ? parser_xpos_hash(xpos_alt[i]) : H_NONE);
    }
    parse_loaded(p, w);
    for (size_t i = 0; i < n; i++) {
        heads[i] = w->head[i + 1];
        labels[i] = w->lab[i + 1];
    }
    return 0;
}

size_t parser_n_labels(const parser *p)
{
    return (size_t)p->n_labels;
}

const char *parser_label_name(const parser *p, int i)
{
    return i >= 0 && i < p->n_labels ? p->label_names[i] : "_";
}

/* Frees the weights of a table, mapped or malloc'd. */
static void qtable_free(qtable *t)
{
    if (t->mapped)
        weights_unmap(t->w, t->mapped);
    else
        free(t->w);
}

void parser_release(parser *p)
{
    if (!p)
        return;
    qtable_free(&p->trans);
    qtable_free(&p->label);
    free(p->label_names);
    free(p->names_mem);
    free(p);
}

void parser_free(parser *p)
{
    parser_release(p);
}

/* Parses one gold sentence with the tags of `tag_s` (or its own) and
 * counts correct heads and labels into *uh, *lh. */
static int eval_sentence(const parser *p, parser_work *w, const ud_sentence *s,
                         const ud_sentence *tag_s, size_t *uh, size_t *lh)
{
    size_t n = s->n;
    uint64_t *wh = malloc(n * sizeof *wh), *xh = malloc(n * sizeof *xh);
    uint64_t *ah = malloc(n * sizeof *ah);
    uint8_t *up = malloc(n);
    int *hd = malloc(n * sizeof *hd), *lb = malloc(n * sizeof *lb);
    int rc = -1;
    if (wh && xh && ah && up && hd && lb) {
        for (size_t i = 0; i < n; i++) {
            wh[i] = parser_word_hash(s->words[i].form, strlen(s->words[i].form));
            const ud_word *tw = tag_s && tag_s->n == n ? &tag_s->words[i] : &s->words[i];
            up[i] = tw->upos;
            xh[i] = parser_xpos_hash(tw->xpos);
            ah[i] = tw->xpos_alt ? parser_xpos_hash(tw->xpos_alt) : xh[i];
        }
        rc = parser_parse_hashed(p, w, n, wh, up, xh, ah, hd, lb);
        for (size_t i = 0; rc == 0 && i < n; i++) {
            if (hd[i] != s->words[i].head)
                continue;
            (*uh)++;
            *lh += deprel_same_universal(parser_label_name(p, lb[i]), s->words[i].deprel);
        }
    }
    free(wh); free(xh); free(ah); free(up); free(hd); free(lb);
    return rc;
}

size_t parser_evaluate(const parser *p, const treebank *gold,
                       const treebank *tags, double *uas, double *las)
{
    parser_work *w = parser_work_new();
    size_t total = 0, uh = 0, lh = 0;
    for (size_t i = 0; w && i < gold->n_sents; i++) {
        const ud_sentence *ts = tags && i < tags->n_sents ? &tags->sents[i] : NULL;
        if (eval_sentence(p, w, &gold->sents[i], ts, &uh, &lh) == 0)
            total += gold->sents[i].n;
    }
    parser_work_free(w);
    *uas = total ? 100.0 * (double)uh / (double)total : 0;
    *las = total ? 100.0 * (double)lh / (double)total : 0;
    return total;
}

int parser_reads_tagger_doubt(const parser *p)
{
    return p->doubt;
}
