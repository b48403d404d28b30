/* syntax.h — tagging, lemmatizing and parsing a sentence with dyad's
 * trained models (tagger.h, lemma.h, parser.h), for `dyad parse`.
 *
 * The models are the files dyad-tagger.model and dyad-parser.model of a
 * model directory: the one given, else $DYAD_MODEL_DIR, else the data/model
 * folder of the source tree dyad was built from (DYAD_MODEL_DIR at build
 * time).
 *
 * Ownership: a syntax analyzer owns its models; the words it fills get
 * their strings from the arena passed in (lemmas) or from the analyzer
 * (XPOS and label names, valid until syntax_free()).  One analyzer per
 * thread.
 */
#ifndef DYAD_SYNTAX_H
#define DYAD_SYNTAX_H

#include <stddef.h>

#include "arena.h"
#include "conllu.h"

typedef struct syntax syntax;

/* Loads both models; NULL with the reason (file, what is wrong) in err. */
syntax *syntax_load(const char *model_dir, char *err, size_t errlen);
void syntax_free(syntax *sx);

/* Fills lemma, upos, xpos, head and deprel of words[0..n) from their
 * forms.  Returns 0, or -1 when out of memory. */
int syntax_analyze(syntax *sx, arena *a, ud_word *words, size_t n);

#endif
