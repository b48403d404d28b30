/* tagger.c — see tagger.h.
 *
 * Scoring: for class c, score(c) = sum over active features f of
 * W[row(f) * C + c], where row(f) = top `bits` bits of mix64(key(f)) and
 * key(f) combines the template id with precomputed hashes of the word
 * (FNV-1a over its bytes).  A row is contiguous, so one feature costs one
 * cache-friendly add of C floats.
 *
 * Training: averaged perceptron with the lazy average of Daume (2006):
 * on an update of +-1 at step t, w += d and u += t * d; the average after
 * T steps is w - u / T.
 *
 * Section "tagger" layout (host byte order, fields u32):
 *   "TAG1", xbits, n_xpos, ubits, n_upos, names_len,
 *   names (NUL-separated XPOS names), zero padding to 8 bytes,
 *   int16 wx[2^xbits * n_xpos], int16 wu[2^ubits * n_upos]: the averaged
 *   weights scaled so that the largest is +-32000 (argmax is unchanged by
 *   a positive scale; int16 halves the memory traffic of tagging).
 */
#include "tagger.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"

#define SECTION "tagger"
#define PAD 2                 /* context words on each side */
#define MAX_FEATS 48
#define MAX_XPOS 64          /* score buffers; XPOS ids are < MAX_XPOS_IDS */
#define MAX_XPOS_IDS 60      /* lexicon entries: bits 0-59 XPOS, 60-63 flags */

/* Hashes of one word, computed once per sentence. */
typedef struct winfo {
    uint64_t form, lower, pre[4], suf[4], shape, flags;
    uint64_t amb;             /* XPOS ids seen with the word in training (bit set) */
    uint64_t caps;            /* sentence's share of capitalised words, 0-4 */
} winfo;

struct tagger {
    int xbits, ubits, nx, nu;
    const int16_t *wx, *wu;   /* quantised weights (borrowed or owned) */
    int16_t *owned;           /* owned weights block, or NULL */
    char **xnames;            /* XPOS names, nx entries */
    const uint64_t *lex;      /* open-addressed (lower hash, amb) pairs, 2^lexbits */
    uint64_t *lex_owned;
    int lexbits;
    winfo *wi;                /* scratch: n + 2 * PAD word infos */
    uint16_t *xs;             /* scratch: n + 2 * PAD XPOS ids */
    uint8_t *us;              /* scratch: n + 2 * PAD UPOS ids */
    uint64_t *mx;             /* scratch: NW mixed word-feature keys per word */
    size_t cap;
};

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

