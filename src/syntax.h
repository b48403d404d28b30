/* syntax.h — tagging, lemmatizing and parsing a sentence with dyad's
 * trained models (tagger.h, lemma.h, parser.h): the parse stage of the
 * coder (syntax_parse_sentence) and `dyad parse` (syntax_analyze).
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
#include "doc.h"

/* Sentences longer than this many tokens are not parsed (the coder then
 * uses its shallow rules): parsing is linear, but such "sentences" are
 * tables and lists, where a parse means nothing. */
#define SYNTAX_MAX_TOKENS 400

typedef struct syntax syntax;

/* The model directory syntax_load(dir) reads: dir, else $DYAD_MODEL_DIR,
 * else the built-in path. */
const char *syntax_model_dir(const char *dir);

/* Loads both models; NULL with the reason (file, what is wrong) in err. */
syntax *syntax_load(const char *model_dir, char *err, size_t errlen);
void syntax_free(syntax *sx);

/* Fills lemma, upos, xpos, head and deprel of words[0..n) from their
 * forms.  Returns 0, or -1 when out of memory. */
int syntax_analyze(syntax *sx, arena *a, ud_word *words, size_t n);

/* Scores against a gold treebank, CoNLL 2018 style with gold words:
 * percentages over all words, punctuation included; LAS compares the
 * universal part of DEPREL ("nsubj" for "nsubj:pass"). */
typedef struct syntax_scores {
    size_t sentences, words;
    double upos, xpos, lemma, uas, las;
    double seconds;            /* analysing time, reading excluded */
} syntax_scores;

/* Tags, lemmatizes and parses a copy of every gold sentence and scores
 * it.  Returns 0, or -1 when out of memory. */
int syntax_evaluate(syntax *sx, const treebank *gold, syntax_scores *out);

/* A run of tokens [first, first + n) of a sentence (sentence-relative)
 * that the parser takes as one word: a multi-word name. */
typedef struct word_span {
    uint32_t first, n;
} word_span;

/* The parse stage: tags and parses sentence s of d, setting each token's
 * pos (the tagger's UPOS), head and rel (deprel.h) and the sentence's
 * `parsed` flag.  The lexical word classes (token.lex) are kept.
 *
 * Each of the n_names spans (in text order, not overlapping) is given to
 * the tagger and parser as its last word alone: "Russian Foreign Minister
 * Sergei Lavrov met Chinese President Xi Jinping" is parsed as "Lavrov met
 * Jinping".  The treebank has few news titles, and the parser gets them
 * wrong; a name is one noun phrase whatever its inside.  The other tokens
 * of a span get the last one as head, with rel DEP_FLAT, and keep their pos.
 *
 * Returns 1 when parsed, 0 when the sentence is empty or longer than
 * SYNTAX_MAX_TOKENS (left as it was), -1 when out of memory. */
int syntax_parse_sentence(syntax *sx, doc *d, size_t s, const word_span *names,
                          size_t n_names);

#endif
