/* tagger.c — see tagger.h.  Word hashes, features, scoring and greedy
 * decoding, evaluation; training is in tagger_train.c, the model section
 * in tagger_io.c.
 *
 * Scoring: for class c, score(c) = sum over active features f of
 * W[row(f) * C + c], where row(f) = top `bits` bits of mix64(key(f)) and
 * key(f) combines the template id with precomputed hashes of the word
 * (FNV-1a over its bytes).  A row is contiguous, so one feature costs one
 * cache-friendly add of C weights.
 */
#include "tagger_internal.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "weights.h"

/* Feature templates. */
enum {
    F_BIAS = 1, F_FORM, F_LOWER, F_PRE1, F_SUF1 = F_PRE1 + 4, F_SHAPE = F_SUF1 + 4,
    F_FLAGS, F_LM1, F_LM2, F_LP1, F_LP2, F_SM1, F_SM2, F_SP1, F_SP2,
    F_BIL, F_BIR, F_SHM1, F_SHP1, F_AMB0, F_AMBM1, F_AMBP1, F_AMB0P1, F_CAPR, F_AMBF, F_FLM1, F_FLP1, F_CAPW,
    F_T1, F_T2, F_T12, F_T1W, F_T1LP1,
    U_X0, U_X0W, U_XM1, U_XP1, U_XM1X0, U_X0XP1, U_U1, U_U2, U_U1X0, U_XM2, U_XP2,
};

/* ---- hashing ---------------------------------------------------------- */

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* FNV-1a over n bytes, starting from h. */
static uint64_t fnv_bytes(uint64_t h, const unsigned char *p, size_t n)
{
    for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * FNV_PRIME;
    return h;
}

/* Character class for word shapes. */
static unsigned char shape_class(unsigned char c)
{
    if (c >= 'A' && c <= 'Z') return 'X';
    if (c >= 'a' && c <= 'z') return 'x';
    if (c >= '0' && c <= '9') return 'd';
    if (c >= 0x80) return 'u';
    return c;
}

/* Fills the hashes of one word; first is 1 for the sentence's first word. */
void tg_word_info(winfo *w, const char *form, int first)
{
    const unsigned char *p = (const unsigned char *)form;
    size_t n = strlen(form);
    uint64_t lo = FNV_BASIS, sh = FNV_BASIS;
    unsigned flags = first ? 1u : 0u, nupper = 0, nalpha = 0;
    unsigned char last = 0, last2 = 0;
    unsigned char low[4] = { 0, 0, 0, 0 };
    for (size_t i = 0; i < n; i++) {
        unsigned char c = p[i], l = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
        lo = (lo ^ l) * FNV_PRIME;
        if (i < 4) w->pre[i] = lo;
        unsigned char k = shape_class(c);
        if (!(k == last && k == last2)) sh = (sh ^ k) * FNV_PRIME;
        last2 = last;
        last = k;
        if (k == 'X') { nupper++; nalpha++; flags |= 2u; }
        else if (k == 'x') nalpha++;
        else if (k == 'd') flags |= 4u;
        else if (c == '-') flags |= 8u;
        if (i + 4 >= n) low[i + 4 - n] = l;   /* last 4 lower-cased bytes */
    }
    for (size_t i = n; i < 4; i++) w->pre[i] = lo;
    if (nalpha >= 2 && nupper == nalpha) flags |= 16u;
    if (p[0] >= 'A' && p[0] <= 'Z') flags |= 32u;
    if (n > 12) flags |= 64u;
    for (size_t k = 1; k <= 4; k++) {
        size_t m = k < n ? k : n;
        w->suf[k - 1] = fnv_bytes(FNV_BASIS ^ 0x5u, low + 4 - m, m);
    }
    w->form = fnv_bytes(FNV_BASIS, p, n);
    w->lower = lo;
    w->shape = sh;
    w->flags = flags;
}

/* The ambiguity class of a lower-cased word hash: the lexicon's mask, or
 * a marker for words the lexicon does not hold. */
#define UNKNOWN_WORD (1ULL << 63)

