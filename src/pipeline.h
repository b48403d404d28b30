/* pipeline.h — one story through every stage:
 *
 *   clean -> split -> tokenize -> clean_sentences -> (per kept sentence)
 *   tag -> actors -> code -> resolve -> result
 *
 * Everything is allocated in the story's arena. */
#ifndef DYAD_PIPELINE_H
#define DYAD_PIPELINE_H

#include "arena.h"
#include "dict.h"
#include "doc.h"
#include "result.h"

/* Codes the story; the result and all it points to live in `a`. */
struct dyad_result *pipeline_run(arena *a, const dict *dc, const story *st);

/* The front end alone (clean, split, tokenize, clean_sentences): fills *d.
 * Returns 0, or -1 when the text is empty after cleaning. */
int pipeline_text(arena *a, const story *st, doc *d);

#endif
