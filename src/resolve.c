/* resolve.c — see resolve.h. */
#include "resolve.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deprel.h"
#include "gazetteer.h"
#include "key.h"
#include "timex.h"

#define MAX_PLACE_WORDS 5
#define MAX_REGION_WORDS 3
#define MAX_KEY 160
#define BIG_CITY 1000000u

static int key_in(const token *t, const char *const *words)
{
    for (; *words; words++)
        if (strcmp(t->key, *words) == 0) return 1;
    return 0;
}

static int key_is(const token *t, const char *word)
{
    return strcmp(t->key, word) == 0;
}

static int is_capitalized_word(const token *t)
{
    return t->kind == TOK_WORD && (t->flags & TOKF_CAPITALIZED);
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

static place place_of(size_t k)
{
    const gaz_place *g = &dyad_gazetteer.places[k];
    return (place){gazetteer_str(g->name), dyad_gazetteer.countries[g->country],
                   g->lat / 1e5, g->lon / 1e5, g->population, g->flags};
}

/* The country of a region named after a comma at toks[i]: "Paris, Texas". */
static const char *region_after_comma(const token *toks, size_t n, size_t i)
{
    if (i + 1 >= n || !key_is(&toks[i], ",") || !is_capitalized_word(&toks[i + 1])) return NULL;
    for (size_t l = MAX_REGION_WORDS; l >= 1; l--) {
        char key[MAX_KEY];
        if (i + 1 + l > n || !join_keys(toks, i + 1, l, key, sizeof key)) continue;
        const char *country = gazetteer_region_country(key);
        if (country) return country;
    }
    return NULL;
}

/* Among the count homonyms from places[first], the one in `country`, else
 * the first (authored, or the most populous). */
static size_t pick_homonym(size_t first, size_t count, const char *country)
{
    for (size_t k = first; country && k < first + count; k++)
        if (strcmp(dyad_gazetteer.countries[dyad_gazetteer.places[k].country], country) == 0)
            return k;
    return first;
}

int resolve_place_at(const token *toks, size_t n, size_t i, size_t *len, place *out)
{
    if (i >= n || !is_capitalized_word(&toks[i]) || !gazetteer_may_start(toks[i].hash)) return 0;
    /* the longest name: extend word by word while some name goes on */
    char key[MAX_KEY];
    size_t best_first = 0, best_count = 0, best_len = 0;
    int longer = 1;
    for (size_t l = 1; l <= MAX_PLACE_WORDS && i + l <= n && longer; l++) {
        size_t first, count;
        if (!join_keys(toks, i, l, key, sizeof key)) break;
        count = gazetteer_find(key, &first, &longer);
        if (count) {
            best_first = first;
            best_count = count;
            best_len = l;
        }
    }
    if (!best_count) return 0;
    const char *country = best_count > 1 ? region_after_comma(toks, n, i + best_len) : NULL;
    *out = place_of(pick_homonym(best_first, best_count, country));
    *len = best_len;
    return 1;
}

/* ---- is a name where something happens? ------------------------------ */

static const char *const at_words[] = {"in", "at", NULL};

/* Words after which "to" names a destination: "a visit to", "flew to". */
static const char *const trip_words[] = {
    "visit", "visits", "trip", "trips", "travel", "travels", "travelled", "traveled",
    "travelling", "traveling", "journey", "tour", "flew", "fly", "flies", "flying",
    "came", "come", "comes", "coming", "arrived", "returned", "returns", "returning",
    "headed", "heading", "went", "go", "goes", "going", "way", "sailed", "drove", NULL};

/* Is toks[i] placed by the words before it ("in", "at", "visit to", "flew
 * back to")? */
static int locative_context(const token *toks, size_t i)
{
    if (i == 0) return 0;
    if (key_in(&toks[i - 1], at_words)) return 1;
    if (!key_is(&toks[i - 1], "to") || i < 2) return 0;
    size_t j = i - 2;
    if (key_is(&toks[j], "back") && j > 0) j--;
    return key_in(&toks[j], trip_words);
}

static const char *const calendar_words[] = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan.", "feb.", "mar.", "apr.",
    "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", NULL};

/* A capitalised word right after the name makes it part of a longer name
 * ("Washington University", "Jordan Peterson", "Victoria Station"); a
 * weekday or month does not ("in Beijing Tuesday"), nor an all-capitals
 * word. */
static int starts_longer_name(const token *toks, size_t n, size_t after)
{
    if (after >= n) return 0;
    const token *t = &toks[after];
    return is_capitalized_word(t) && !(t->flags & TOKF_ALL_CAPS) && !key_in(t, calendar_words);
}