static uint64_t lex_lookup(const uint64_t *lex, int bits, uint64_t key)
{
    if (!lex) return UNKNOWN_WORD;
    key |= 1;                             /* 0 marks an empty slot */
    size_t mask = ((size_t)1 << bits) - 1, i = (size_t)(mix64(key) & mask);
    while (lex[2 * i]) {
        if (lex[2 * i] == key) return lex[2 * i + 1];
        i = (i + 1) & mask;
    }
    return UNKNOWN_WORD;
}

/* Sets every word's `caps`: the share of the sentence's words that start
 * with a letter that start with a capital, in five buckets. */
static void set_caps(winfo *w, const char *const *forms, size_t n)
{
    size_t alpha = 0, upper = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)forms[i][0];
        if ((c | 32) >= 'a' && (c | 32) <= 'z') {
            alpha++;
            upper += c <= 'Z';
        }
    }
    uint64_t b = alpha ? (uint64_t)(4 * upper / alpha) : 5;
    for (size_t i = 0; i < n; i++) w[i].caps = b;
}

/* Fills a padding word (before or after the sentence). */
static void pad_info(winfo *w, uint64_t which)
{
    uint64_t h = mix64(0x70ad0000ULL + which);
    w->form = w->lower = w->shape = w->flags = h;
    for (int k = 0; k < 4; k++) w->pre[k] = w->suf[k] = h;
    w->amb = h;
    w->caps = 7;
}

/* The row of feature (template, value) in a table of 2^bits rows. */
static uint32_t row_of(int tmpl, uint64_t value, int bits)
{
    return (uint32_t)(mix64(value + (uint64_t)tmpl * 0x9e3779b97f4a7c15ULL) >> (64 - bits));
}

/* ---- features --------------------------------------------------------- */

/* Mixed keys of the word features of position i (w points at the
 * sentence's infos, with PAD entries before and after): out[0..NW). */
void tg_word_mixes(const winfo *w, size_t i, uint64_t *out)
{
    const winfo *c = &w[i], *m1 = c - 1, *m2 = c - 2, *p1 = c + 1, *p2 = c + 2;
    int n = 0;
#define K(t, v) (out[n++] = mix64((v) + (uint64_t)(t) * 0x9e3779b97f4a7c15ULL))
    K(F_BIAS, 0);
    K(F_FORM, c->form);
    K(F_LOWER, c->lower);
    for (int k = 0; k < 4; k++) {
        K(F_PRE1 + k, c->pre[k]);
        K(F_SUF1 + k, c->suf[k]);
    }
    K(F_SHAPE, c->shape);
    K(F_FLAGS, c->flags);
    K(F_LM1, m1->lower);
    K(F_LM2, m2->lower);
    K(F_LP1, p1->lower);
    K(F_LP2, p2->lower);
    K(F_SM1, m1->suf[2]);
    K(F_SM2, m2->suf[2]);
    K(F_SP1, p1->suf[2]);
    K(F_SP2, p2->suf[2]);
    K(F_BIL, m1->lower * 31 + c->lower);
    K(F_BIR, c->lower * 31 + p1->lower);
    K(F_SHM1, m1->shape);
    K(F_SHP1, p1->shape);
    K(F_AMB0, c->amb);
    K(F_AMBM1, m1->amb);
    K(F_AMBP1, p1->amb);
    K(F_AMB0P1, c->amb * 0x100000001b3ULL + p1->amb);
    K(F_CAPR, c->caps * 1024 + c->flags);
    K(F_AMBF, c->amb * 0x100000001b3ULL + c->flags);
    K(F_FLM1, m1->flags * 1024 + c->flags);
    K(F_FLP1, p1->flags * 1024 + c->flags);
    K(F_CAPW, (c->amb >> 60) * 1024 + c->flags);
#undef K
}

/* Rows of the word features from their mixed keys. */
static int word_rows(const uint64_t *mx, int bits, uint32_t *rows)
{
    for (int k = 0; k < NW; k++) rows[k] = (uint32_t)(mx[k] >> (64 - bits));
    return NW;
}

/* The word features the UPOS pass uses (indexes into word_mixes'
 * output): the XPOS tags carry most of the rest, and every feature is one
 * more row fetched from memory. */
