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

/* Longest sentence handed to later stages, in bytes.  A longer stretch
 * without a sentence end is cut at its last space before the limit (or,
 * with no space, at a character boundary): every byte stays in some
 * sentence, none is dropped. */
#define SPLIT_MAX_SENTENCE 4096

/* What a word followed by a period is, shared with the tokenizer (which
 * keeps the period of an abbreviation in the token). */
typedef enum {
    ABBR_NONE = 0,   /* an ordinary word: its period ends a sentence */
    ABBR_TITLE,      /* Mr Gen St Mt ...: never ends a sentence */
    ABBR_INNER,      /* e.g. i.e. vs. cf.: never ends a sentence */
    ABBR_NUMBER,     /* No Vol Art Fig pp: an abbreviation only before a number */
    ABBR_MONTH,      /* Jan Feb ... Sept Dec */
    ABBR_AMBIG,      /* Inc Ltd Co Corp Jr Sr etc: may end a sentence */
    ABBR_ACRONYM,    /* dotted letters: U.S U.K a.m D.C U.S.A */
    ABBR_INITIAL,    /* one letter: V (Vladimir V. Putin) */
} abbrev_class;

/* Classifies w[0..len), the word before a period without that period
 * (internal periods included: "U.S", "a.m"). */
abbrev_class split_abbrev_class(const char *w, size_t len);

/* True when w[0..len) is a common sentence-opening word (The, He, But,
 * However, ...), spelled as at the start of a sentence. */
int split_is_starter(const char *w, size_t len);

#endif
