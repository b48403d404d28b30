/* tagger.h — part-of-speech tagging: UPOS (pos_tag, doc.h) and XPOS (the
 * treebank's own tag set, e.g. Penn tags NN, VBD for English EWT).
 *
 * Two greedy averaged perceptrons over hashed features:
 *   pass 1, left to right, predicts XPOS from the word, its lower-cased
 *          form, prefixes and suffixes (1-4 bytes), its shape, its
 *          neighbours (+-2) and their suffixes and shapes, the two previous
 *          XPOS tags, and the word's lexicon entry (the XPOS tags it had in
 *          training, how often it was capitalised) and its neighbours';
 *   pass 2, right to left, predicts UPOS from a subset of those word
 *          features, the XPOS tags of the word and its neighbours (+-2) and
 *          the two following UPOS tags.
 * Features are hashed (template id + FNV-1a of the bytes; no strings are
 * built) into fixed tables of 2^bits rows, one int16 weight per class in
 * each row (the averaged float weights, scaled).  Training may sum the
 * weights of several runs over differently shuffled data (opts->runs): a
 * linear model still, tagged at the same speed, with less variance.
 *
 * Code: tagger.c (features, decoding, evaluation), tagger_train.c,
 * tagger_io.c (model section), tagger_internal.h (private structures).
 *
 * Example:
 *   model *m = model_load("data/model/dyad-tagger.model", err, sizeof err);
 *   tagger *t = tagger_load(m, err, sizeof err);
 *   const char *forms[] = { "Putin", "met", "Xi", "." };
 *   uint8_t upos[4]; uint16_t xpos[4];
 *   tagger_tag(t, forms, 4, upos, xpos);      upos[1] == POS_VERB,
 *   tagger_xpos_name(t, xpos[1])              "VBD"
 *   tagger_free(t); model_free(m);
 *
 * Ownership: a loaded tagger copies what it needs from the model (section
 * "tagger"): the model may be freed after.  A trained tagger owns its
 * weights.
 * A tagger keeps scratch buffers: use one tagger per thread.
 * The section has its own layout version (tagger_io.c) and stores every
 * integer little-endian; a model written by older code is refused with a
 * message that says to retrain.  At most 60 XPOS tags (the lexicon keeps
 * them as bit sets).
 */
#ifndef DYAD_TAGGER_H
#define DYAD_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "conllu.h"
#include "doc.h"
#include "model.h"

typedef struct tagger tagger;

/* Makes a tagger from the "tagger" section of m; NULL with err. */
tagger *tagger_load(const model *m, char *err, size_t errlen);
void tagger_free(tagger *t);

/* Tags n word forms (NUL-terminated UTF-8, one sentence); upos[i] gets a
 * pos_tag and xpos[i] an XPOS id (tagger_xpos_name); both arrays must
 * hold n entries.  n == 0 is allowed. */
void tagger_tag(tagger *t, const char *const *forms, size_t n,
                uint8_t *upos, uint16_t *xpos);

/* tagger_tag, and alt[i] the XPOS id the tagger ranked second for word
 * i when its score came within TAGGER_UNSURE_GAP of the best (the tagger
 * was unsure between the two), else xpos[i].  The parser takes the
 * runner-up as a feature, to see past a wrong tag. */
#define TAGGER_UNSURE_GAP 25000
void tagger_tag_alt(tagger *t, const char *const *forms, size_t n, uint8_t *upos,
                    uint16_t *xpos, uint16_t *alt);

/* The XPOS name of an id ("_" for an unknown id); the number of XPOS ids. */
const char *tagger_xpos_name(const tagger *t, int id);
int tagger_xpos_count(const tagger *t);

/* Training.  Deterministic for a given seed and data. */
typedef struct tagger_train_opts {
    int epochs;        /* passes over the training data (model selection on dev) */
    int xbits, ubits;  /* log2 of the rows of the XPOS and UPOS tables */
    uint32_t seed;     /* sentence shuffling */
    int jackknife;     /* 1: the UPOS pass learns from 2-fold jackknifed XPOS */
    int leave_one_out; /* 1: training sees each word's lexicon entry without
                          that occurrence, as unseen text would */
    int lex_min;       /* words seen this often go in the lexicon (0: 1) */
    int runs;          /* training runs from zero weights, each on its own
                          shuffles and with its own epoch selection on dev;
                          their averaged weights are summed (0: 1) */
    FILE *log;         /* per-epoch progress, or NULL */
} tagger_train_opts;

/* The settings the shipped tagger is trained with (train_tagger's
 * defaults; train_parser's jackknife taggers use them too, so that they
 * make the errors the shipped tagger makes). */
tagger_train_opts tagger_default_train_opts(void);

/* Trains on train; each run keeps the epoch with the best dev UPOS
 * accuracy (dev may be NULL: then the last epoch).  Returns a tagger that
 * owns its weights. */
tagger *tagger_train(const treebank *train, const treebank *dev,
                     const tagger_train_opts *opts);

/* Adds the "tagger" section to w. */
void tagger_save(const tagger *t, model_writer *w);

/* Accuracy against gold tags: every word counts, punctuation included. */
typedef struct tagger_scores {
    size_t words, upos_ok, xpos_ok, both_ok;
    double seconds;    /* time spent in tagger_tag */
} tagger_scores;
void tagger_evaluate(tagger *t, const treebank *gold, tagger_scores *out);

#endif