static const uint8_t upos_word_feats[] = {
    0, 1, 2, 4, 6, 8, 10, 11, 12, 13, 15, 25, 29, 30, 33,   /* see word_mixes */
};
#define NWU (int)(sizeof upos_word_feats)

/* Rows of the XPOS features of position i given the previous tags. */
int tg_xpos_rows(const winfo *w, const uint64_t *mx, size_t i, const uint16_t *xs,
                 int bits, uint32_t *rows)
{
    int n = word_rows(mx, bits, rows);
    uint64_t t1 = xs[(ptrdiff_t)i - 1] + 1u, t2 = xs[(ptrdiff_t)i - 2] + 1u;  /* PAD before xs */
    rows[n++] = row_of(F_T1, t1, bits);
    rows[n++] = row_of(F_T2, t2, bits);
    rows[n++] = row_of(F_T12, t1 * 4099 + t2, bits);
    rows[n++] = row_of(F_T1W, w[i].lower ^ (t1 * 0x100000001b3ULL), bits);
    rows[n++] = row_of(F_T1LP1, w[i + 1].lower ^ (t1 * 0x100000001b3ULL), bits);
    return n;
}

/* Rows of the UPOS features of position i given XPOS of the whole sentence
 * and the previous UPOS tags. */
int tg_upos_rows(const winfo *w, const uint64_t *mx, size_t i, const uint16_t *xs,
                 const uint8_t *us, int bits, uint32_t *rows)
{
    int n = 0;
    for (int k = 0; k < NWU; k++) rows[n++] = (uint32_t)(mx[upos_word_feats[k]] >> (64 - bits));
    uint64_t x0 = xs[i] + 1u, xm1 = xs[(ptrdiff_t)i - 1] + 1u, xp1 = xs[i + 1] + 1u;
    uint64_t u1 = us[i + 1] + 1u, u2 = us[i + 2] + 1u;
    rows[n++] = row_of(U_X0, x0, bits);
    rows[n++] = row_of(U_X0W, w[i].lower ^ (x0 * 0x100000001b3ULL), bits);
    rows[n++] = row_of(U_XM1, xm1, bits);
    rows[n++] = row_of(U_XP1, xp1, bits);
    rows[n++] = row_of(U_XM2, xs[(ptrdiff_t)i - 2] + 1u, bits);
    rows[n++] = row_of(U_XP2, xs[i + 2] + 1u, bits);
    rows[n++] = row_of(U_XM1X0, xm1 * 4099 + x0, bits);
    rows[n++] = row_of(U_X0XP1, x0 * 4099 + xp1, bits);
    rows[n++] = row_of(U_U1, u1, bits);
    rows[n++] = row_of(U_U2, u2, bits);
    rows[n++] = row_of(U_U1X0, u1 * 4099 + x0, bits);
    return n;
}

/* scores[c] = sum of W[rows[f] * row + c] (c < nc) over the quantised
 * weights; returns the best class.  Classes go in blocks of 8 summed in
 * registers (vectorised at -O2), then a scalar tail.  tagger_train.c has
 * the same over float weights. */
static int best_class_q(const int16_t *W, int nc, int row, const uint32_t *rows, int nf,
                        int32_t *scores)
{
    const int16_t *r[MAX_FEATS];
    for (int f = 0; f < nf; f++) r[f] = W + (size_t)rows[f] * (size_t)row;
    int c = 0;
    for (; c + 8 <= nc; c += 8) {
        int32_t acc[8] = { 0, 0, 0, 0, 0, 0, 0, 0 };
        for (int f = 0; f < nf; f++)
            for (int k = 0; k < 8; k++) acc[k] += r[f][c + k];
        memcpy(scores + c, acc, sizeof acc);
    }
    for (; c < nc; c++) {
        int32_t a = 0;
        for (int f = 0; f < nf; f++) a += r[f][c];
        scores[c] = a;
    }
    int best = 0;
    int32_t top = scores[0];   /* in a register: no reload of scores[best] per class */
    for (int k = 1; k < nc; k++)
        if (scores[k] > top) {
            top = scores[k];
            best = k;
        }
    return best;
}

