/* pipeline.h — one story through every stage:
 *
 *   clean -> split -> tokenize -> clean_sentences -> (per kept sentence)
 *   tag -> actors -> parse -> code -> resolve -> result
 *
 * Actors come before the parse because the parser takes each multi-word
 * actor name as one word (syntax_parse_sentence).
 *
 * Everything is allocated in the story's arena. */
#ifndef DYAD_PIPELINE_H
#define DYAD_PIPELINE_H

#include "arena.h"
#include "dict.h"
#include "doc.h"
#include "result.h"
#include "syntax.h"

/* Codes the story; the result and all it points to live in `a`.  With a
 * syntax analyzer the sentences are parsed and the coder reads the roles
 * off the tree; with NULL it uses its shallow rules (code.h).  opt: the
 * coder's options (dyad.h): unknown agents, require_dyad, discards. */
struct dyad_result *pipeline_run(arena *a, const dict *dc, syntax *sx,
                                 const dyad_coder_options *opt, const story *st);

/* The front end alone (clean, split, tokenize, clean_sentences): fills *d.
 * Returns 0, or -1 when the text is empty after cleaning. */
int pipeline_text(arena *a, const story *st, doc *d);

#endif
