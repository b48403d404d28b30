/* gazetteer.c — see gazetteer.h.  The tables themselves are generated
 * (build/gen/gazetteer_data.c); this file only searches them. */
#include "gazetteer.h"

#include <string.h>

/* The first place whose key is not less than `key`. */
static size_t lower_bound(const char *key)
{
    size_t lo = 0, hi = dyad_gazetteer.n_places;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(gazetteer_str(dyad_gazetteer.places[mid].key), key) < 0) lo = mid + 1;
        else hi = mid;
    }
    return lo;
}

size_t gazetteer_find(const char *key, size_t *first, int *longer)
{
    const gazetteer *g = &dyad_gazetteer;
    size_t i = lower_bound(key), n = 0;
    while (i + n < g->n_places && strcmp(gazetteer_str(g->places[i + n].key), key) == 0) n++;
    *first = i;
    if (longer) {
        /* ' ' sorts before every character of a key, so "key ..." names
         * come right after "key" itself */
        size_t len = strlen(key);
        const char *next = i + n < g->n_places ? gazetteer_str(g->places[i + n].key) : "";
        *longer = strncmp(next, key, len) == 0 && next[len] == ' ';
    }
    return n;
}

const char *gazetteer_region_country(const char *key)
{
    size_t lo = 0, hi = dyad_gazetteer.n_regions;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(gazetteer_str(dyad_gazetteer.regions[mid].key), key);
        if (c == 0) return dyad_gazetteer.countries[dyad_gazetteer.regions[mid].country];
        if (c < 0) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}
