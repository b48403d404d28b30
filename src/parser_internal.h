/* parser_internal.h — the parser's private structures, shared by
 * parser.c (state, features, decoding), parser_train.c (oracle, perceptron
 * training) and parser_io.c (model sections), and seen by the unit tests.
 *
 * Token indices inside the parser: 0 is ROOT, words are 1..n.
 */
#ifndef DYAD_PARSER_INTERNAL_H
#define DYAD_PARSER_INTERNAL_H

#include <stdint.h>

#include "parser.h"

enum { PT_SHIFT = 0, PT_LEFT = 1, PT_RIGHT = 2, PT_N = 3, PT_STRIDE = 4 };

#define PARSER_MAX_FEATS 128
#define PARSER_MAX_LABELS 255

/* A weight table being trained: rows of `stride` floats, 2^bits rows. */
typedef struct ptable {
    float *w;
    int bits;
    int stride;       /* floats per row: 4, or >= classes and a multiple of 8 */
    int nclass;
} ptable;

/* A trained table, quantised: weight = w * scale (int16 halves the memory
 * traffic of scoring, which is what parsing time is spent on). */
typedef struct qtable {
    int16_t *w;
    int bits;
    int stride;       /* weights per row in the model file */
    int row;          /* int16 from one row to the next in w: stride, or
                         more on load (weights_row: whole cache lines) */
    int nclass;
    float scale;
    size_t mapped;    /* bytes mapped for w (weights_unmap), 0 when malloc'd */
} qtable;

struct parser {
    qtable trans;              /* SHIFT/LEFT/RIGHT */
    qtable label;              /* one class per label */
    int n_labels;
    char **label_names;        /* owned */
    char *names_mem;           /* owned storage of the names */
    int doubt;                 /* 1: with the tagger-doubt features (layout 4) */
};

/* Parser configuration and per-sentence atoms; grows to the longest
 * sentence.  Arrays are indexed 0..n (0 = ROOT). */
struct parser_work {
    size_t cap;                /* capacity in tokens (n + 1 <= cap) */
    int n;                     /* words in the sentence */
    int *stack, sp;            /* stack[0] = ROOT */
    int b;                     /* buffer front; the buffer is b..n */
    int *head, *lab;           /* -1 until attached */
    int *lc1, *lc2, *rc1, *rc2; /* left/rightmost and second children, -1 */
    int *nl, *nr;              /* left/right valency */
    uint64_t *lset, *rset;     /* bit sets of the labels of the children */
    uint64_t *wh;              /* word hashes */
    uint64_t *xh;              /* XPOS hashes (the tag when no XPOS) */
    uint64_t *qh;              /* the XPOS with the tagger's runner-up (its
                                  doubt), hashed; the XPOS alone when sure */
    uint8_t *tag;              /* UPOS + 1; ROOT = POS_COUNT + 1 */
    int doubt;                 /* 1: compute the tagger-doubt features */
    uint64_t feats[PARSER_MAX_FEATS];
};

/* Makes room for n words; 0 or -1 (out of memory). */
int pw_reserve(parser_work *w, size_t n);
/* Starts a sentence: ROOT on the stack, words 1..n in the buffer; the
 * word hashes are copied from wh, or kept from w->wh[1..n] when wh is NULL;
 * XPOS hashes from xh, or the UPOS stands in when xh is NULL; the
 * tagger's runner-up XPOS hashes from ah (equal to xh where the tagger was
 * sure), or none (sure everywhere) when ah is NULL. */
void pw_init(parser_work *w, int n, const uint64_t *wh, const uint8_t *upos,
             const uint64_t *xh, const uint64_t *ah);
int pw_terminal(const parser_work *w);
/* Bit i set when transition i is legal. */
unsigned pw_legal(const parser_work *w);
/* The dependent and head the arc transition t would make. */
void pw_arc(const parser_work *w, int t, int *dep, int *head);
/* Applies transition t (label used for LEFT/RIGHT). */
void pw_apply(parser_work *w, int t, int label);

/* Fills w->feats with the transition features; returns their number. */
int pw_trans_features(parser_work *w);
/* Fills w->feats with the label features of the arc head -> dep. */
int pw_label_features(parser_work *w, int dep, int head);

/* scores[c] = sum of the rows of the features (nclass floats). */
void ptable_score(const ptable *t, const uint64_t *f, int nf, float *scores);
/* The same for a quantised table (scores already scaled). */
void qtable_score(const qtable *t, const uint64_t *f, int nf, float *scores);
/* Row index of a feature hash. */
static inline uint64_t ptable_row(const ptable *t, uint64_t f)
{
    return f >> (64 - t->bits);
}

/* Dynamic-oracle cost of transition t (gold arcs it makes unreachable)
 * against gold heads gh[1..n]; exact for projective gold trees. */
int pw_cost(const parser_work *w, const int *gh, int t);

/* Best legal transition by score. */
int pw_best(const float *scores, unsigned legal);
/* Best label by score. */
int pw_best_label(const float *scores, int n);

/* Frees the parts of a parser and the parser. */
void parser_release(parser *p);

#endif
