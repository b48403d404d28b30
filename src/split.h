/* split.h — sentence splitting of cleaned text.
 *
 * Splits d->clean into sentences, filling d->sents (start, end; token
 * fields are filled later by tokenize()).  Rules, in the spirit of Punkt and
 * of news style:
 *  - a paragraph break always ends a sentence (a headline paragraph is a
 *    sentence of its own);
 *  - . ! ? (and closing quotes or brackets after them) end a sentence when
 *    the next word starts with an upper-case letter, a digit or an opening
 *    quote, except after abbreviations (Mr. Gen. Jan. U.S. a.m. No. ...),
 *    initials (Vladimir V. Putin) and inside numbers (3.5);
 *  - a sub-heading glued to the next sentence is split off: a capitalised
 *    word that only starts sentences (During, Meanwhile, However, ...)
 *    following a word with no punctuation, as in
 *    "Lavrov conveys Putin's greetings to Xi During the meeting, ...";
 *  - unbalanced quotation marks never swallow the rest of the story.
 */
#ifndef DYAD_SPLIT_H
#define DYAD_SPLIT_H

#include "arena.h"
#include "doc.h"

/* Returns the number of sentences found (0 for a text with no words). */
size_t split_sentences(arena *a, doc *d);

#endif
