/* tagger_internal.h — the tagger's private structures, shared by
 * tagger.c (word hashes, features, decoding, evaluation), tagger_train.c
 * (lexicon, perceptron training) and tagger_io.c (the model section).
 *
 * Word arrays in the scratch buffers have PAD padding entries on each
 * side; the pointers the passes use are offset so that index 0 is the
 * sentence's first word.
 */
#ifndef DYAD_TAGGER_INTERNAL_H
#define DYAD_TAGGER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tagger.h"

#define TAGGER_SECTION "tagger"
#define PAD 2                 /* context words on each side */
#define MAX_FEATS 48
#define MAX_XPOS 64          /* score buffers; XPOS ids are < MAX_XPOS_IDS */
#define MAX_XPOS_IDS 60      /* lexicon entries: bits 0-59 XPOS, 60-63 flags */
#define NW 34                /* word features (templates that do not depend on tags) */

/* Hashes of one word, computed once per sentence. */
typedef struct winfo {
    uint64_t form, lower, pre[4], suf[4], shape, flags;
    uint64_t amb;             /* XPOS ids seen with the word in training (bit set) */
    uint64_t caps;            /* sentence's share of capitalised words, 0-4 */
} winfo;

struct tagger {
    int xbits, ubits, nx, nu;
    const int16_t *wx, *wu;   /* quantised weights, one block in this order */
    int xrow, urow;           /* int16 from one row to the next: nx and nu,
                                 or more when loaded (weights.h) */
    int16_t *owned;           /* trained weights block, or NULL */
    int16_t *mapped;          /* loaded weights block (weights_map), or NULL */
    size_t mapped_len;
    char **xnames;            /* XPOS names, nx entries */
    const uint64_t *lex;      /* open-addressed (lower hash, amb) pairs, 2^lexbits */
    uint64_t *lex_owned;      /* the same, owned (NULL: no lexicon) */
    int lexbits;
    winfo *wi;                /* scratch: n + 2 * PAD word infos */
    uint16_t *xs;             /* scratch: n + 2 * PAD XPOS ids */
    uint8_t *us;              /* scratch: n + 2 * PAD UPOS ids */
    uint16_t *xalt;           /* scratch: n runner-up XPOS ids of the XPOS pass */
    int32_t *xgap;            /* scratch: n score gaps, best - runner-up */
    int track_alt;            /* 1: the XPOS pass fills xalt and xgap */
    uint64_t *mx;             /* scratch: NW mixed word-feature keys per word */
    size_t cap;
};

/* A strong 64-bit mixer (splitmix64 finaliser). */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Number of weights of a table of 2^bits rows of nc classes. */
static inline size_t table_len(int bits, int nc)
{
    return ((size_t)1 << bits) * (size_t)nc;
}

/* Number of u64 in a lexicon of 2^bits slots (0 bits: no lexicon). */
static inline size_t lex_len(int bits)
{
    return bits ? ((size_t)2 << bits) : 0;
}

/* Number of weights of both tables (wx then wu in one block). */
static inline size_t weights_len(const tagger *t)
{
    return table_len(t->xbits, t->nx) + table_len(t->ubits, t->nu);
}

/* Points wx and wu into one block of weights_len(t) weights. */
static inline void set_weights(tagger *t, const int16_t *block)
{
    t->wx = block;
    t->wu = block + table_len(t->xbits, t->nx);
    t->xrow = t->nx;
    t->urow = t->nu;
}

/* tagger.c */
void tg_word_info(winfo *w, const char *form, int first);
void tg_word_mixes(const winfo *w, size_t i, uint64_t *out);
int tg_xpos_rows(const winfo *w, const uint64_t *mx, size_t i, const uint16_t *xs,
                 int bits, uint32_t *rows);
int tg_upos_rows(const winfo *w, const uint64_t *mx, size_t i, const uint16_t *xs,
                 const uint8_t *us, int bits, uint32_t *rows);
winfo *tg_prepare(tagger *t, const char *const *forms, size_t n);
void tg_xpos_pass(tagger *t, const winfo *w, size_t n);
int tg_xpos_id(const tagger *t, const char *name);
double tg_now(void);

#endif
