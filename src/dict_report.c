/* dict_report.c — counts of a dict's entries by kind (dict_report.h). */
#include "dict_report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "cameo.h"

typedef enum { ACTOR_COUNTRY, ACTOR_ORGANISATION, ACTOR_OTHER } actor_kind;

static int is_country_code(const char *code)
{
    if (strlen(code) != 3) return 0;
    for (int i = 0; i < 3; i++)
        if (!isupper((unsigned char)code[i])) return 0;
    return 1;
}

/* International and non-state organisations by CAMEO's code families:
 * IGO (intergovernmental), NGO, IMG (international militarized group),
 * MNC (multinational corporation). */
static int is_organisation_code(const char *code)
{
    static const char *const families[] = {"IGO", "NGO", "IMG", "MNC"};
    for (size_t i = 0; i < sizeof families / sizeof *families; i++)
        if (strncmp(code, families[i], 3) == 0) return 1;
    return 0;
}

static actor_kind kind_of_code(const char *code)
{
    if (is_organisation_code(code)) return ACTOR_ORGANISATION;
    return is_country_code(code) ? ACTOR_COUNTRY : ACTOR_OTHER;
}

/* ---- small sets of short codes ---- */

typedef struct code_tally {
    dyad_country_count *items;
    size_t n, cap;
} code_tally;

/* Adds one to the count of the first three letters of code. */
static void tally_add(code_tally *t, const char *code)
{
    char key[4] = {0};
    strncpy(key, code, 3);
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->items[i].country, key) == 0) {
            t->items[i].n++;
            return;
        }
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 64;
        t->items = xrealloc(t->items, t->cap * sizeof *t->items);
    }
    memcpy(t->items[t->n].country, key, sizeof key);
    t->items[t->n++].n = 1;
}

static int by_count_then_code(const void *x, const void *y)
{
    const dyad_country_count *a = x, *b = y;
    if (a->n != b->n) return a->n < b->n ? 1 : -1;
    return strcmp(a->country, b->country);
}

static void count_actors(const dict *d, size_t n_actors, dyad_dict_stats *out)
{
    code_tally people = {0}, countries = {0};
    for (uint32_t id = 0; id < n_actors; id++) {
        const char *code = dict_actor_latest_code(d, id);
        if (!code) continue;
        if (dict_actor_is_person(d, id)) {
            out->people++;
            tally_add(&people, code);
            continue;
        }
        switch (kind_of_code(code)) {
        case ACTOR_COUNTRY: out->countries++; tally_add(&countries, code); break;
        case ACTOR_ORGANISATION: out->organisations++; break;
        case ACTOR_OTHER: out->other_actors++; break;
        }
    }
    out->country_codes = countries.n;
    free(countries.items);
    qsort(people.items, people.n, sizeof *people.items, by_count_then_code);
    out->people_by_country = people.items;
    out->n_people_countries = people.n;
}

/* ---- CAMEO coverage ---- */

/* Marks in covered[] the CAMEO code an event code written in a dictionary
 * gives ("036", "036:036"; "---" gives none). */
static void mark_code(const char *code, unsigned char *covered)
{
    if (!code) return;
    char head[8];
    size_t n = strcspn(code, ":");
    if (n == 0 || n >= sizeof head) return;
    memcpy(head, code, n);
    head[n] = '\0';
    const cameo_info *info = cameo_lookup(head);
    if (info) covered[info - cameo_at(0)] = 1;   /* the table is one array */
}

static void count_coverage(const dict *d, size_t n_verbs, dyad_dict_stats *out)
{
    int n_codes = cameo_count();
    unsigned char *covered = xcalloc((size_t)n_codes + 1, 1);
    for (uint32_t v = 0; v < n_verbs; v++) {
        mark_code(dict_verb_code(d, v), covered);
        const verb_pattern *pats;
        size_t n = dict_verb_patterns(d, v, &pats);
        for (size_t k = 0; k < n; k++) mark_code(pats[k].code, covered);
    }
    size_t len = 0;
    out->uncovered = xcalloc((size_t)n_codes * 6 + 1, 1);
    for (int i = 0; i < n_codes; i++) {
        if (covered[i]) { out->cameo_covered++; continue; }
        len += (size_t)sprintf(out->uncovered + len, "%s%s", len ? " " : "", cameo_at(i)->code);
    }
    out->cameo_codes = (size_t)n_codes;
    free(covered);
}

void dict_report(const dict *d, dyad_dict_stats *out)
{
    memset(out, 0, sizeof *out);
    dict_stats st;
    dict_get_stats(d, &st);
    out->actors = st.actors;
    out->actor_phrases = st.actor_phrases;
    out->agents = st.agents;
    out->agent_phrases = st.agent_phrases;
    out->verbs = st.verbs;
    out->patterns = st.patterns;
    out->synsets = st.synsets;
    count_actors(d, st.actors, out);
    count_coverage(d, st.verbs, out);
}
