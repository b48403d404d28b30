/* parser.h — a greedy transition-based labelled dependency parser.
 *
 * Arc-hybrid transitions (SHIFT, LEFT, RIGHT) with the root at the bottom
 * of the stack, scored by an averaged perceptron over hashed features
 * (Zhang & Nivre 2011 rich templates: stack/buffer words and tags, their
 * left- and right-most children, distance, valency, label sets), trained
 * with the dynamic oracle of Goldberg & Nivre 2013.  Labels are a second
 * perceptron, asked when an arc is made (the dependent's own children are
 * complete then).  Input: word forms and UPOS; output: HEAD and DEPREL.
 *
 * XPOS (e.g. Penn tags from the tagger) is optional but helps: a model
 * trained with it should be given it, and with it the tagger's runner-up
 * XPOS where the tagger was unsure (tagger_tag_alt): features pair each
 * tag with its doubt.  The shipped model is trained on tags predicted by
 * jackknifed taggers (train_parser --jackknife), as it meets tagger
 * output, not gold tags, when it is used; and its weights are the sum of
 * four training runs (opts.runs), an ensemble that parses as fast as one
 * model.
 *
 * Example (one sentence "Lavrov met Xi ."):
 *   parser *p = parser_from_model(m, err, sizeof err);
 *   parser_work *w = parser_work_new();
 *   const char *forms[] = {"Lavrov", "met", "Xi", "."};
 *   uint8_t upos[] = {POS_PROPN, POS_VERB, POS_PROPN, POS_PUNCT};
 *   int heads[4], labels[4];
 *   const char *xpos[] = {"NNP", "VBD", "NNP", "."};
   parser_parse(p, w, 4, forms, upos, xpos, NULL, heads, labels);
 *   // heads = {2, 0, 2, 2}; parser_label_name(p, labels[0]) = "nsubj"
 *   parser_work_free(w); parser_free(p);
 *
 * Ownership: a parser owns its weights and label names and is read-only
 * once built, so threads may share it; each thread has its own
 * parser_work (scratch that grows to the longest sentence, no allocation
 * per transition).
 */
#ifndef DYAD_PARSER_H
#define DYAD_PARSER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "conllu.h"
#include "model.h"

typedef struct parser parser;
typedef struct parser_work parser_work;

/* Training settings; parser_train_defaults() fills them. */
typedef struct parser_train_opts {
    int epochs;          /* passes over the training set (default 15) */
    int runs;            /* trainings from zero weights, each keeping its
                            best dev epoch; their weights are summed
                            (default 4) */
    unsigned seed;       /* shuffling and exploration (default 1) */
    int trans_bits;      /* log2 rows of the transition table (default 21) */
    int label_bits;      /* log2 rows of the label table (default 16) */
    double explore_p;    /* probability of following a wrong prediction (0.9) */
    int explore_from;    /* first epoch (1-based) that explores (2) */
    int skip_nonprojective; /* 1: leave out non-projective trees (default 0:
                               trained on, with approximate oracle costs) */
    FILE *log;           /* per-epoch dev scores, or NULL */
} parser_train_opts;

void parser_train_defaults(parser_train_opts *o);

/* Trains on `train` (non-projective trees too, unless the options say
 * otherwise; the parser itself only builds projective trees), evaluates the
 * averaged weights on `dev` (may be NULL) after every epoch and keeps the
 * epoch with the best dev LAS.  Deterministic for a seed.  NULL on out of
 * memory.  The caller owns the result (parser_free). */
parser *parser_train(const treebank *train, const treebank *dev,
                     const parser_train_opts *o);

void parser_free(parser *p);

/* Scratch for parsing; NULL on out of memory.  Owned by the caller. */
parser_work *parser_work_new(void);
void parser_work_free(parser_work *w);

/* Parses n words (forms NUL-terminated, upos a pos_tag each, xpos the
 * XPOS names or NULL, xpos_alt the tagger's runner-up XPOS names
 * (tagger_tag_alt: the XPOS itself, or NULL, where the tagger was sure)
 * or NULL).  Writes
 * heads[i] (0 = root, else the 1-based index of the head) and labels[i]
 * (index for parser_label_name).  Always one root, always a tree
 * (projective).  Returns 0, or -1 on out of memory. */
int parser_parse(const parser *p, parser_work *w, size_t n,
                 const char *const *forms, const uint8_t *upos,
                 const char *const *xpos, const char *const *xpos_alt,
                 int *heads, int *labels);

/* The same with word hashes from parser_word_hash() and XPOS and
 * runner-up XPOS hashes from parser_xpos_hash() (or NULL) computed by the
 * caller. */
int parser_parse_hashed(const parser *p, parser_work *w, size_t n,
                        const uint64_t *word_hash, const uint8_t *upos,
                        const uint64_t *xpos_hash, const uint64_t *alt_hash,
                        int *heads, int *labels);

/* The hash of a word form as the parser's features use it (ASCII case
 * folded, digits mapped to 0). */
uint64_t parser_word_hash(const char *form, size_t len);

/* The hash of an XPOS name ("VBD") as the features use it. */
uint64_t parser_xpos_hash(const char *name);

/* Whether the model reads the tagger's runner-up tags (layout 4); with a
 * layout-3 model the caller need not compute them (tagger_tag_alt). */
int parser_reads_tagger_doubt(const parser *p);

/* Label names: 0 <= i < parser_n_labels(p); full UD names ("nsubj:pass"). */
size_t parser_n_labels(const parser *p);
const char *parser_label_name(const parser *p, int i);

/* Model file sections "parser.meta", "parser.labels", "parser.trans",
 * "parser.label" (sparse: only non-zero rows; little-endian; the meta
 * section carries the layout version, and parser_from_model refuses a
 * model of another version, saying so).  parser_save adds them to a
 * writer the caller saves; the bytes are copied.  0 or -1 (out of memory). */
int parser_save(const parser *p, model_writer *w);
/* Builds a parser from a loaded model (the parser copies what it needs, the
 * model may be freed after); NULL with the reason in err. */
parser *parser_from_model(const model *m, char *err, size_t errlen);

/* Attachment scores of `p` on a gold treebank, with the gold UPOS and XPOS, or with
 * the UPOS and XPOS of `tags` (a treebank of the same words, e.g. a tagger's output)
 * when it is not NULL.  Punctuation included; LAS compares the universal
 * part of DEPREL (before ':'), as the CoNLL 2018 shared task does.
 * Returns the number of words scored; *uas and *las in percent. */
size_t parser_evaluate(const parser *p, const treebank *gold,
                       const treebank *tags, double *uas, double *las);

#endif
