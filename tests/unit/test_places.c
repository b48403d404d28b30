/* test_places.c — where events happen: the gazetteer (GeoNames cities and
 * data/places.txt, compiled into the library) and the resolver's rules for
 * when a name is the place of an event.
 *
 * Each case is a sentence or story written for it; the expected place is
 * what a reader of that sentence would say, with the country and rough
 * coordinates of the city meant.  Cases that need the GeoNames cities skip
 * with a message when the library was built with GEONAMES=no. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "clean.h"
#include "doc.h"
#include "dyad.h"
#include "gazetteer.h"
#include "harness.h"
#include "resolve.h"
#include "tokenize.h"

static dyad_coder *coder;

/* Codes `text` and describes the location of its first event:
 * "NAME/COUNTRY", "none" (an event with no location) or "no event". */
static const char *place_of_first_event(const char *text, char *out, size_t cap, double *lat,
                                        double *lon)
{
    char err[256];
    dyad_story *s = dyad_story_new("t", "2024-04-09", text, err, sizeof err);
    if (!s) {
        snprintf(out, cap, "error: %.200s", err);
        return out;
    }
    const dyad_result *r = dyad_code(coder, s);
    if (dyad_result_event_count(r) == 0) {
        snprintf(out, cap, "no event");
    } else {
        const dyad_event *e = dyad_result_event(r, 0);
        const char *name = dyad_event_location_name(e), *country = dyad_event_location_country(e);
        if (name) snprintf(out, cap, "%s/%s", name, country ? country : "?");
        else snprintf(out, cap, "none");
        if (lat && lon && !dyad_event_location_coords(e, lat, lon)) *lat = *lon = NAN;
    }
    dyad_story_free(s);
    return out;
}

#define EXPECT_PLACE(text, want) \
    do { char b_[256]; CHECK_STR(place_of_first_event(text, b_, sizeof b_, NULL, NULL), want); } while (0)

/* Great-circle distance in km. */
static double km_between(double lat1, double lon1, double lat2, double lon2)
{
    const double r = 6371.0, rad = 3.14159265358979323846 / 180.0;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double h = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * r * asin(sqrt(h));
}

#define EXPECT_NEAR(text, want, want_lat, want_lon, max_km) \
    do { char b_[256]; double la_ = NAN, lo_ = NAN; \
         CHECK_STR(place_of_first_event(text, b_, sizeof b_, &la_, &lo_), want); \
         CHECK(km_between(la_, lo_, want_lat, want_lon) < (max_km)); } while (0)

static int have_geonames(void)
{
    if (dyad_gazetteer.n_geonames > 0) return 1;
    printf("SKIP %s: built with GEONAMES=no (places of data/places.txt only)\n", harness_current);
    return 0;
}

/* ---- the gazetteer itself ---------------------------------------------- */

static void test_gazetteer_is_sorted_and_sane(void)
{
    const gazetteer *g = &dyad_gazetteer;
    CHECK(g->n_places > 500);
    if (g->n_geonames) CHECK(g->n_places > 20000);
    for (size_t i = 0; i < g->n_places; i++) {
        const gaz_place *p = &g->places[i];
        if (p->lat < -9000000 || p->lat > 9000000 || p->lon < -18000000 || p->lon > 18000000 ||
            p->country >= g->n_countries) {
            CHECK(!"a place out of range");
            return;
        }
        if (i == 0) continue;
        const gaz_place *q = &g->places[i - 1];
        int c = strcmp(gazetteer_str(q->key), gazetteer_str(p->key));
        /* homonyms: authored first, then the larger population */
        int ordered = c < 0 || (c == 0 && ((q->flags & GAZ_AUTHORED) > (p->flags & GAZ_AUTHORED) ||
                                           ((q->flags & GAZ_AUTHORED) == (p->flags & GAZ_AUTHORED) &&
                                            q->population >= p->population)));
        if (!ordered) {
            printf("  out of order: %s before %s\n", gazetteer_str(q->name), gazetteer_str(p->name));
            CHECK(ordered);
            return;
        }
    }
}

/* Every name, written in a sentence, cleaned and tokenized as the coder
 * does, is found again as the same place: the generator keys names as the
 * tokenizer splits them. */
