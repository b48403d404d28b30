/* validate_run.c — dyad_validate(): a PETRARCH validation file run through
 * the same input, coder and dictionaries as `dyad code` (include/dyad.h),
 * its expectations read by validate.h. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dyad.h"
#include "validate.h"

#define MAX_CATEGORIES 64

typedef struct category_count {
    const char *name;
    size_t applicable, passed;
} category_count;

/* The folder of path ("." when it has none), malloc'd. */
static char *folder_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    size_t n = (size_t)(slash - path);
    char *d = malloc(n + 2);
    if (!d) return NULL;
    memcpy(d, path, n ? n : 1);
    d[n ? n : 1] = '\0';
    return d;
}

static dyad_coder *suite_coder(const vsuite *v, const char *dir, char *err, size_t errlen)
{
    dyad_dict_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.dictionary_dir = dir;
    cfg.verbs = v->verbfile;
    cfg.actors = v->actorfiles;
    cfg.n_actors = v->n_actorfiles;
    cfg.agents = v->agentfile;
    cfg.discards = v->discardfile;
    cfg.issues = v->issuefile;
    return dyad_coder_new(&cfg, NULL, NULL, err, errlen);
}

static const vrecord *find_record(const vsuite *v, const char *id, size_t *hint)
{
    for (size_t k = 0; k < v->n; k++) {
        size_t i = (*hint + k) % v->n;        /* records come in file order */
        if (strcmp(v->recs[i].id, id) == 0) { *hint = i + 1; return &v->recs[i]; }
    }
    return NULL;
}

static int is_applicable(const vrecord *rec)
{
    return rec->sentence && !(rec->error && strcmp(rec->error, "bad_input_parse") == 0);
}

static int same(const char *a, const char *b)
{
    if (!a || !*a) a = "---";
    if (!b || !*b) b = "---";
    return strcmp(a, b) == 0;
}

/* Is the expected event among the coded ones? */
static int coded(const dyad_result *r, const expected_event *x)
{
    for (size_t i = 0; i < dyad_result_event_count(r); i++) {
        const dyad_event *e = dyad_result_event(r, i);
        if (same(dyad_event_source(e), x->source) && same(dyad_event_target(e), x->target) &&
            same(dyad_event_code(e), x->code))
            return 1;
    }
    return 0;
}

/* Is the coded event among the expected ones? */
static int expected(const vrecord *rec, const dyad_event *e)
{
    for (size_t k = 0; k < rec->n_events; k++) {
        const expected_event *x = &rec->events[k];
        if (same(dyad_event_source(e), x->source) && same(dyad_event_target(e), x->target) &&
            same(dyad_event_code(e), x->code))
            return 1;
    }
    return 0;
}

/* Does the result meet the record's expectation?  Events are compared as
 * sets of (source, target, code); a discard expectation needs the story
 * discarded; "noevents" and a dateline expectation need no event. */
static int passes(const vrecord *rec, const dyad_result *r)
{
    size_t n = dyad_result_event_count(r);
    if (rec->error && (strcmp(rec->error, "storydiscard") == 0 ||
                       strcmp(rec->error, "sentencediscard") == 0))
        return dyad_result_get_status(r) == DYAD_DISCARDED;
    if (rec->noevents || rec->error) return n == 0;
    for (size_t k = 0; k < rec->n_events; k++)
        if (!coded(r, &rec->events[k])) return 0;
    for (size_t i = 0; i < n; i++)
        if (!expected(rec, dyad_result_event(r, i))) return 0;
    return 1;
}

static void print_expected(FILE *out, const vrecord *rec)
{
    if (rec->error) { fprintf(out, "error=%s", rec->error); return; }
    if (rec->noevents || rec->n_events == 0) { fprintf(out, "no events"); return; }
    for (size_t k = 0; k < rec->n_events; k++) {
        const expected_event *x = &rec->events[k];
        fprintf(out, "%s%s>%s:%s", k ? " " : "", x->source ? x->source : "---",
                x->target ? x->target : "---", x->code ? x->code : "?");
    }
}

