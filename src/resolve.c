/* resolve.c — see resolve.h. */
#include "resolve.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "key.h"

#define MAX_PLACE_WORDS 4
#define MAX_KEY 128

typedef struct place_entry {
    char *key;              /* match keys of the name's words, space-joined */
    place p;
} place_entry;

static place_entry *places;
static size_t n_places;
static pthread_once_t places_once = PTHREAD_ONCE_INIT;

static int compare_keys(const void *a, const void *b)
{
    return strcmp(((const place_entry *)a)->key, ((const place_entry *)b)->key);
}

/* The key of a gazetteer name: each word's match key, joined by spaces. */
static char *name_key(const char *name)
{
    char buf[MAX_KEY];
    if (match_key_buf(name, strlen(name), buf, sizeof buf) == (size_t)-1) return NULL;
    return xstrdup(buf);
}

/* Parses "name<TAB>ISO3<TAB>lat<TAB>lon"; 0 when the line is not a place. */
static int parse_place_line(char *line, place_entry *out)
{
    if (line[0] == '#' || line[0] == '\0') return 0;
    char *fields[4];
    for (int f = 0; f < 4; f++) {
        fields[f] = line;
        line = strchr(line, '\t');
        if (!line && f < 3) return 0;
        if (line) *line++ = '\0';
    }
    out->key = name_key(fields[0]);
    if (!out->key) return 0;
    out->p.name = xstrdup(fields[0]);
    out->p.country = xstrdup(fields[1]);
    out->p.lat = strtod(fields[2], NULL);
    out->p.lon = strtod(fields[3], NULL);
    return 1;
}

static void load_places(void)
{
    const struct builtin_file *f = builtin_find("places.txt");
    if (!f) return;
    char *text = xstrdup(f->data);
    size_t cap = 256;
    places = xmalloc(cap * sizeof *places);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        if (n_places == cap) places = xrealloc(places, (cap *= 2) * sizeof *places);
        if (parse_place_line(line, &places[n_places])) n_places++;
    }
    free(text);
    qsort(places, n_places, sizeof *places, compare_keys);
}

/* Joins the keys of toks[i, i+len) with spaces; 0 if not all words. */
static int join_keys(const token *toks, size_t i, size_t len, char *buf, size_t cap)
{
    size_t used = 0;
    for (size_t k = i; k < i + len; k++) {
        if (toks[k].kind != TOK_WORD) return 0;
        int w = snprintf(buf + used, cap - used, "%s%s", k > i ? " " : "", toks[k].key);
        if (w < 0 || (size_t)w >= cap - used) return 0;
        used += (size_t)w;
    }
    return 1;
}

const place *resolve_place_at(const token *toks, size_t n, size_t i, size_t *len)
{
    pthread_once(&places_once, load_places);
    if (!(toks[i].flags & TOKF_CAPITALIZED)) return NULL;
    for (size_t l = MAX_PLACE_WORDS; l >= 1; l--) {
        char key[MAX_KEY];
        if (i + l > n || !join_keys(toks, i, l, key, sizeof key)) continue;
        place_entry probe = {key, {0}};
        place_entry *hit = bsearch(&probe, places, n_places, sizeof *places, compare_keys);
        if (hit) { *len = l; return &hit->p; }
    }
    return NULL;
}

static int key_in(const token *t, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(t->key, *words) == 0) return 1;
    return 0;
}

/* Does the context before toks[i] make the place where something happens? */
static int locative_context(const token *toks, size_t i)
{
    static const char *const at_words[] = {"in", "at", NULL};
    static const char *const trip_words[] = {"visit", "visits", "trip", "trips", "travel",
                                             "travels", "travelled", "traveled", "journey",
                                             "tour", "flew", "came", "arrived", "returned",
                                             NULL};
    if (i == 0) return 0;
    if (key_in(&toks[i - 1], at_words)) return 1;
    if (strcmp(toks[i - 1].key, "to") != 0 || i < 2) return 0;
    return key_in(&toks[i - 2], trip_words);
}

/* The place of an event in its clause: the located place nearest the
 * verb, or the object of a visit. */
static const place *event_place(const doc *d, const event *e)
{
    const sentence *s = &d->sents[e->sent];
    const token *toks = d->tokens + s->first_token;
    size_t verb = e->verb_first - s->first_token, best_dist = (size_t)-1;
    size_t first = e->clause_first - s->first_token, end = e->clause_end - s->first_token;
    const place *best = NULL;
    for (size_t i = first; i < end; i++) {
        size_t len = 0;
        const place *p = resolve_place_at(toks, end, i, &len);
        if (!p) continue;
        int visit_object = strcmp(e->code, "042") == 0 && i == verb + e->verb_n;
        if (locative_context(toks, i) || visit_object) {
            size_t dist = i > verb ? i - verb : verb - i;
            if (dist < best_dist) { best = p; best_dist = dist; }
        }
        i += len - 1;
    }
    return best;
}

void resolve_events(arena *a, const doc *d, event_list *events)
{
    const char *date = arena_strdup(a, d->story->date);
    for (size_t k = 0; k < events->n; k++) {
        event *e = &events->items[k];
        e->date = date;
        const place *p = event_place(d, e);
        if (!p) continue;
        e->loc_name = p->name;
        e->loc_country = p->country;
        e->lat = p->lat;
        e->lon = p->lon;
        e->has_coords = 1;
    }
}