/* ---- tagging ---------------------------------------------------------- */

/* Makes room for a sentence of n words in the scratch buffers. */
static void reserve(tagger *t, size_t n)
{
    size_t need = n + 2 * PAD;
    if (need <= t->cap) return;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < need) cap *= 2;
    t->wi = xrealloc(t->wi, cap * sizeof *t->wi);
    t->xs = xrealloc(t->xs, cap * sizeof *t->xs);
    t->us = xrealloc(t->us, cap * sizeof *t->us);
    t->mx = xrealloc(t->mx, cap * NW * sizeof *t->mx);
    t->xalt = xrealloc(t->xalt, cap * sizeof *t->xalt);
    t->xgap = xrealloc(t->xgap, cap * sizeof *t->xgap);
    t->cap = cap;
}

/* Fills word infos and padding tags for a sentence; returns the infos
 * shifted so that index 0 is the first word. */
winfo *tg_prepare(tagger *t, const char *const *forms, size_t n)
{
    reserve(t, n);
    winfo *w = t->wi + PAD;
    for (int k = 1; k <= PAD; k++) {
        pad_info(&w[-k], (uint64_t)k);
        pad_info(&w[n - 1 + (size_t)k], (uint64_t)(10 + k));
    }
    for (size_t i = 0; i < n; i++) {
        tg_word_info(&w[i], forms[i], i == 0);
        w[i].amb = lex_lookup(t->lex, t->lexbits, w[i].lower);
    }
    set_caps(w, forms, n);
    for (size_t i = 0; i < n; i++) tg_word_mixes(w, i, t->mx + i * NW);
    for (int k = 0; k < PAD; k++) {
        t->xs[k] = t->xs[n + PAD + (size_t)k] = (uint16_t)(t->nx + k);
        t->us[k] = t->us[n + PAD + (size_t)k] = (uint8_t)(t->nu + k);
    }
    return w;
}

/* The class with the best score but `best` (nc >= 2). */
static int runner_up(const int32_t *scores, int nc, int best)
{
    int r = best == 0 ? 1 : 0;
    for (int c = 0; c < nc; c++)
        if (c != best && scores[c] > scores[r]) r = c;
    return r;
}

/* Greedy XPOS pass; results in t->xs (offset PAD) and, when t->track_alt,
 * the runner-up of each word and its gap to the best in t->xalt and
 * t->xgap. */
void tg_xpos_pass(tagger *t, const winfo *w, size_t n)
{
    uint32_t rows[MAX_FEATS];
    int32_t scores[MAX_XPOS];
    uint16_t *xs = t->xs + PAD;
    const uint64_t *mx = t->mx;
    for (size_t i = 0; i < n; i++) {
        int nf = tg_xpos_rows(w, mx + i * NW, i, xs, t->xbits, rows);
        int best = best_class_q(t->wx, t->nx, t->xrow, rows, nf, scores);
        xs[i] = (uint16_t)best;
        if (t->track_alt) {            /* only tagger_tag_alt pays for it */
            int alt = t->nx > 1 ? runner_up(scores, t->nx, best) : best;
            t->xalt[i] = (uint16_t)alt;
            t->xgap[i] = scores[best] - scores[alt];
        }
    }
}

/* Auxiliaries are a closed class: a word the training data never showed
 * is not one ("will abandon improved relations": "abandon" is no
 * auxiliary, however much its context looks like "will be improved").
 * (Extending this to the other closed classes cost 0.02 UPOS on dev: web
 * text spells its function words in many new ways.) */
static int best_non_aux(const int32_t *scores, int nc)
{
    int best = -1;
    for (int c = 0; c < nc; c++)
        if (c != POS_AUX && (best < 0 || scores[c] > scores[best])) best = c;
    return best;
}

/* Greedy UPOS pass, right to left, after the XPOS pass (so it sees the
 * XPOS tags on both sides and the UPOS tags on the right); results in
 * t->us (offset PAD). */