/* A strong 64-bit mixer (splitmix64 finaliser). */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

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
static void word_info(winfo *w, const char *form, int first)
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
static uint64_t lex_lookup(const uint64_t *lex, int bits, uint64_t key)
{
    if (!lex) return 1ULL << 63;
    key |= 1;                             /* 0 marks an empty slot */
    size_t mask = ((size_t)1 << bits) - 1, i = (size_t)(mix64(key) & mask);
    while (lex[2 * i]) {
        if (lex[2 * i] == key) return lex[2 * i + 1];
        i = (i + 1) & mask;
    }
    return 1ULL << 63;
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

/* Number of word features (templates that do not depend on tags). */
#define NW 34

/* Mixed keys of the word features of position i (w points at the
 * sentence's infos, with PAD entries before and after): out[0..NW). */
static void word_mixes(const winfo *w, size_t i, uint64_t *out)
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
static int xpos_rows(const winfo *w, const uint64_t *mx, size_t i, const uint16_t *xs,
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
static int upos_rows(const winfo *w, const uint64_t *mx, size_t i, const uint16_t *xs,
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

/* The same as best_class over quantised weights (tagging). */
static int best_class_q(const int16_t *W, int nc, const uint32_t *rows, int nf, int32_t *scores)
{
    const int16_t *r[MAX_FEATS];
    for (int f = 0; f < nf; f++) r[f] = W + (size_t)rows[f] * (size_t)nc;
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
    for (int k = 1; k < nc; k++)
        if (scores[k] > scores[best]) best = k;
    return best;
}

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
    t->cap = cap;
}

/* Fills word infos and padding tags for a sentence; returns the infos
 * shifted so that index 0 is the first word. */
static winfo *prepare(tagger *t, const char *const *forms, size_t n)
{
    reserve(t, n);
    winfo *w = t->wi + PAD;
    for (int k = 1; k <= PAD; k++) {
        pad_info(&w[-k], (uint64_t)k);
        pad_info(&w[n - 1 + (size_t)k], (uint64_t)(10 + k));
    }
    for (size_t i = 0; i < n; i++) {
        word_info(&w[i], forms[i], i == 0);
        w[i].amb = lex_lookup(t->lex, t->lexbits, w[i].lower);
    }
    set_caps(w, forms, n);
    for (size_t i = 0; i < n; i++) word_mixes(w, i, t->mx + i * NW);
    for (int k = 0; k < PAD; k++) {
        t->xs[k] = t->xs[n + PAD + (size_t)k] = (uint16_t)(t->nx + k);
        t->us[k] = t->us[n + PAD + (size_t)k] = (uint8_t)(t->nu + k);
    }
    return w;
}

/* Greedy XPOS pass; results in t->xs (offset PAD). */
static void xpos_pass(tagger *t, const winfo *w, size_t n)
{
    uint32_t rows[MAX_FEATS];
    int32_t scores[MAX_XPOS];
    uint16_t *xs = t->xs + PAD;
    const uint64_t *mx = t->mx;
    for (size_t i = 0; i < n; i++) {
        int nf = xpos_rows(w, mx + i * NW, i, xs, t->xbits, rows);
        xs[i] = (uint16_t)best_class_q(t->wx, t->nx, rows, nf, scores);
    }
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
        int nf = upos_rows(w, mx + i * NW, i, xs, us, t->ubits, rows);
        us[i] = (uint8_t)best_class_q(t->wu, t->nu, rows, nf, scores);
    }
}

void tagger_tag(tagger *t, const char *const *forms, size_t n, uint8_t *upos, uint16_t *xpos)
{
    if (n == 0) return;
    const winfo *w = prepare(t, forms, n);
    xpos_pass(t, w, n);
    upos_pass(t, w, n);
    memcpy(xpos, t->xs + PAD, n * sizeof *xpos);
    memcpy(upos, t->us + PAD, n);
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
    for (int i = 0; i < t->nx; i++) free(t->xnames[i]);
    free(t->xnames);
    free(t->owned);
    free(t->lex_owned);
    free(t->wi);
    free(t->xs);
    free(t->us);
    free(t->mx);
    free(t);
}

/* ---- model section ---------------------------------------------------- */

/* Number of weights of a table. */
static size_t table_len(int bits, int nc)
{
    return ((size_t)1 << bits) * (size_t)nc;
}

/* Reads a u32 at p (host order). */
static uint32_t rd32(const unsigned char *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}

/* Splits the NUL-separated names blob into t->xnames; 0 or -1. */
static int read_names(tagger *t, const char *blob, size_t len)
{
    t->xnames = xcalloc((size_t)t->nx, sizeof *t->xnames);
    size_t off = 0;
    for (int i = 0; i < t->nx; i++) {
        const char *end = memchr(blob + off, '\0', len - off);
        if (!end) return -1;
        t->xnames[i] = xstrdup(blob + off);
        off = (size_t)(end - blob) + 1;
    }
    return 0;
}

/* Bytes of the header: "TAG1" and 7 u32 fields. */
#define HDR 32

/* Offset of the lexicon after the header and names blob. */
static size_t lex_offset(size_t names_len)
{
    return (HDR + names_len + 7) & ~(size_t)7;
}

/* Number of u64 in a lexicon of 2^bits slots (0 bits: no lexicon). */
static size_t lex_len(int bits)
{
    return bits ? ((size_t)2 << bits) : 0;
}

/* Checks the header fields copied into t against the section length. */
static int header_ok(const tagger *t, size_t off, size_t len)
{
    return t->xbits >= 8 && t->xbits <= 26 && t->ubits >= 8 && t->ubits <= 26 &&
           t->nx > 0 && t->nx <= MAX_XPOS_IDS && t->nu == POS_COUNT && t->lexbits >= 0 &&
           t->lexbits <= 24 && off <= len &&
           (len - off) == lex_len(t->lexbits) * 8 +
                          (table_len(t->xbits, t->nx) + table_len(t->ubits, t->nu)) * 2;
}

tagger *tagger_load(const model *m, char *err, size_t errlen)
{
    size_t len;
    const unsigned char *p = model_section(m, SECTION, &len);
    if (!p || len < HDR || memcmp(p, "TAG1", 4) != 0) {
        snprintf(err, errlen, "model has no usable \"%s\" section", SECTION);
        return NULL;
    }
    tagger *t = xcalloc(1, sizeof *t);
    t->xbits = (int)rd32(p + 4);
    t->nx = (int)rd32(p + 8);
    t->ubits = (int)rd32(p + 12);
    t->nu = (int)rd32(p + 16);
    size_t names_len = rd32(p + 20);
    t->lexbits = (int)rd32(p + 24);
    size_t off = lex_offset(names_len);
    if (names_len > len || !header_ok(t, off, len) ||
        read_names(t, (const char *)p + HDR, names_len) != 0) {
        snprintf(err, errlen, "the \"%s\" section of the model is malformed", SECTION);
        tagger_free(t);
        return NULL;
    }
    t->lex = t->lexbits ? (const uint64_t *)(const void *)(p + off) : NULL;
    t->wx = (const int16_t *)(const void *)(p + off + lex_len(t->lexbits) * 8);
    t->wu = t->wx + table_len(t->xbits, t->nx);
    return t;
}

void tagger_save(const tagger *t, model_writer *w)
{
    size_t names_len = 0;
    for (int i = 0; i < t->nx; i++) names_len += strlen(t->xnames[i]) + 1;
    size_t off = lex_offset(names_len), nl = lex_len(t->lexbits);
    size_t nxw = table_len(t->xbits, t->nx), nuw = table_len(t->ubits, t->nu);
    size_t len = off + nl * 8 + (nxw + nuw) * sizeof(int16_t);
    unsigned char *p = xcalloc(len, 1);
    uint32_t hdr[8] = { 0, (uint32_t)t->xbits, (uint32_t)t->nx, (uint32_t)t->ubits,
                        (uint32_t)t->nu, (uint32_t)names_len, (uint32_t)t->lexbits, 0 };
    memcpy(hdr, "TAG1", 4);
    memcpy(p, hdr, sizeof hdr);
    size_t at = HDR;
    for (int i = 0; i < t->nx; i++) {
        size_t l = strlen(t->xnames[i]) + 1;
        memcpy(p + at, t->xnames[i], l);
        at += l;
    }
    if (nl) memcpy(p + off, t->lex, nl * 8);
    memcpy(p + off + nl * 8, t->wx, nxw * sizeof(int16_t));
    memcpy(p + off + nl * 8 + nxw * sizeof(int16_t), t->wu, nuw * sizeof(int16_t));
    model_writer_add(w, SECTION, p, len);
    free(p);
}

/* ---- evaluation ------------------------------------------------------- */

/* Seconds of a monotonic clock. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The id of an XPOS name, or -1. */
static int xpos_id(const tagger *t, const char *name)
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
        double t0 = now();
        tagger_tag(t, forms, se->n, up, xp);
        out->seconds += now() - t0;
        score_sentence(t, se, up, xp, out);
    }
    free(forms);
    free(up);
    free(xp);
}