/* Nouns of parts of a city: "in Beijing's suburbs" is still Beijing. */
static const char *const city_parts[] = {
    "airport", "capital", "centre", "center", "city", "downtown", "outskirts",
    "suburbs", "suburb", "district", "districts", "streets", "street", "square",
    "port", "harbour", "harbor", "old", NULL};

/* "at Washington's request", "in Moscow's view": the name owns something
 * that is not a place.  "in Beijing's Great Hall" and "in Kyiv's centre"
 * stay places. */
static int possessor_of_non_place(const token *toks, size_t n, size_t after)
{
    if (after >= n || toks[after].kind != TOK_POSSESSIVE) return 0;
    if (after + 1 >= n) return 1;
    const token *t = &toks[after + 1];
    return !is_capitalized_word(t) && !key_in(t, city_parts);
}

/* A title-case or all-capitals sentence: most of its small words that are
 * not first are capitalised ("Lavrov Arrives In Beijing For Talks"). */
static int is_title_case(const token *toks, size_t n)
{
    static const char *const small[] = {"in", "at", "to", "of", "for", "the", "and", "with",
                                        "on", "a", "an", "from", "by", NULL};
    size_t seen = 0, capital = 0;
    for (size_t i = 1; i < n; i++) {
        if (toks[i].kind != TOK_WORD || !key_in(&toks[i], small)) continue;
        seen++;
        capital += (toks[i].flags & TOKF_CAPITALIZED) != 0;
    }
    return seen > 0 && 2 * capital > seen;
}

/* Where capitalisation says nothing, only well-known places are taken. */
static int is_major(const place *p)
{
    return (p->flags & (GAZ_CAPITAL | GAZ_AUTHORED)) || p->population >= BIG_CITY;
}

/* Is the name toks[i, i+len) the place p, judged by the words around it? */
static int acceptable(const token *toks, size_t n, size_t i, size_t len, const place *p, int title)
{
    if (possessor_of_non_place(toks, n, i + len)) return 0;
    if (title) return is_major(p);
    return !starts_longer_name(toks, n, i + len);
}

/* The place of an event in its clause: the located place nearest the
 * verb, or the object of a visit. */
static int event_place(const doc *d, const event *e, place *out)
{
    const sentence *s = &d->sents[e->sent];
    const token *toks = d->tokens + s->first_token;
    size_t n = s->n_tokens;
    size_t verb = e->verb_first - s->first_token, best_dist = (size_t)-1;
    size_t first = e->clause_first - s->first_token, end = e->clause_end - s->first_token;
    int title = is_title_case(toks, n);
    for (size_t i = first; i < end; i++) {
        size_t len = 0;
        place p;
        if (!resolve_place_at(toks, n, i, &len, &p)) continue;
        int visit_object = strcmp(e->code, "042") == 0 && i == verb + e->verb_n;
        if ((locative_context(toks, i) || visit_object) &&
            acceptable(toks, n, i, len, &p, title)) {
            size_t dist = i > verb ? i - verb : verb - i;
            if (dist < best_dist) {
                *out = p;
                best_dist = dist;
            }
        }
        i += len - 1;
    }
    return best_dist != (size_t)-1;
}

/* ---- datelines ----------------------------------------------------------- */

static const char *const month_words[] = {
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "jan.", "feb.", "mar.", "apr.",
    "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", NULL};

/* Does the sentence begin a paragraph of the cleaned text? */
static int starts_paragraph(const doc *d, const sentence *s)
{
    size_t p = s->start;
    while (p > 0 && d->clean[p - 1] == ' ') p--;
    return p == 0 || (p >= 2 && d->clean[p - 1] == '\n' && d->clean[p - 2] == '\n');
}

static int all_capitals(const token *toks, size_t len)
{
    for (size_t k = 0; k < len; k++)
        if (!(toks[k].flags & TOKF_ALL_CAPS)) return 0;
    return 1;
}

/* "MOSCOW (Reuters) -", "CEBU CITY:", "BEIJING, April 9 -", "KYIV, Ukraine
 * (AP) -", "Beijing, April 9 (Xinhua) -": a place at the start of the
 * sentence, perhaps ", Region", then "(", ", Month", or, after a name in
 * capitals, ":" or a dash. */
static int dateline_at(const token *toks, size_t n, place *out)
{
    size_t len;
    place p;
    if (!resolve_place_at(toks, n, 0, &len, &p)) return 0;
    size_t j = len;
    if (j + 1 < n && key_is(&toks[j], ",") && !key_in(&toks[j + 1], month_words)) {
        size_t words = 0;
        while (j + 1 + words < n && words < MAX_REGION_WORDS && is_capitalized_word(&toks[j + 1 + words]))
            words++;
        if (words == 0) return 0;
        j += 1 + words;
    }
    if (j >= n) return 0;
    int strong = key_is(&toks[j], "(") ||
                 (key_is(&toks[j], ",") && j + 1 < n && key_in(&toks[j + 1], month_words));
    int weak = key_is(&toks[j], ":") || key_is(&toks[j], "-") || key_is(&toks[j], "--");
    if (!strong && !(weak && all_capitals(toks, len))) return 0;
    *out = p;
    return 1;
}