static void print_got(FILE *out, const dyad_result *r)
{
    size_t n = dyad_result_event_count(r);
    if (dyad_result_get_status(r) == DYAD_DISCARDED) {
        fprintf(out, "discarded (%s)", dyad_result_discard_reason(r));
        return;
    }
    if (n == 0) { fprintf(out, "no events"); return; }
    for (size_t i = 0; i < n; i++) {
        const dyad_event *e = dyad_result_event(r, i);
        const char *s = dyad_event_source(e), *t = dyad_event_target(e);
        fprintf(out, "%s%s>%s:%s", i ? " " : "", s ? s : "---", t ? t : "---",
                dyad_event_code(e));
    }
}

static category_count *category(category_count *cats, size_t *n, const char *name)
{
    if (!name) name = "(none)";
    for (size_t k = 0; k < *n; k++)
        if (strcmp(cats[k].name, name) == 0) return &cats[k];
    if (*n == MAX_CATEGORIES) return &cats[MAX_CATEGORIES - 1];
    cats[*n] = (category_count){name, 0, 0};
    return &cats[(*n)++];
}

/* Names the <Config> options the file sets.  They are applied by the
 * petrarch-xml reader and the coder (story.config, dyad_coder_set_option)
 * to the records after them, as `dyad code` applies them. */
static void report_configs(FILE *out, const vsuite *v)
{
    if (v->n_configs == 0) return;
    fprintf(out, "note: %zu <Config> settings applied in file order (", v->n_configs);
    for (size_t k = 0; k < v->n_configs; k++) {
        size_t j = 0;
        while (j < k && strcmp(v->configs[j].option, v->configs[k].option) != 0) j++;
        if (j == k) fprintf(out, "%s%s", k ? ", " : "", v->configs[k].option);
    }
    fputs(")\n", out);
}

int dyad_validate(const char *path, const char *dictionary_dir, dyad_parser *p, FILE *report,
                  dyad_validation *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    vsuite *v = validate_read(path, err, errlen);
    if (!v) return -1;
    char *dir = dictionary_dir ? strdup(dictionary_dir) : folder_of(path);
    dyad_coder *c = dir ? suite_coder(v, dir, err, errlen) : NULL;
    free(dir);
    if (!c) { validate_free(v); return -1; }
    dyad_coder_use_parser(c, p);
    category_count cats[MAX_CATEGORIES];
    size_t n_cats = 0, hint = 0;
    const char *paths[] = {path};
    dyad_input *in = dyad_input_open(paths, 1, DYAD_INPUT_PETRARCH_XML);
    dyad_story *s;
    int st;
    while ((st = dyad_input_next(in, &s)) != DYAD_END) {
        if (st == DYAD_FAILED) { fprintf(report, "ERROR %s\n", dyad_input_error(in)); continue; }
        const vrecord *rec = find_record(v, dyad_story_id(s), &hint);
        out->records++;
        if (!rec || !is_applicable(rec)) { out->not_applicable++; continue; }
        const dyad_result *r = dyad_code(c, s);
        category_count *cc = category(cats, &n_cats, rec->category);
        out->applicable++;
        cc->applicable++;
        if (passes(rec, r)) { out->passed++; cc->passed++; continue; }
        fprintf(report, "FAIL %s (%s:%ld): expected ", rec->id, path, rec->line);
        print_expected(report, rec);
        fprintf(report, "; got ");
        print_got(report, r);
        fprintf(report, "\n");
    }
    dyad_input_close(in);
    for (size_t k = 0; k < n_cats; k++)
        fprintf(report, "%-12s %3zu of %3zu passed\n", cats[k].name, cats[k].passed,
                cats[k].applicable);
    report_configs(report, v);
    dyad_coder_free(c);
    validate_free(v);
    return 0;
}