static void upos_pass(tagger *t, const winfo *w, size_t n)
{
    uint32_t rows[MAX_FEATS];
    int32_t scores[MAX_XPOS];
    const uint16_t *xs = t->xs + PAD;
    uint8_t *us = t->us + PAD;
    const uint64_t *mx = t->mx;
    for (size_t i = n; i-- > 0;) {
        int nf = tg_upos_rows(w, mx + i * NW, i, xs, us, t->ubits, rows);
        int best = best_class_q(t->wu, t->nu, t->urow, rows, nf, scores);
        if (w[i].amb == UNKNOWN_WORD && best == POS_AUX) best = best_non_aux(scores, t->nu);
        us[i] = (uint8_t)best;
    }
}

void tagger_tag(tagger *t, const char *const *forms, size_t n, uint8_t *upos, uint16_t *xpos)
{
    if (n == 0) return;
    const winfo *w = tg_prepare(t, forms, n);
    tg_xpos_pass(t, w, n);
    upos_pass(t, w, n);
    memcpy(xpos, t->xs + PAD, n * sizeof *xpos);
    memcpy(upos, t->us + PAD, n);
}

void tagger_tag_alt(tagger *t, const char *const *forms, size_t n, uint8_t *upos,
                    uint16_t *xpos, uint16_t *alt)
{
    t->track_alt = 1;
    tagger_tag(t, forms, n, upos, xpos);
    t->track_alt = 0;
    for (size_t i = 0; i < n; i++)
        alt[i] = t->xgap[i] < TAGGER_UNSURE_GAP ? t->xalt[i] : xpos[i];
}

const char *tagger_xpos_name(const tagger *t, int id)
{
    return id >= 0 && id < t->nx ? t->xnames[id] : "_";
}

int tagger_xpos_count(const tagger *t)
{
    return t->nx;
}

void tagger_free(tagger *t)
{
    if (!t) return;
    for (int i = 0; t->xnames && i < t->nx; i++) free(t->xnames[i]);
    free(t->xnames);
    free(t->owned);
    weights_unmap(t->mapped, t->mapped_len);
    free(t->lex_owned);
    free(t->wi);
    free(t->xs);
    free(t->us);
    free(t->mx);
    free(t->xalt);
    free(t->xgap);
    free(t);
}

/* ---- evaluation ------------------------------------------------------- */

/* Seconds of a monotonic clock. */
double tg_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The id of an XPOS name, or -1. */
int tg_xpos_id(const tagger *t, const char *name)
{
    for (int i = 0; i < t->nx; i++)
        if (strcmp(t->xnames[i], name) == 0) return i;
    return -1;
}

/* Compares one tagged sentence with its gold tags. */
static void score_sentence(const tagger *t, const ud_sentence *s, const uint8_t *up,
                           const uint16_t *xp, tagger_scores *out)
{
    for (size_t i = 0; i < s->n; i++) {
        int uo = up[i] == s->words[i].upos;
        int xo = strcmp(tagger_xpos_name(t, xp[i]), s->words[i].xpos) == 0;
        out->words++;
        out->upos_ok += (size_t)uo;
        out->xpos_ok += (size_t)xo;
        out->both_ok += (size_t)(uo && xo);
    }
}

void tagger_evaluate(tagger *t, const treebank *gold, tagger_scores *out)
{
    memset(out, 0, sizeof *out);
    const char **forms = NULL;
    uint8_t *up = NULL;
    uint16_t *xp = NULL;
    size_t cap = 0;
    for (size_t s = 0; s < gold->n_sents; s++) {
        const ud_sentence *se = &gold->sents[s];
        if (se->n > cap) {
            cap = se->n * 2;
            forms = xrealloc(forms, cap * sizeof *forms);
            up = xrealloc(up, cap);
            xp = xrealloc(xp, cap * sizeof *xp);
        }
        for (size_t i = 0; i < se->n; i++) forms[i] = se->words[i].form;
        double t0 = tg_now();
        tagger_tag(t, forms, se->n, up, xp);
        out->seconds += tg_now() - t0;
        score_sentence(t, se, up, xp, out);
    }
    free(forms);
    free(up);
    free(xp);
}
