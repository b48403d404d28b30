/* quotes.h — who said what: direct quotes and reported speech.
 *
 * A quote is the words someone said, with the speaker (and, where the text
 * names one, the addressee) resolved to actor mentions (actors.h).  The
 * stage runs after coding, over the whole story, so that a quotation that
 * goes on over several sentences keeps its speaker:
 *
 *   reported speech   "Lavrov said (that) Beijing would ...",
 *                     "Lavrov told Xi ...", "Xi went on to say that ...",
 *                     "... , the Russian diplomat said.",
 *                     "... , said Lavrov.", "According to Peskov, ..."
 *   direct quotes     words in quotation marks (straight or curly; an
 *                     unclosed mark runs to the end of its sentence) whose
 *                     sentence has a speaker as above ("He replied:
 *                     \"Indeed, ...\""); a quotation with no speaker of its
 *                     own that follows one directly continues it.
 *
 * Quotation marks with no speaker anywhere near (a title, scare quotes) are
 * not quotes.  The speaker is a mention: a name, an agent phrase ("the
 * Russian diplomat", "a senior official") or "he"/"she" (whose code is its
 * antecedent's).
 */
#ifndef DYAD_QUOTES_H
#define DYAD_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "actors.h"
#include "doc.h"

typedef struct quote {
    uint32_t sent;           /* index in doc.sents of the sentence with the cue */
    uint32_t first, end;     /* the words said: tokens [first, end) of doc.tokens,
                                possibly over several sentences */
    int speaker;             /* mention index (actors.h) */
    int addressee;           /* mention index, or -1 */
    uint32_t cue;            /* the reporting word's token ("said", "according") */
    uint8_t direct;          /* in quotation marks */
} quote;

typedef struct quote_list {
    quote *items;
    size_t n, cap;
} quote_list;

/* Finds the quotes of the story's kept sentences, in text order, and
 * appends them to *out (malloc'd; the caller frees out->items). */
void quotes_find(const doc *d, const mention_list *ml, quote_list *out);

/* The index of the quote whose words contain token t (of doc.tokens), or
 * -1; the innermost (latest starting) one when quotes nest. */
int quotes_containing(const quote_list *q, uint32_t t);

#endif
