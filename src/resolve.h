/* resolve.h — when and where: the event's date and location.
 *
 * An event is dated by the temporal expression (timex.h) attached to its
 * verb or clause in the parse ("met Xi on Tuesday", "suggested last month
 * that he was considering ..."), else by the nearest one in its clause,
 * else by the story date; a date is YYYY-MM-DD, YYYY-MM or YYYY, and
 * date_text keeps the words it came from.
 *
 * The event is placed where the story says it happened, with the gazetteer (gazetteer.h: GeoNames cities of 15,000
 * people or more and every capital, plus dyad's data/places.txt):
 *
 *  - in its clause, the place nearest the verb that stands in a locative
 *    context: after "in" or "at"; after "to" following a trip word ("a
 *    two-day visit to Beijing", "flew back to Kyiv"); or the object of a
 *    visit verb (CAMEO 042, "visited Beijing");
 *  - otherwise the story's dateline ("MOSCOW (Reuters) -", "CEBU CITY:",
 *    "BEIJING, April 9 -") at the start of its first or second paragraph.
 *
 * A name is a place only when its first word is capitalised, and not when
 * it begins a longer proper name ("Washington University", "Jordan
 * Peterson") or is a possessor of something that is not a place ("at
 * Washington's request").  In a title-case headline ("Talks In Nice"),
 * where capitals say nothing, only capitals, cities of a million people
 * and the places of data/places.txt are taken.  Among homonyms the most
 * populous wins (Paris, France over Paris, Texas), unless a country or
 * region follows the name ("Paris, Texas").
 */
#ifndef DYAD_RESOLVE_H
#define DYAD_RESOLVE_H

#include <stdint.h>

#include "arena.h"
#include "code.h"
#include "doc.h"

typedef struct place {
    const char *name;       /* as written in the gazetteer, "Beijing" */
    const char *country;    /* ISO 3166 alpha-3 */
    double lat, lon;
    uint32_t population;    /* 0 when unknown */
    unsigned flags;         /* GAZ_* (gazetteer.h) */
} place;

/* Fills e->date, e->date_text and the location fields for each event of
 * the list. */
void resolve_events(arena *a, const doc *d, event_list *events);

/* One event once: events of the story with the same date, source, target
 * and code (after resolve_events) become the first of them, which gets
 * the number of sentences that report it (a sentence dropped as a repeat
 * of one of them counts too: the repeated lead) and the list of the kept
 * ones.  The survivors keep their order. */
void resolve_merge_repeats(arena *a, const doc *d, event_list *events);

/* The place named by tokens at toks[i] (longest match, up to 5 words;
 * among homonyms the one in the country or region named after a comma,
 * else the preferred one), whatever its context; *len gets the number of
 * tokens.  Returns 0 when none. */
int resolve_place_at(const token *toks, size_t n, size_t i, size_t *len, place *out);

/* The place of the story's dateline, if it has one. */
int resolve_dateline(const doc *d, place *out);

#endif
