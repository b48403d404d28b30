/* conllu.h — reading and writing CoNLL-U (Universal Dependencies).
 *
 * A treebank is read whole into memory (EWT train is 14 MB): sentences of
 * words, each word with FORM, LEMMA, UPOS, XPOS, HEAD and DEPREL.
 * Multi-word token lines (1-2) and empty nodes (1.1) are skipped, as
 * dependency scoring ignores them; comments are kept only for "# text"
 * and "# sent_id".
 *
 * Example:
 *   treebank *tb = conllu_read_file("en_ewt-ud-dev.conllu", err, sizeof err);
 *   for (size_t s = 0; s < tb->n_sents; s++)
 *       for (size_t w = 0; w < tb->sents[s].n; w++) ... tb->sents[s].words[w].form
 *   conllu_free(tb);
 *
 * Ownership: a treebank owns all its strings; free with conllu_free().
 */
#ifndef DYAD_CONLLU_H
#define DYAD_CONLLU_H

#include <stddef.h>
#include <stdio.h>

#include "doc.h"

typedef struct ud_word {
    const char *form;
    const char *lemma;
    uint8_t upos;          /* pos_tag (doc.h); POS_X when "_" or unknown */
    const char *xpos;      /* "_" when absent */
    int head;              /* 0 = root, 1-based index of the head word; -1 unknown */
    const char *deprel;    /* full label, e.g. "nsubj:pass"; "_" unknown */
    const char *xpos_alt;  /* a tagger's runner-up XPOS when it was unsure
                              (MISC AltXPOS=, see conllu_write_sentence),
                              else NULL */
} ud_word;

typedef struct ud_sentence {
    const char *sent_id;   /* NULL when absent */
    const char *text;      /* NULL when absent */
    ud_word *words;
    size_t n;
} ud_sentence;

typedef struct treebank {
    ud_sentence *sents;
    size_t n_sents;
    size_t n_words;
    void *mem_;            /* private */
} treebank;

/* Reads a CoNLL-U file; NULL with a message "FILE:LINE: ..." in err on a
 * malformed line or an unreadable file. */
treebank *conllu_read_file(const char *path, char *err, size_t errlen);
void conllu_free(treebank *tb);

/* UPOS name <-> pos_tag ("NOUN" <-> POS_NOUN); -1 for an unknown name. */
int upos_from_name(const char *name);
const char *upos_name(int pos);

/* Writes one sentence in CoNLL-U (10 columns, "_" for what is unknown;
 * MISC holds only AltXPOS=, when the word has one), followed by a blank
 * line. */
void conllu_write_sentence(FILE *out, const ud_sentence *s);

#endif
