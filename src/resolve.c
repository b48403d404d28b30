/* resolve.c — see resolve.h. */
#include "resolve.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "deprel.h"
#include "key.h"
#include "timex.h"

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

/* ---- dates ---- */

#define MAX_SENTENCE_TIMEX 32
#define MAX_CHAIN 16

/* The temporal expressions of one sentence, found once for all its events. */
typedef struct sentence_times {
    size_t sent;              /* doc.sents index; (size_t)-1 before the first */
    timex items[MAX_SENTENCE_TIMEX];
    size_t n;
} sentence_times;

static void find_times(const doc *d, size_t sent, sentence_times *st)
{
    if (st->sent == sent) return;
    const sentence *s = &d->sents[sent];
    timex_anchor an = {d->story->year, d->story->month, d->story->day};
    st->sent = sent;
    st->n = timex_find(d->tokens + s->first_token, s->n_tokens, an, st->items,
                       MAX_SENTENCE_TIMEX);
}

/* The calendar date expression x gives an event (timex_calendar_date), or
 * 0 when it names none or bounds a span instead of placing the event in
 * it ("since 2018", "until March", "before Tuesday", "by 2030"). */
static int event_date_of(const token *toks, const timex *x, char *date)
{
    static const char *const bounds[] = {"since", "until", "till", "before", "after", "by", NULL};
    if (x->first > 0)
        for (const char *const *b = bounds; *b; b++)
            if (strcmp(toks[x->first - 1].key, *b) == 0) return 0;
    return timex_calendar_date(x, date);
}

/* The token of expression x whose head lies outside it (its syntactic
 * head), or -1 when the parse has none. */
static int timex_head(const token *toks, const timex *x)
{
    for (uint32_t i = x->first; i < x->first + x->n; i++) {
        int h = toks[i].head;
        if (h < 0 || (uint32_t)h < x->first || (uint32_t)h >= x->first + x->n) return (int)i;
    }
    return -1;
}

/* Does expression x modify token v as a time adjunct: an oblique
 * (obl:tmod, "on Tuesday"), a noun modifier (nmod:tmod) or an adverbial
 * ("six years ago") of v? */
static int modifies(const token *toks, const timex *x, int v)
{
    int h = timex_head(toks, x);
    if (h < 0 || toks[h].head != v) return 0;
    return toks[h].rel == DEP_OBL || toks[h].rel == DEP_NMOD || toks[h].rel == DEP_ADVMOD;
}

/* The expression attached to verb v or to the verbs of its clause above
 * it ("agreed to meet on Tuesday": the xcomp chain), or -1. */
static int attached_timex(const token *toks, const sentence_times *st, int v, char *date)
{
    for (int steps = 0; v >= 0 && steps < MAX_CHAIN; steps++) {
        for (size_t k = 0; k < st->n; k++)
            if (modifies(toks, &st->items[k], v) && event_date_of(toks, &st->items[k], date))
                return (int)k;
        if (toks[v].rel != DEP_XCOMP && toks[v].rel != DEP_CONJ) break;
        v = toks[v].head;
    }
    return -1;
}

/* The verb of the event: the token of its verb phrase that heads it. */
static int event_verb(const token *toks, const event *e, uint32_t base)
{
    int first = (int)(e->verb_first - base), end = first + (int)e->verb_n;
    for (int i = first; i < end; i++)
        if (toks[i].head < first || toks[i].head >= end) return i;
    return first;
}

/* In a parsed sentence: does expression x hang below v through nouns and
 * prepositions only ("met Xi in Beijing on Tuesday" read with Tuesday
 * under Beijing), not through another verb or clause ("after a victory
 * in March", "the elections held in March")? */
static int under_verb(const token *toks, const timex *x, int v)
{
    int h = timex_head(toks, x);
    for (int steps = 0; h >= 0 && steps < MAX_CHAIN; steps++) {
        int up = toks[h].head;
        if (up == v) return 1;
        if (up < 0 || toks[up].pos == POS_VERB || toks[up].pos == POS_AUX) return 0;
        switch (toks[up].rel) {
        case DEP_ACL: case DEP_ACL_RELCL: case DEP_ADVCL: case DEP_CCOMP: case DEP_XCOMP:
        case DEP_PARATAXIS: case DEP_CONJ:
            return 0;
        default:
            h = up;
        }
    }
    return 0;
}

/* The dated expression in [first, end) nearest token v, or -1; in a
 * parsed sentence only one that hangs below v (under_verb). */
static int nearest_timex(const token *toks, int parsed, const sentence_times *st, int v,
                         uint32_t first, uint32_t end, char *date)
{
    int best = -1;
    long best_dist = 0;
    char buf[11];
    for (size_t k = 0; k < st->n; k++) {
        const timex *x = &st->items[k];
        if (x->first < first || x->first + x->n > end || !event_date_of(toks, x, buf)) continue;
        if (parsed && !under_verb(toks, x, v)) continue;
        long dist = (long)x->first > v ? (long)x->first - v : v - (long)(x->first + x->n - 1);
        if (best < 0 || dist < best_dist) { best = (int)k; best_dist = dist; memcpy(date, buf, 11); }
    }
    return best;
}

/* The expression that dates event e, or -1: one attached to its verb or
 * clause in the parse; else the nearest in its clause (in a parsed
 * sentence, one below the verb); else one attached to the verb that
 * reports its clause ("Putin suggested last month that
 * he was considering ..."). */
static int dating_timex(const doc *d, const event *e, const sentence_times *st, char *date)
{
    const sentence *s = &d->sents[e->sent];
    const token *toks = d->tokens + s->first_token;
    int v = event_verb(toks, e, s->first_token), k;
    if (s->parsed && (k = attached_timex(toks, st, v, date)) >= 0) return k;
    k = nearest_timex(toks, s->parsed, st, v, e->clause_first - s->first_token,
                      e->clause_end - s->first_token, date);
    if (k >= 0 || !s->parsed) return k;
    int top = v;
    for (int steps = 0; steps < MAX_CHAIN && toks[top].head >= 0 &&
                        (toks[top].rel == DEP_XCOMP || toks[top].rel == DEP_CONJ); steps++)
        top = toks[top].head;
    if (toks[top].rel != DEP_CCOMP || toks[top].head < 0) return -1;
    return attached_timex(toks, st, toks[top].head, date);
}

/* Sets e->date (and e->date_text) from the text, else the story date. */
static void date_event(arena *a, const doc *d, event *e, sentence_times *st)
{
    char date[11];
    find_times(d, e->sent, st);
    int k = dating_timex(d, e, st, date);
    if (k < 0) {
        e->date = d->story->date;
        e->date_text = NULL;
        return;
    }
    const sentence *s = &d->sents[e->sent];
    const timex *x = &st->items[k];
    const token *a0 = &d->tokens[s->first_token + x->first];
    const token *z = &d->tokens[s->first_token + x->first + x->n - 1];
    e->date = arena_strdup(a, date);
    e->date_text = arena_strndup(a, d->clean + a0->start, z->start + z->len - a0->start);
}

void resolve_events(arena *a, const doc *d, event_list *events)
{
    sentence_times *st = arena_alloc(a, sizeof *st);
    st->sent = (size_t)-1;
    for (size_t k = 0; k < events->n; k++) {
        event *e = &events->items[k];
        date_event(a, d, e, st);
        const place *p = event_place(d, e);
        if (!p) continue;
        e->loc_name = p->name;
        e->loc_country = p->country;
        e->lat = p->lat;
        e->lon = p->lon;
        e->has_coords = 1;
    }
}