static void test_every_name_is_found_in_text(void)
{
    const gazetteer *g = &dyad_gazetteer;
    arena *a = arena_new();
    size_t missed = 0;
    for (size_t i = 0; i < g->n_places; i++) {
        if (i > 0 && g->places[i].key == g->places[i - 1].key) continue;   /* a homonym */
        const char *name = gazetteer_str(g->places[i].name);
        if (strstr(name, "'s")) continue;   /* St. John's: a possessive 's is a token of its own */
        arena_reset(a);
        char *text = arena_alloc(a, strlen(name) + 8);
        sprintf(text, "in %s .", name);
        story st = {.text = text, .text_len = strlen(text)};
        doc d = {.story = &st};
        sentence s = {0};
        if (clean_text(a, &d) != 0) continue;
        s.end = (uint32_t)d.clean_len;
        d.sents = &s;
        d.n_sents = 1;
        tokenize(a, &d);
        size_t len = 0;
        place p;
        int found = resolve_place_at(d.tokens, s.n_tokens, 1, &len, &p) && len + 2 == s.n_tokens &&
                    strcmp(p.name, name) == 0;
        if (!found && missed++ < 10) printf("  not found in text: \"%s\"\n", name);
    }
    CHECK_INT(missed, 0);
    arena_free(a);
}

static void test_lookup_and_homonyms(void)
{
    const gazetteer *g = &dyad_gazetteer;
    size_t first, n = gazetteer_find("beijing", &first, NULL);
    CHECK(n >= 1);
    if (n) CHECK_STR(g->countries[g->places[first].country], "CHN");
    CHECK_INT(gazetteer_find("no such place at all", &first, NULL), 0);
    CHECK_STR(gazetteer_region_country("texas"), "USA");
    CHECK_STR(gazetteer_region_country("france"), "FRA");
    CHECK_STR(gazetteer_region_country("russia"), "RUS");
    CHECK(gazetteer_region_country("paris") == NULL);
    if (!have_geonames()) return;
    n = gazetteer_find("paris", &first, NULL);
    CHECK(n >= 2);   /* Paris, France and Paris, Texas at least */
    if (n) CHECK_STR(g->countries[g->places[first].country], "FRA");
    n = gazetteer_find("cebu city", &first, NULL);
    CHECK_INT(n, 1);
    if (n) CHECK(g->places[first].population > 500000);
}

/* Names that are something else are not in the gazetteer at all: a month,
 * a country other than the town's own, a state of another country. */
static void test_names_left_out(void)
{
    size_t first;
    CHECK_INT(gazetteer_find("march", &first, NULL), 0);      /* March, Cambridgeshire */
    CHECK_INT(gazetteer_find("jordan", &first, NULL), 0);     /* Jordan, Minnesota */
    CHECK_INT(gazetteer_find("victoria", &first, NULL), 0);   /* Victoria, BC; the Australian state */
    CHECK_INT(gazetteer_find("georgia", &first, NULL), 0);
    CHECK_INT(gazetteer_find("florida", &first, NULL), 0);    /* Florida, Uruguay; the US state */
}

/* ---- the place of an event ----------------------------------------------- */

static void test_in_and_visit_to(void)
{
    EXPECT_NEAR("Lavrov met Xi Jinping in Beijing on Tuesday.", "Beijing/CHN", 39.9042, 116.4074, 30);
    EXPECT_NEAR("Russian Foreign Minister Sergei Lavrov, on a two-day visit to Beijing, met "
                "Chinese President Xi Jinping.", "Beijing/CHN", 39.9042, 116.4074, 30);
    EXPECT_PLACE("Turkey met Greece at Athens.", "Athens/GRC");
    EXPECT_PLACE("Lavrov, on his way to Paris, met Xi Jinping.", "Paris/FRA");
    /* the object of a visit */
    EXPECT_PLACE("Lavrov visited Beijing on Tuesday.", "Beijing/CHN");
    /* "to" names a destination only after a trip word */
    EXPECT_PLACE("Russia sent a letter to Beijing criticizing Japan.", "none");
    /* accents do not matter */
    EXPECT_PLACE("Colombia met Brazil in Bogota.", "Bogotá/COL");
}

static void test_homonyms(void)
{
    if (!have_geonames()) return;
    /* the most populous Paris, unless the sentence names another country */
    EXPECT_NEAR("France met Germany in Paris.", "Paris/FRA", 48.857, 2.352, 20);
    EXPECT_NEAR("Russia met Belarus in Paris, Texas.", "Paris/USA", 33.66, -95.56, 20);
    EXPECT_NEAR("Russia met Belarus in Moscow, Idaho.", "Moscow/USA", 46.73, -117.0, 20);
    /* places.txt chooses Washington, D.C. over the larger towns called Washington */
    EXPECT_NEAR("Biden met Netanyahu in Washington.", "Washington/USA", 38.9072, -77.0369, 20);
}

/* City names that are also words or first names are places only where the
 * text makes them one: capitalised, after "in", "at" or a trip word. */
