/* plover_eval.c — dyad_plover_evaluate(): codes the PLOVER gold records
 * with a coder and scores the events at the PLOVER level (plover_eval.h). */
#include "plover_eval.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dyad.h"

#define CODE_MAX 8
#define TYPE_MAX 32
#define MAX_TYPES 64
#define MAX_SOURCES 16

typedef struct plover_row {
    char code[CODE_MAX];
    char type[TYPE_MAX];      /* "" when the line names none */
} plover_row;

struct plover_table {
    plover_row *rows;
    size_t n, cap;
};

/* ---- the CAMEO-to-PLOVER table ---- */

static const plover_row *find_row(const plover_table *t, const char *code, size_t len)
{
    for (size_t i = 0; i < t->n; i++)
        if (strlen(t->rows[i].code) == len && strncmp(t->rows[i].code, code, len) == 0)
            return &t->rows[i];
    return NULL;
}

/* Copies s[0..n) without surrounding blanks into out[cap]; 0 when empty or
 * too long. */
static int trimmed(const char *s, size_t n, char *out, size_t cap)
{
    while (n && (*s == ' ' || *s == '\t')) { s++; n--; }
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        n--;
    if (n == 0 || n >= cap) return 0;
    memcpy(out, s, n);
    out[n] = '\0';
    return 1;
}

/* One line of the table: "CODE: TYPE, ..." or a comment, blank or "~~~"
 * line (ignored).  -1 when the line is neither. */
static int table_line(plover_table *t, const char *line)
{
    size_t n = strcspn(line, "#");
    size_t digits = strspn(line, "0123456789");
    if (line[digits] != ':' || digits < 2 || digits >= CODE_MAX) {
        size_t i = 0;
        while (i < n && (line[i] == ' ' || line[i] == '\t' || line[i] == '~' ||
                         line[i] == '\r' || line[i] == '\n'))
            i++;
        return i == n ? 0 : -1;
    }
    if (find_row(t, line, digits)) return 0;   /* listed twice: the first line holds */
    if (t->n == t->cap) {
        t->cap = t->cap ? 2 * t->cap : 256;
        t->rows = xrealloc(t->rows, t->cap * sizeof *t->rows);
    }
    plover_row *r = &t->rows[t->n++];
    memcpy(r->code, line, digits);
    r->code[digits] = '\0';
    const char *rest = line + digits + 1;
    size_t end = strcspn(rest, ",#");
    if (!trimmed(rest, end, r->type, sizeof r->type)) r->type[0] = '\0';
    return 0;
}

plover_table *plover_table_read(const char *path, char *err, size_t errlen)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        snprintf(err, errlen, "cannot read PLOVER table %s: %s", path, strerror(errno));
        return NULL;
    }
    plover_table *t = xcalloc(1, sizeof *t);
    char line[1024];
    long lineno = 0;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        if (table_line(t, line) != 0) {
            snprintf(err, errlen, "%s:%ld: expected CODE: PLOVER-TYPE, ...", path, lineno);
            fclose(in);
            plover_table_free(t);
            return NULL;
        }
    }
    fclose(in);
    if (t->n == 0) {
        snprintf(err, errlen, "%s: no CODE: TYPE lines", path);
        plover_table_free(t);
        return NULL;
    }
    return t;
}

void plover_table_free(plover_table *t)
{
    if (!t) return;
    free(t->rows);
    free(t);
}

const char *plover_type_of(const plover_table *t, const char *cameo_code)
{
    if (!t || !cameo_code) return NULL;
    for (size_t len = strlen(cameo_code); len >= 2; len--) {
        const plover_row *r = find_row(t, cameo_code, len);
        if (r) return r->type[0] ? r->type : NULL;
    }
    return NULL;
}

const char *plover_current_name(const char *gold_type)
{
    static const char *const renamed[][2] = {
        {"DEMAND", "REQUEST"}, {"DISAPPROVE", "ACCUSE"},
        {"INVESTIGATE", "ACCUSE"}, {"FIGHT", "ASSAULT"},
    };
    for (size_t i = 0; i < sizeof renamed / sizeof *renamed; i++)
        if (gold_type && strcmp(gold_type, renamed[i][0]) == 0) return renamed[i][1];
    return gold_type;
}

/* ---- gold records ---- */

typedef struct gold_record {
    const char *id, *date, *text;
    const char *type;                  /* current PLOVER name */
    char sources[MAX_SOURCES][4];      /* countries: first three letters of the codes */
    size_t n_sources;
} gold_record;

typedef struct type_count {
    char type[TYPE_MAX];
    size_t records, found;
} type_count;

