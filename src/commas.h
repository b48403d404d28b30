/* commas.h — PETRARCH's and TABARI's comma-delimited clauses.
 *
 * With the comma_* options (dyad.h) a short clause set off by commas is
 * left out of a sentence before its actors are found and it is parsed:
 * "Arnor restored ties with Gondor, five years after crowds burned down its
 * embassy, a senior official said." is coded as "Arnor restored ties with
 * Gondor."  Lengths count the words (tokens that begin with a letter):
 *   initial   first word up to the first comma      bmin..bmax
 *   terminal  after the last comma up to the end     emin..emax
 *   internal  between two commas                     min..max
 * A maximum of 0 turns that kind off.  The initial and the terminal clause
 * are checked once, in that order, then each internal one from left to
 * right; the commas themselves stay, except those left with no word
 * before (or after) them.  A comma inside a noun phrase delimits nothing:
 * with a parse, one with words on both sides hung from one nominal through
 * noun-phrase relations ("Dagolath, its biggest partner,"; "Arnor, Gondor
 * and Rohan"); without one, a comma between two adjectives.  Nor does a
 * comma before "and", "but", "or", "nor" or "yet", which joins a clause or
 * a name to what comes before instead of setting it off.  And the clause
 * after the comma that closes an opening adverbial clause ("After Rohan
 * criticized Osgiliath, Gondor arrested Arnor") is the main clause: it is
 * never left out.
 */
#ifndef DYAD_COMMAS_H
#define DYAD_COMMAS_H

#include <stddef.h>

#include "doc.h"

typedef struct comma_limits {
    int min, max;        /* internal clauses */
    int bmin, bmax;      /* the initial clause */
    int emin, emax;      /* the terminal clause */
} comma_limits;

/* Whether any kind of clause is to be left out. */
int commas_active(const comma_limits *lim);

/* Leaves the clauses out of sentence s (tagged by tag_sentence, and
 * parsed when se->parsed says so; the parse is stale afterwards): their
 * tokens are removed from the sentence, the later tokens of the document
 * move down and the later sentences' first_token with them.  Tokens keep
 * their offsets into the text.  Returns the number of tokens removed. */
size_t commas_leave_out(doc *d, size_t s, const comma_limits *lim);

#endif