int resolve_dateline(const doc *d, place *out)
{
    int paragraphs = 0;
    for (size_t s = 0; s < d->n_sents && paragraphs < 2; s++) {
        const sentence *st = &d->sents[s];
        if (!starts_paragraph(d, st)) continue;
        paragraphs++;
        if (dateline_at(d->tokens + st->first_token, st->n_tokens, out)) return 1;
    }
    return 0;
}

/* ---- events ---------------------------------------------------------------- */

static void set_location(event *e, const place *p)
{
    e->loc_name = p->name;
    e->loc_country = p->country;
    e->lat = p->lat;
    e->lon = p->lon;
    e->has_coords = 1;
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
        /* in a parse, an expression that starts in the clause and hangs
         * below the verb counts even when the parser left its last words
         * outside ("in March this year", "this year" on another verb) */
        if (x->first < first || x->first >= end || !event_date_of(toks, x, buf)) continue;
        if (parsed ? !under_verb(toks, x, v) : x->first + x->n > end) continue;
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
    int dateline = -1;   /* not looked for yet */
    place story_place = {0};
    for (size_t k = 0; k < events->n; k++) {
        event *e = &events->items[k];
        date_event(a, d, e, st);
        place p = {0};
        if (event_place(d, e, &p)) {
            set_location(e, &p);
            continue;
        }
        if (dateline < 0) dateline = resolve_dateline(d, &story_place);
        if (dateline) set_location(e, &story_place);
    }
}

/* ---- one event once ---- */

static int same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b) return a ? 1 : b ? -1 : 0;
    return strcmp(a, b);
}

/* Orders events (pointers into one array) by (date, source, target,
 * code), then position. */
static int compare_event_keys(const void *pa, const void *pb)
{
    const event *a = *(const event *const *)pa, *b = *(const event *const *)pb;
    int c = cmp_str(a->date, b->date);
    if (!c) c = cmp_str(a->source, b->source);
    if (!c) c = cmp_str(a->target, b->target);
    if (!c) c = strcmp(a->code, b->code);
    if (!c) c = (a > b) - (a < b);
    return c;
}

static int same_event(const event *a, const event *b)
{
    return same_str(a->date, b->date) && same_str(a->source, b->source) &&
           same_str(a->target, b->target) && strcmp(a->code, b->code) == 0;
}

/* For each sentence, how many were dropped as repeats of it. */
static uint32_t *count_repeats(const doc *d)
{
    uint32_t *n = xcalloc(d->n_sents ? d->n_sents : 1, sizeof *n);
    for (size_t k = 0; k < d->n_sents; k++) {
        int of = d->sents[k].duplicate_of;
        if (d->sents[k].status == SENT_DUPLICATE && of >= 0 && (size_t)of < d->n_sents) n[of]++;
    }
    return n;
}

static void add_sentence(arena *a, event *e, uint32_t s, size_t cap)
{
    for (uint32_t k = 0; k < e->n_sents; k++)
        if (e->sents[k] == s) return;
    if (!e->sents) e->sents = arena_alloc(a, cap * sizeof *e->sents);
    e->sents[e->n_sents++] = s;
}

void resolve_merge_repeats(arena *a, const doc *d, event_list *events)
{
    size_t n = events->n;
    if (n == 0) return;
    event **order = xmalloc(n * sizeof *order);
    for (size_t k = 0; k < n; k++) order[k] = &events->items[k];
    qsort(order, n, sizeof *order, compare_event_keys);
    uint8_t *gone = xcalloc(n, 1);
    uint32_t *repeats = count_repeats(d);
    for (size_t g = 0; g < n;) {
        size_t end = g + 1;
        while (end < n && same_event(order[g], order[end])) end++;
        event *first = order[g];                        /* sorted by position within */
        for (size_t k = g; k < end; k++) {
            add_sentence(a, first, order[k]->sent, end - g);
            if (k > g) gone[order[k] - events->items] = 1;
        }
        first->mentions = 0;
        for (uint32_t k = 0; k < first->n_sents; k++)
            first->mentions += 1 + repeats[first->sents[k]];
        g = end;
    }
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (!gone[k]) events->items[kept++] = events->items[k];
    events->n = kept;
    free(repeats);
    free(gone);
    free(order);
}
