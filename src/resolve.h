/* resolve.h — when and where: the event's date and location.
 *
 * An event is dated by the temporal expression (timex.h) attached to its
 * verb or clause in the parse ("met Xi on Tuesday", "suggested last month
 * that he was considering ..."), else by the nearest one in its clause,
 * else by the story date; a date is YYYY-MM-DD, YYYY-MM or YYYY, and
 * date_text keeps the words it came from.  It places the event where its
 * sentence says it happened: a known place after "in" or "at", after "to"
 * following a trip word ("a visit to Beijing", "travelled to Kyiv"), or
 * the object of a visit verb.  Places come from the built-in gazetteer
 * data/places.txt (capitals and major cities: name, country, coordinates).
 */
#ifndef DYAD_RESOLVE_H
#define DYAD_RESOLVE_H

#include "arena.h"
#include "code.h"
#include "doc.h"

typedef struct place {
    const char *name;       /* as written in the gazetteer, "Beijing" */
    const char *country;    /* ISO 3166 alpha-3 */
    double lat, lon;
} place;

/* Fills e->date, e->date_text and the location fields for each event of
 * the list. */
void resolve_events(arena *a, const doc *d, event_list *events);

/* The place named by tokens at toks[i] (longest match, up to 4 words);
 * *len gets the number of tokens.  NULL when none. */
const place *resolve_place_at(const token *toks, size_t n, size_t i, size_t *len);

#endif