/* ---- training --------------------------------------------------------- */

typedef struct trainer {
    tagger *t;                /* tags with quantised averaged weights */
    float *wx, *wu;
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
    winfo *w = prepare(t, forms, s->n);
    if (tr->loo) {
        for (size_t i = 0; i < s->n; i++) w[i].amb = tr->loo[start + i];
        for (size_t i = 0; i < s->n; i++) word_mixes(w, i, t->mx + i * NW);
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
        int nf = xpos_rows(w, t->mx + i * NW, i, xs, t->xbits, rows);
        int p = best_class(tr->wx, t->nx, rows, nf, scores);
        if (p != gx[i]) update(tr->wx, tr->ux, t->nx, rows, nf, gx[i], p, tr->step);
        xs[i] = (uint16_t)p;
    }
    if (xpos_only) return;
    if (jx) memcpy(xs, jx, s->n * sizeof *xs);
    for (size_t i = s->n; i-- > 0;) {
        int nf = upos_rows(w, t->mx + i * NW, i, xs, us, t->ubits, rows);
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
            int id = xpos_id(t, x);
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
            word_info(&wi, form, 0);
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
    word_info(&wi, form, 0);
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
        xpos_pass(t, w, se->n);
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
    size_t nxw = table_len(t->xbits, t->nx), nuw = table_len(t->ubits, t->nu);
    tr->wx = xcalloc(nxw + nuw, sizeof(float));
    tr->wu = tr->wx + nxw;
    tr->ux = xcalloc(nxw + nuw, sizeof(double));
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
    size_t nxw = table_len(t->xbits, t->nx), nuw = table_len(t->ubits, t->nu);
    average(avg, tr->wx, tr->ux, nxw + nuw, tr->step);
    quantize(q, avg, nxw);
    quantize(q + nxw, avg + nxw, nuw);
    t->wx = q;
    t->wu = q + nxw;
    tagger_scores sc = { 0, 0, 0, 0, 0.0 };
    if (dev) tagger_evaluate(t, dev, &sc);
    double n = (double)(sc.words ? sc.words : 1);
    if (log)
        fprintf(log, "epoch %d: %.1fs, dev UPOS %.2f%% XPOS %.2f%%\n", epoch, now() - t0,
                100.0 * (double)sc.upos_ok / n, 100.0 * (double)sc.xpos_ok / n);
    return (double)sc.upos_ok / n;
}

tagger *tagger_train(const treebank *train, const treebank *dev, const tagger_train_opts *o)
{
    trainer tr;
    trainer_init(&tr, train, o);
    tagger *t = tr.t;
    size_t nw = table_len(t->xbits, t->nx) + table_len(t->ubits, t->nu);
    float *avg = xcalloc(nw, sizeof *avg);
    int16_t *q = xcalloc(nw, sizeof *q), *best = xcalloc(nw, sizeof *best);
    size_t *order = xmalloc(train->n_sents * sizeof *order), *starts = sentence_starts(train);
    for (size_t s = 0; s < train->n_sents; s++) order[s] = s;
    const char **forms = xmalloc(longest(train) * sizeof *forms);
    uint32_t seed = o->seed ? o->seed : 1;
    if (o->jackknife) {
        double t0 = now();
        tr.jack_x = jackknife(&tr, train, starts, o->epochs, &seed, forms);
        if (o->log) fprintf(o->log, "jackknifed XPOS in %.1fs\n", now() - t0);
    }
    double best_acc = -1.0;
    for (int e = 1; e <= o->epochs; e++) {
        double t0 = now();
        shuffle(order, train->n_sents, &seed);
        train_epoch(&tr, train, order, starts, forms);
        double acc = checkpoint(&tr, avg, q, dev, e, t0, o->log);
        if (!dev || acc > best_acc) {              /* model selection on dev */
            best_acc = acc;
            memcpy(best, q, nw * sizeof *best);
            if (o->log && dev) fprintf(o->log, "  (best so far)\n");
        }
    }
    trainer_free(&tr);
    free(avg);
    free(q);
    free(order);
    free(starts);
    free((void *)forms);
    t->owned = best;
    t->wx = best;
    t->wu = best + table_len(t->xbits, t->nx);
    return t;
}