static void test_words_and_names_that_are_cities(void)
{
    if (!have_geonames()) return;
    EXPECT_PLACE("Russia met Croatia in Split.", "Split/HRV");
    EXPECT_PLACE("Russia met Ukraine in Nice.", "Nice/FRA");
    EXPECT_PLACE("Brazil met China in Florence.", "Florence/ITA");
    EXPECT_PLACE("Germany met Ireland in Reading.", "Reading/GBR");
    EXPECT_PLACE("Reading the statement, Russia praised China.", "none");
    EXPECT_PLACE("Russia praised China for a nice split of the costs.", "none");
    /* a person named like a city: "Jordan" is a country, never a town */
    EXPECT_PLACE("Egypt met Israel in Jordan.", "none");
    EXPECT_PLACE("Egypt met Israel in Amman.", "Amman/JOR");
    EXPECT_PLACE("Australia met China in Victoria.", "none");
    /* a longer name, a possessor, a month */
    EXPECT_PLACE("Russia met China at Washington University.", "none");
    EXPECT_PLACE("Turkey met Russia at Washington's request.", "none");
    EXPECT_PLACE("Russia met China in Beijing's Great Hall of the People.", "Beijing/CHN");
    EXPECT_PLACE("Russia met China in Kyiv's suburbs.", "Kyiv/UKR");
    EXPECT_PLACE("Russia met China in Moscow's view.", "none");
    EXPECT_PLACE("Russia met China in March.", "none");
    EXPECT_PLACE("Russia met China in Beijing Tuesday.", "Beijing/CHN");
}

/* In a title-case headline capitals say nothing: only well-known places. */
static void test_title_case(void)
{
    if (!have_geonames()) return;
    EXPECT_PLACE("Russia met China In Beijing For Talks.", "Beijing/CHN");
    EXPECT_PLACE("Russia met Ukraine In Nice For Talks.", "none");
    EXPECT_PLACE("Russia met Ukraine in Nice for talks.", "Nice/FRA");
}

/* ---- datelines ----------------------------------------------------------- */

static void test_datelines(void)
{
    EXPECT_NEAR("MOSCOW (Reuters) - Russia praised China on Tuesday.", "Moscow/RUS",
                55.7558, 37.6173, 30);
    EXPECT_PLACE("BEIJING, April 9 - Russia praised China.", "Beijing/CHN");
    EXPECT_PLACE("Beijing, April 9 (Xinhua) - Russia praised China.", "Beijing/CHN");
    EXPECT_PLACE("KYIV, Ukraine (AP) - Russia attacked Ukraine.", "Kyiv/UKR");
    /* the headline paragraph first, then the dateline */
    EXPECT_PLACE("Russia praises China\n\nMOSCOW (Reuters) - Russia praised China.", "Moscow/RUS");
    /* the event's own place wins over the dateline */
    EXPECT_PLACE("MOSCOW (Reuters) - Russia met China in Beijing.", "Beijing/CHN");
    /* not datelines: a name in the text, a capital used as an actor */
    EXPECT_PLACE("Russia praised China. MOSCOW (Reuters) - nothing.", "none");
    EXPECT_PLACE("Moscow praised China.", "none");
    EXPECT_PLACE("Beijing - the capital - praised Russia.", "none");
    if (!have_geonames()) return;
    EXPECT_NEAR("CEBU CITY: The Philippines praised Japan.", "Cebu City/PHL", 10.3167, 123.8907, 30);
}

/* The cases that code sentences, run with the shallow rules and again with
 * the parser (clauses come from the parse then). */
static void run_sentence_cases(void)
{
    RUN(test_in_and_visit_to);
    RUN(test_homonyms);
    RUN(test_words_and_names_that_are_cities);
    RUN(test_title_case);
    RUN(test_datelines);
}

int main(void)
{
    char err[1024];
    coder = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    if (!coder) {
        printf("FAIL setup: %s\nplaces: 0 passed, 1 failed\n", err);
        return 1;
    }
    RUN(test_gazetteer_is_sorted_and_sane);
    RUN(test_every_name_is_found_in_text);
    RUN(test_lookup_and_homonyms);
    RUN(test_names_left_out);
    printf("shallow rules:\n");
    run_sentence_cases();
    dyad_parser *p = dyad_parser_load(NULL, err, sizeof err);
    CHECK(p != NULL);
    if (p) {
        printf("with the parser:\n");
        dyad_coder_use_parser(coder, p);
        run_sentence_cases();
    }
    dyad_coder_free(coder);
    dyad_parser_free(p);
    return harness_report("places");
}