static const char *member_string(json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* The record's source countries; a source given as text names none. */
static void read_sources(json_t *rec, gold_record *g)
{
    json_t *list = json_object_get(rec, "source");
    size_t i;
    json_t *src;
    g->n_sources = 0;
    if (!json_is_array(list)) return;
    json_array_foreach(list, i, src) {
        const char *code = member_string(src, "code");
        if (!code || !*code || g->n_sources == MAX_SOURCES) continue;
        snprintf(g->sources[g->n_sources++], 4, "%.3s", code);
    }
}

/* Fills g from the record; 1 when it is not scored (a DOCUMENT record or
 * one with no text), -1 with the reason in why when it is malformed. */
static int read_record(json_t *rec, gold_record *g, const char **why)
{
    if (!json_is_object(rec)) { *why = "not a JSON object"; return -1; }
    const char *type = member_string(rec, "event");
    g->text = member_string(rec, "text");
    if ((type && strcmp(type, "DOCUMENT") == 0) || !g->text || !*g->text) return 1;
    if (!type || !*type) { *why = "no \"event\" type"; return -1; }
    g->id = member_string(rec, "id");
    g->date = member_string(rec, "date");
    if (!g->date) g->date = "2000-01-01";     /* the records are undated examples */
    g->type = plover_current_name(type);
    read_sources(rec, g);
    return 0;
}

static int is_source(const gold_record *g, const char *actor)
{
    if (!actor) return 0;
    for (size_t k = 0; k < g->n_sources; k++)
        if (strncmp(actor, g->sources[k], 3) == 0 && strlen(g->sources[k]) == 3) return 1;
    return 0;
}

/* Events of r with the record's type and one of its source countries. */
static size_t matching_events(const dyad_result *r, const plover_table *t, const gold_record *g)
{
    size_t hits = 0;
    for (size_t i = 0; i < dyad_result_event_count(r); i++) {
        const dyad_event *e = dyad_result_event(r, i);
        const char *type = plover_type_of(t, dyad_event_code(e));
        if (type && strcmp(type, g->type) == 0 && is_source(g, dyad_event_source(e))) hits++;
    }
    return hits;
}

static type_count *type_slot(type_count *types, size_t *n, const char *type)
{
    for (size_t i = 0; i < *n; i++)
        if (strcmp(types[i].type, type) == 0) return &types[i];
    if (*n == MAX_TYPES) return NULL;
    type_count *tc = &types[(*n)++];
    snprintf(tc->type, sizeof tc->type, "%s", type);
    tc->records = tc->found = 0;
    return tc;
}

/* Codes one record and adds it to the scores; -1 (after a warning) when
 * its date or text is not valid. */
static int score_record(dyad_coder *c, const plover_table *t, const gold_record *g,
                        const char *label, dyad_warn_fn warn, void *ctx,
                        dyad_plover_scores *out, type_count *tc)
{
    char err[512];
    dyad_story *s = dyad_story_new(g->id ? g->id : label, g->date, g->text, err, sizeof err);
    if (!s) {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s: %s", label, err);
        if (warn) warn(ctx, msg); else fprintf(stderr, "dyad: %s\n", msg);
        return -1;
    }
    const dyad_result *r = dyad_code(c, s);
    size_t n = dyad_result_event_count(r), hits = matching_events(r, t, g);
    out->records++;
    out->events += n;
    out->no_event += n == 0;
    out->correct += hits;
    out->found += hits > 0;
    if (tc) {
        tc->records++;
        tc->found += hits > 0;
    }
    dyad_story_free(s);
    return 0;
}

static int by_type_name(const void *x, const void *y)
{
    return strcmp(((const type_count *)x)->type, ((const type_count *)y)->type);
}

static void write_report(FILE *report, type_count *types, size_t n)
{
    if (!report) return;
    qsort(types, n, sizeof *types, by_type_name);
    fprintf(report, "%-10s %7s %7s %7s\n", "type", "records", "found", "recall");
    for (size_t i = 0; i < n; i++)
        fprintf(report, "%-10s %7zu %7zu %6.1f%%\n", types[i].type, types[i].records,
                types[i].found, 100.0 * (double)types[i].found / (double)types[i].records);
}

/* The default table: CAMEO2PLOVER-2021.txt in the gold file's folder. */
static char *table_beside(const char *gold_path)
{
    static const char name[] = "CAMEO2PLOVER-2021.txt";
    const char *slash = strrchr(gold_path, '/');
    size_t dir = slash ? (size_t)(slash - gold_path) + 1 : 0;
    char *p = xmalloc(dir + sizeof name);
    memcpy(p, gold_path, dir);
    memcpy(p + dir, name, sizeof name);
    return p;
}

int dyad_plover_evaluate(dyad_coder *c, const char *gold_path, const char *table_path,
                         FILE *report, dyad_warn_fn warn, void *warn_ctx,
                         dyad_plover_scores *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    char *beside = table_path ? NULL : table_beside(gold_path);
    plover_table *t = plover_table_read(table_path ? table_path : beside, err, errlen);
    free(beside);
    if (!t) return -1;
    json_error_t jerr;
    json_t *gold = json_load_file(gold_path, 0, &jerr);
    if (!json_is_array(gold)) {
        if (gold) snprintf(err, errlen, "%s: not a JSON array of records", gold_path);
        else snprintf(err, errlen, "%s:%d: %s", gold_path, jerr.line, jerr.text);
        json_decref(gold);
        plover_table_free(t);
        return -1;
    }
    type_count types[MAX_TYPES];
    size_t n_types = 0, i;
    json_t *rec;
    json_array_foreach(gold, i, rec) {
        gold_record g;
        const char *why = NULL;
        char label[300];
        int st = read_record(rec, &g, &why);
        snprintf(label, sizeof label, "%s: record %zu%s%s", gold_path, i + 1,
                 st == 0 && g.id ? " id " : "", st == 0 && g.id ? g.id : "");
        if (st > 0) { out->skipped++; continue; }
        if (st == 0 && score_record(c, t, &g, label, warn, warn_ctx, out,
                                    type_slot(types, &n_types, g.type)) == 0)
            continue;
        if (why) {
            char msg[512];
            snprintf(msg, sizeof msg, "%s: %s", label, why);
            if (warn) warn(warn_ctx, msg); else fprintf(stderr, "dyad: %s\n", msg);
        }
        out->failed++;
    }
    write_report(report, types, n_types);
    json_decref(gold);
    plover_table_free(t);
    return 0;
}
