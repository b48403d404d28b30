/* dyad.c — the public API (dyad.h) over the pipeline's modules. */
#include "dyad.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "builtin.h"
#include "dict.h"
#include "dict_cache.h"
#include "dict_report.h"
#include "pipeline.h"
#include "read.h"
#include "result.h"
#include "sha256.h"
#include "syntax.h"
#include "timex.h"
#include "write.h"

const char *dyad_version(void) { return DYAD_VERSION; }

/* ---- dictionaries and the coder ---- */

struct dyad_parser {
    syntax *sx;
    arena *a;
    char *model_dir;     /* the directory the models were loaded from */
};

/* A dictionary file the coder loaded, for the store's record of a run.
 * The hash is computed when first asked for: loading stays as fast as it
 * was for the runs that never record it. */
typedef struct dict_source {
    const char *kind;    /* "verbs", "actors", ... */
    char *name;          /* path, or "builtin:NAME" */
    const char *data;    /* a built-in file's contents; NULL: read the path */
    size_t len;
    int hashed;
    char sha256[65];     /* of the contents; "" when the file cannot be read */
} dict_source;

struct dyad_coder {
    dict *dc;
    syntax *sx;          /* borrowed from a dyad_parser; NULL: shallow rules */
    dyad_coder_options opt;
    dict_source *sources;
    size_t n_sources;
};

static const char *const dict_kind_names[] = {"verbs", "actors", "agents", "discards", "issues"};

/* Remembers a loaded file: a path, or a built-in file's name and data. */
static void note_source(dyad_coder *c, dict_kind kind, const char *name, const char *data,
                        size_t len)
{
    c->sources = xrealloc(c->sources, (c->n_sources + 1) * sizeof *c->sources);
    dict_source *s = &c->sources[c->n_sources++];
    memset(s, 0, sizeof *s);
    s->kind = (size_t)kind < sizeof dict_kind_names / sizeof dict_kind_names[0]
                  ? dict_kind_names[kind] : "?";
    s->data = data;
    s->len = len;
    if (data) {
        size_t n = strlen(name) + sizeof "builtin:";
        s->name = xmalloc(n);
        snprintf(s->name, n, "builtin:%s", name);
    } else {
        s->name = xstrdup(name);
    }
}

static const char *source_hash(dict_source *s)
{
    if (!s->hashed) {
        if (s->data) sha256_hex(s->data, s->len, s->sha256);
        else if (sha256_file_hex(s->name, s->sha256) != 0) s->sha256[0] = '\0';
        s->hashed = 1;
    }
    return s->sha256;
}

size_t dyad_coder_dictionary_count(const dyad_coder *c) { return c->n_sources; }

const char *dyad_coder_dictionary(const dyad_coder *c, size_t i, const char **kind,
                                  const char **hash)
{
    if (i >= c->n_sources) return NULL;
    if (kind) *kind = c->sources[i].kind;
    if (hash) *hash = source_hash(&c->sources[i]);
    return c->sources[i].name;
}

/* Built-in dictionary files, by kind. */
static const struct { dict_kind kind; const char *name; } builtin_dicts[] = {
    {DICT_VERBS, "verbs.txt"},
    {DICT_ACTORS, "countries.actors.txt"},
    {DICT_ACTORS, "international.actors.txt"},
    {DICT_ACTORS, "leaders.actors.txt"},
    {DICT_ACTORS, "leaders-europe.actors.txt"},
    {DICT_ACTORS, "leaders-americas.actors.txt"},
    {DICT_ACTORS, "leaders-africa.actors.txt"},
    {DICT_ACTORS, "leaders-mideast.actors.txt"},
    {DICT_ACTORS, "leaders-asia.actors.txt"},
    {DICT_ACTORS, "leaders-1979-1999.actors.txt"},
    {DICT_AGENTS, "agents.txt"},
};

typedef struct warn_relay {
    dyad_warn_fn fn;
    void *ctx;
} warn_relay;

static void relay_warning(void *ctx, const char *file, long line, const char *message)
{
    const warn_relay *w = ctx;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s:%ld: %s", file, line, message);
    if (w->fn) w->fn(w->ctx, buf);
    else fprintf(stderr, "dyad: warning: %s\n", buf);
}

static void load_builtin(dyad_coder *c, dict_kind kind, warn_relay *w)
{
    for (size_t k = 0; k < sizeof builtin_dicts / sizeof builtin_dicts[0]; k++) {
        if (builtin_dicts[k].kind != kind) continue;
        const struct builtin_file *f = builtin_find(builtin_dicts[k].name);
        if (!f) continue;
        dict_load(c->dc, kind, f->name, f->data, f->len, relay_warning, w);
        note_source(c, kind, f->name, f->data, f->len);
    }
}

static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
    if (!err || !errlen) return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* dir/name, or name when it is absolute or there is no dir. */
static char *dict_path(const char *dir, const char *name)
{
    if (!dir || !*dir || name[0] == '/') return xstrdup(name);
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* The sources of a configured set, in load order (dict_cache.h). */
typedef struct source_list {
    dict_cache_source *v;
    size_t n, cap;
    char **paths;        /* owned copies of the paths, one per source */
} source_list;

static dict_cache_source *source_push(source_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
        l->paths = xrealloc(l->paths, l->cap * sizeof *l->paths);
    }
    l->paths[l->n] = NULL;
    return &l->v[l->n++];
}

static void source_list_clear(source_list *l)
{
    for (size_t k = 0; k < l->n; k++) {
        dict_cache_source_clear(&l->v[k]);
        free(l->paths[k]);
    }
    free(l->v);
    free(l->paths);
}

/* Adds the built-in files of one kind. */
static void gather_builtin(source_list *l, dict_kind kind)
{
    for (size_t k = 0; k < sizeof builtin_dicts / sizeof builtin_dicts[0]; k++) {
        if (builtin_dicts[k].kind != kind) continue;
        const struct builtin_file *f = builtin_find(builtin_dicts[k].name);
        if (!f) continue;
        *source_push(l) = (dict_cache_source){kind, f->name, f->data, f->len, NULL};
    }
}

/* Reads one configured file, or takes the built-in ones when none is named. */
static int gather_kind(source_list *l, dict_kind kind, const dyad_dict_config *cfg,
                       const char *name, char *err, size_t errlen)
{
    if (!name) {
        if (cfg->use_builtin_defaults) gather_builtin(l, kind);
        return 0;
    }
    char *path = dict_path(cfg->dictionary_dir, name);
    dict_cache_source *s = source_push(l);
    l->paths[l->n - 1] = path;
    if (dict_cache_read_source(s, kind, path) != 0) {
        set_error(err, errlen, "cannot read dictionary %s: %s", path, strerror(errno));
        memset(s, 0, sizeof *s);
        return -1;
    }
    return 0;
}

static void options_defaults(dyad_coder_options *o, int petrarch);
static void apply_setting(dyad_coder *c, const char *setting);

static int gather_configured(source_list *l, const dyad_dict_config *cfg, char *err,
                             size_t errlen)
{
    if (gather_kind(l, DICT_VERBS, cfg, cfg->verbs, err, errlen)) return -1;
    if (cfg->n_actors == 0 && gather_kind(l, DICT_ACTORS, cfg, NULL, err, errlen)) return -1;
    for (size_t k = 0; k < cfg->n_actors; k++)
        if (gather_kind(l, DICT_ACTORS, cfg, cfg->actors[k], err, errlen)) return -1;
    if (gather_kind(l, DICT_AGENTS, cfg, cfg->agents, err, errlen)) return -1;
    if (gather_kind(l, DICT_DISCARDS, cfg, cfg->discards, err, errlen)) return -1;
    return gather_kind(l, DICT_ISSUES, cfg, cfg->issues, err, errlen);
}

/* Loads a configured set: every file is read first, so that the compiled
 * form cached under the hash of their contents can stand in for parsing
 * them (dict_cache.h). */
static int load_configured(dyad_coder *c, const dyad_dict_config *cfg, warn_relay *w, char *err,
                           size_t errlen)
{
    source_list l = {0};
    if (gather_configured(&l, cfg, err, errlen) != 0) {
        source_list_clear(&l);
        return -1;
    }
    size_t files = 0;
    for (size_t k = 0; k < l.n; k++) files += l.v[k].owned != NULL;
    if (files) {
        c->dc = dict_cache_load(l.v, l.n, relay_warning, w, NULL);
    } else {                     /* built-in files only: small, not cached */
        c->dc = dict_new();
        for (size_t k = 0; k < l.n; k++)
            dict_load(c->dc, l.v[k].kind, l.v[k].name, l.v[k].text, l.v[k].len, relay_warning, w);
    }
    for (size_t k = 0; k < l.n; k++) {
        const dict_cache_source *s = &l.v[k];
        if (s->owned) note_source(c, s->kind, s->name, NULL, 0);
        else note_source(c, s->kind, s->name, s->text, s->len);
    }
    source_list_clear(&l);
    return 0;
}

dyad_coder *dyad_coder_new(const dyad_dict_config *cfg, dyad_warn_fn warn, void *warn_ctx,
                           char *err, size_t errlen)
{
    dyad_coder *c = xcalloc(1, sizeof *c);
    warn_relay w = {warn, warn_ctx};
    options_defaults(&c->opt, cfg && (cfg->verbs || cfg->n_actors));
    if (!cfg) {
        c->dc = dict_new();
        for (dict_kind k = DICT_VERBS; k <= DICT_ISSUES; k++) load_builtin(c, k, &w);
        return c;
    }
    if (load_configured(c, cfg, &w, err, errlen) != 0) {
        dyad_coder_free(c);
        return NULL;
    }
    for (size_t k = 0; k < cfg->n_options; k++) apply_setting(c, cfg->options[k]);
    return c;
}

/* ---- options ---- */

/* PETRARCH's defaults (PETR_config.ini) with its dictionaries; dyad's own
 * with the built-in ones, which code an unknown agent as no actor and keep
 * events without a target. */
static void options_defaults(dyad_coder_options *o, int petrarch)
{
    memset(o, 0, sizeof *o);
    o->require_dyad = petrarch;
    o->unknown_agents = petrarch;
    o->modal_intent = !petrarch;
    if (!petrarch) return;     /* dyad's own coding leaves no clause out */
    o->comma_min = 2;
    o->comma_max = 8;
    o->comma_emin = 2;
    o->comma_emax = 8;
}

/* "name=value" (a PETR_config.ini line or a <Config> element). */
static void apply_setting(dyad_coder *c, const char *setting)
{
    const char *eq = strchr(setting, '=');
    if (!eq || (size_t)(eq - setting) >= 64) return;
    char name[64];
    memcpy(name, setting, (size_t)(eq - setting));
    name[eq - setting] = '\0';
    dyad_coder_set_option(c, name, eq + 1);
}

void dyad_coder_get_options(const dyad_coder *c, dyad_coder_options *out) { *out = c->opt; }
void dyad_coder_set_options(dyad_coder *c, const dyad_coder_options *o) { c->opt = *o; }

/* PETRARCH reads a boolean as false when the value contains "false". */
static int petrarch_bool(const char *value)
{
    for (const char *p = value; *p; p++)
        if (strncasecmp(p, "false", 5) == 0) return 0;
    return 1;
}

/* The integer field of the options named `name`, or NULL. */
static int *int_option(dyad_coder_options *o, const char *name)
{
    static const struct { const char *name; size_t off; } ints[] = {
        {"new_actor_length", offsetof(dyad_coder_options, new_actor_length)},
        {"comma_min", offsetof(dyad_coder_options, comma_min)},
        {"comma_max", offsetof(dyad_coder_options, comma_max)},
        {"comma_bmin", offsetof(dyad_coder_options, comma_bmin)},
        {"comma_bmax", offsetof(dyad_coder_options, comma_bmax)},
        {"comma_emin", offsetof(dyad_coder_options, comma_emin)},
        {"comma_emax", offsetof(dyad_coder_options, comma_emax)},
    };
    for (size_t k = 0; k < sizeof ints / sizeof ints[0]; k++)
        if (strcmp(name, ints[k].name) == 0) return (int *)((char *)o + ints[k].off);
    return NULL;
}

int dyad_coder_set_option(dyad_coder *c, const char *name, const char *value)
{
    if (!name || !value) return -1;
    if (strcmp(name, "require_dyad") == 0) c->opt.require_dyad = petrarch_bool(value);
    else if (strcmp(name, "unknown_agents") == 0) c->opt.unknown_agents = petrarch_bool(value);
    else if (strcmp(name, "modal_intent") == 0) c->opt.modal_intent = petrarch_bool(value);
    else if (strcmp(name, "stop_on_error") == 0) return 0;   /* dyad never stops */
    else {
        int *field = int_option(&c->opt, name);
        char *end;
        long v = field ? strtol(value, &end, 10) : 0;
        if (!field || end == value || v < 0 || v > 1000) return -1;
        while (*end == ' ') end++;
        if (*end) return -1;
        *field = (int)v;
    }
    return 0;
}

void dyad_coder_free(dyad_coder *c)
{
    if (!c) return;
    dict_free(c->dc);
    for (size_t k = 0; k < c->n_sources; k++) free(c->sources[k].name);
    free(c->sources);
    free(c);
}

static int kind_from_name(const char *kind, const char *path)
{
    static const char *const names[] = {"verbs", "actors", "agents", "discards", "issues"};
    for (int k = 0; k < 5; k++)
        if (kind && strcmp(kind, names[k]) == 0) return k;
    if (kind) return -1;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (strstr(base, "actor")) return DICT_ACTORS;
    if (strstr(base, "agent")) return DICT_AGENTS;
    if (strstr(base, "discard")) return DICT_DISCARDS;
    if (strstr(base, "ssue")) return DICT_ISSUES;
    if (strstr(base, "verb") || strstr(base, "CAMEO")) return DICT_VERBS;
    return -1;
}

int dyad_dict_check(const char *path, const char *kind, dyad_warn_fn warn, void *warn_ctx)
{
    int k = kind_from_name(kind, path);
    warn_relay w = {warn, warn_ctx};
    if (k < 0) {
        char msg[512];
        snprintf(msg, sizeof msg, "%s:0: cannot tell the dictionary kind; use --kind", path);
        if (warn) warn(warn_ctx, msg); else fprintf(stderr, "dyad: %s\n", msg);
        return -1;
    }
    dict *dc = dict_new();
    int problems = dict_load_file(dc, (dict_kind)k, path, relay_warning, &w);
    dict_free(dc);
    return problems;
}

void dyad_coder_dict_stats(const dyad_coder *c, dyad_dict_stats *out)
{
    dict_report(c->dc, out);
}

void dyad_dict_stats_clear(dyad_dict_stats *s)
{
    if (!s) return;
    free(s->uncovered);
    free(s->people_by_country);
    memset(s, 0, sizeof *s);
}

/* ---- PETR_config.ini ---- */

static char *heap_strndup(const char *s, size_t n)
{
    char *p = xmalloc(n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    char *e = s + strlen(s);
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r')) *--e = '\0';
    return s;
}

/* Splits a comma-separated list of actor files into cfg->actors. */
static void set_actor_list(dyad_dict_config *cfg, char *value)
{
    const char **list = NULL;
    size_t n = 0;
    for (char *tok = strtok(value, ","); tok; tok = strtok(NULL, ",")) {
        list = xrealloc(list, (n + 1) * sizeof *list);
        list[n++] = xstrdup(trim(tok));
    }
    cfg->actors = list;
    cfg->n_actors = n;
}

/* A line of [Options], kept as "name=value"; the coder takes the ones it
 * knows (dyad_coder_set_option) and passes over the rest. */
static void ini_option(dyad_dict_config *cfg, const char *key, const char *value)
{
    size_t n = strlen(key) + strlen(value) + 2;
    char *s = xmalloc(n);
    snprintf(s, n, "%s=%s", key, value);
    const char **list = xrealloc((void *)cfg->options, (cfg->n_options + 1) * sizeof *list);
    list[cfg->n_options++] = s;
    cfg->options = list;
}

static void ini_setting(dyad_dict_config *cfg, const char *key, char *value)
{
    if (strcmp(key, "verbfile_name") == 0) cfg->verbs = xstrdup(value);
    else if (strcmp(key, "actorfile_list") == 0) set_actor_list(cfg, value);
    else if (strcmp(key, "agentfile_name") == 0) cfg->agents = xstrdup(value);
    else if (strcmp(key, "discardfile_name") == 0) cfg->discards = xstrdup(value);
    else if (strcmp(key, "issuefile_name") == 0) cfg->issues = xstrdup(value);
}

/* Reads the first [Dictionaries] section (PETRARCH2 uses the first). */
static void read_ini(FILE *f, dyad_dict_config *cfg)
{
    char line[4096];
    int in_section = 0, seen_section = 0, in_options = 0;
    while (fgets(line, sizeof line, f)) {
        char *s = trim(line);
        if (*s == '#' || *s == ';' || *s == '\0') continue;
        if (*s == '[') {
            in_section = !seen_section && strncmp(s, "[Dictionaries]", 14) == 0;
            seen_section |= in_section;
            in_options = strncmp(s, "[Options]", 9) == 0;
            continue;
        }
        char *eq = strchr(s, '=');
        if (!eq) continue;
        *eq = '\0';
        char *value = trim(eq + 1), *hash = strchr(value, '#');
        if (in_options) {
            if (hash) *hash = '\0';
            ini_option(cfg, trim(s), trim(value));
        }
        if (in_section) ini_setting(cfg, trim(s), value);
    }
}

int dyad_dict_config_from_petrarch_ini(const char *path, dyad_dict_config *cfg, char *err,
                                       size_t errlen)
{
    memset(cfg, 0, sizeof *cfg);
    FILE *f = fopen(path, "r");
    if (!f) {
        set_error(err, errlen, "cannot read %s: %s", path, strerror(errno));
        return -1;
    }
    read_ini(f, cfg);
    fclose(f);
    const char *slash = strrchr(path, '/');
    cfg->dictionary_dir = slash ? heap_strndup(path, (size_t)(slash - path)) : xstrdup(".");
    if (!cfg->verbs && !cfg->n_actors) {
        set_error(err, errlen, "%s: no [Dictionaries] section with dictionary files", path);
        dyad_dict_config_clear(cfg);
        return -1;
    }
    return 0;
}

void dyad_dict_config_clear(dyad_dict_config *cfg)
{
    free((char *)cfg->dictionary_dir);
    free((char *)cfg->verbs);
    for (size_t k = 0; k < cfg->n_actors; k++) free((char *)cfg->actors[k]);
    free((void *)cfg->actors);
    free((char *)cfg->agents);
    free((char *)cfg->discards);
    free((char *)cfg->issues);
    for (size_t k = 0; k < cfg->n_options; k++) free((char *)cfg->options[k]);
    free((void *)cfg->options);
    memset(cfg, 0, sizeof *cfg);
}

/* ---- input ---- */

/* Counts of record ids seen in the current file, to number repeats. */
typedef struct id_count {
    char *id;
    int count;
    struct id_count *next;
} id_count;

#define ID_BUCKETS 1024

struct dyad_story {
    story st;
    arena *a;
    int owns_arena;
    const struct dyad_result *result;
};

struct dyad_input {
    input_list *list;
    reader *r;
    input_format fmt;
    arena *a;
    struct dyad_story story;
    char error[2048];
    id_count *ids[ID_BUCKETS];
};

int dyad_input_format_parse(const char *name) { return input_format_parse(name); }

dyad_input *dyad_input_open(const char *const *paths, size_t n, dyad_input_format fmt)
{
    dyad_input *in = xcalloc(1, sizeof *in);
    static const char *const stdin_only[] = {"-"};
    in->list = n ? input_list_new(paths, n) : input_list_new(stdin_only, 1);
    in->fmt = (input_format)fmt;
    in->a = arena_new();
    in->story.a = in->a;
    return in;
}

static void forget_ids(dyad_input *in)
{
    for (size_t b = 0; b < ID_BUCKETS; b++) {
        while (in->ids[b]) {
            id_count *next = in->ids[b]->next;
            free(in->ids[b]->id);
            free(in->ids[b]);
            in->ids[b] = next;
        }
    }
}

static size_t hash_string(const char *s)
{
    size_t h = 5381;
    for (; *s; s++) h = h * 33 + (unsigned char)*s;
    return h;
}

/* How many times this id has been seen in the file, this one included. */
static int count_id(dyad_input *in, const char *id)
{
    size_t b = hash_string(id) % ID_BUCKETS;
    for (id_count *c = in->ids[b]; c; c = c->next)
        if (strcmp(c->id, id) == 0) return ++c->count;
    id_count *c = xmalloc(sizeof *c);
    c->id = xstrdup(id);
    c->count = 1;
    c->next = in->ids[b];
    in->ids[b] = c;
    return 1;
}

/* PETRARCH XML: the record is the unit; repeated ids get #2, #3, ... */
static void number_record(dyad_input *in, story *st)
{
    st->is_record = 1;
    int n = count_id(in, st->id);
    if (n < 2) return;
    char suffix[16];
    snprintf(suffix, sizeof suffix, "#%d", n);
    size_t len = strlen(st->id);
    char *id = arena_alloc(in->a, len + strlen(suffix) + 1);
    memcpy(id, st->id, len);
    strcpy(id + len, suffix);
    st->id = id;
}

static void format_failure(dyad_input *in, const read_failure *f)
{
    if (f->id)
        snprintf(in->error, sizeof in->error, "%s:%ld: id %s: %s", f->origin ? f->origin : "?",
                 f->line, f->id, f->message ? f->message : "unreadable record");
    else
        snprintf(in->error, sizeof in->error, "%s:%ld: %s", f->origin ? f->origin : "?",
                 f->line, f->message ? f->message : "unreadable record");
}

/* Opens the next file of the list; DYAD_END, DYAD_FAILED or DYAD_STORY (opened). */
static int open_next_file(dyad_input *in)
{
    const char *path = input_list_next(in->list);
    if (!path) return DYAD_END;
    read_failure fail = {0};
    forget_ids(in);
    in->r = reader_open(path, in->fmt, &fail);
    if (in->r) return DYAD_STORY;
    if (!fail.origin) fail.origin = path;
    format_failure(in, &fail);
    return DYAD_FAILED;
}

int dyad_input_next(dyad_input *in, dyad_story **out)
{
    arena_reset(in->a);
    for (;;) {
        if (!in->r) {
            int st = open_next_file(in);
            if (st != DYAD_STORY) return st;
        }
        read_failure fail = {0};
        memset(&in->story.st, 0, sizeof in->story.st);
        read_status st = reader_next(in->r, in->a, &in->story.st, &fail);
        if (st == READ_END) {
            reader_close(in->r);
            in->r = NULL;
            continue;
        }
        if (st == READ_FAILED) {
            format_failure(in, &fail);
            return DYAD_FAILED;
        }
        if (reader_format(in->r) == INPUT_PETRARCH_XML) number_record(in, &in->story.st);
        in->story.result = NULL;
        *out = &in->story;
        return DYAD_STORY;
    }
}

const char *dyad_input_error(const dyad_input *in) { return in->error; }

void dyad_input_close(dyad_input *in)
{
    if (!in) return;
    if (in->r) reader_close(in->r);
    input_list_free(in->list);
    forget_ids(in);
    arena_free(in->a);
    free(in);
}

/* ---- stories from memory ---- */

dyad_story *dyad_story_new(const char *id, const char *date, const char *text, char *err,
                           size_t errlen)
{
    story st = {0};
    if (parse_story_date(date, strlen(date), &st.year, &st.month, &st.day) != 0) {
        set_error(err, errlen, "id %s: invalid date \"%s\" (want YYYY-MM-DD)", id, date);
        return NULL;
    }
    long bad = utf8_invalid_offset(text, strlen(text));
    if (bad >= 0) {
        set_error(err, errlen, "id %s: invalid UTF-8 at byte %ld", id, bad);
        return NULL;
    }
    dyad_story *s = xcalloc(1, sizeof *s);
    s->a = arena_new();
    s->owns_arena = 1;
    st.id = arena_strdup(s->a, id);
    snprintf(st.date, sizeof st.date, "%04d-%02d-%02d", st.year, st.month, st.day);
    st.text = arena_strdup(s->a, text);
    st.text_len = strlen(text);
    st.origin = "(memory)";
    s->st = st;
    return s;
}

void dyad_story_free(dyad_story *s)
{
    if (!s || !s->owns_arena) return;
    arena_free(s->a);
    free(s);
}

const char *dyad_story_id(const dyad_story *s) { return s->st.id; }
const char *dyad_story_date(const dyad_story *s) { return s->st.date; }
const char *dyad_story_text(const dyad_story *s) { return s->st.text; }

/* ---- coding and results ---- */

void dyad_coder_use_parser(dyad_coder *c, dyad_parser *p)
{
    c->sx = p ? p->sx : NULL;
}

/* The <Config> settings a petrarch-xml record carries ("name=value"
 * lines, set before it in the file): they change the coder's options for
 * this record and every later one, as PETRARCH applies them. */
static void apply_story_config(dyad_coder *c, const char *config)
{
    for (const char *p = config; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char line[256];
        if (n < sizeof line) {
            memcpy(line, p, n);
            line[n] = '\0';
            apply_setting(c, line);
        }
        p += n + (nl != NULL);
    }
}

const dyad_result *dyad_code(dyad_coder *c, dyad_story *s)
{
    if (!s->result) {
        apply_story_config(c, s->st.config);
        s->result = pipeline_run(s->a, c->dc, c->sx, &c->opt, &s->st);
    }
    return s->result;
}

dyad_result_status dyad_result_get_status(const dyad_result *r) { return r->status; }
const char *dyad_result_discard_reason(const dyad_result *r) { return r->discard_reason; }
size_t dyad_result_sentence_count(const dyad_result *r) { return r->n_kept; }
size_t dyad_result_dropped_count(const dyad_result *r) { return r->n_dropped; }
size_t dyad_result_event_count(const dyad_result *r) { return r->n_events; }

const dyad_event *dyad_result_event(const dyad_result *r, size_t i)
{
    return i < r->n_events ? &r->events[i] : NULL;
}

const char *dyad_event_sentence_id(const dyad_event *e) { return e->sentence_id; }
const char *dyad_event_date(const dyad_event *e) { return e->date; }
const char *dyad_event_date_text(const dyad_event *e) { return e->date_text; }
const char *dyad_event_source(const dyad_event *e) { return e->source; }
const char *dyad_event_target(const dyad_event *e) { return e->target; }
const char *dyad_event_code(const dyad_event *e) { return e->code; }
const char *dyad_event_location_name(const dyad_event *e) { return e->loc_name; }
unsigned dyad_event_mentions(const dyad_event *e) { return e->mentions; }
const char *dyad_event_quoted_by(const dyad_event *e) { return e->quoted_by; }

size_t dyad_result_quote_count(const dyad_result *r) { return r->n_quotes; }

const dyad_quote *dyad_result_quote(const dyad_result *r, size_t i)
{
    return i < r->n_quotes ? &r->quotes[i] : NULL;
}

const char *dyad_quote_speaker(const dyad_quote *q) { return q->speaker_name; }
const char *dyad_quote_speaker_code(const dyad_quote *q) { return q->speaker_code; }
const char *dyad_quote_text(const dyad_quote *q) { return q->text; }

int dyad_write_quotes(FILE *out, const dyad_result *r)
{
    for (size_t k = 0; k < r->n_quotes; k++)
        if (write_quote_jsonl(out, &r->quotes[k]) != 0) return -1;
    return 0;
}

const char *dyad_event_location_country(const dyad_event *e) { return e->loc_country; }

int dyad_event_location_coords(const dyad_event *e, double *lat, double *lon)
{
    if (!e->has_coords) return 0;
    *lat = e->lat;
    *lon = e->lon;
    return 1;
}

/* ---- output ---- */

struct dyad_writer {
    FILE *out;
    dyad_output_format fmt;
    int wrote_header;
    int failed;
    size_t n_written;
};

int dyad_output_format_parse(const char *name)
{
    if (strcmp(name, "jsonl") == 0 || strcmp(name, "json") == 0) return DYAD_OUTPUT_JSONL;
    if (strcmp(name, "tsv") == 0) return DYAD_OUTPUT_TSV;
    if (strcmp(name, "phoenix") == 0) return DYAD_OUTPUT_PHOENIX;
    if (strcmp(name, "text") == 0) return DYAD_OUTPUT_TEXT;
    return -1;
}

dyad_writer *dyad_writer_new(FILE *out, dyad_output_format fmt)
{
    dyad_writer *w = xcalloc(1, sizeof *w);
    w->out = out;
    w->fmt = fmt;
    return w;
}

static int write_one(dyad_writer *w, const dyad_event *e)
{
    switch (w->fmt) {
    case DYAD_OUTPUT_TSV: return write_event_tsv(w->out, e);
    case DYAD_OUTPUT_PHOENIX: return write_event_phoenix(w->out, e, ++w->n_written);
    case DYAD_OUTPUT_TEXT: return write_event_text(w->out, e);
    default: return write_event_jsonl(w->out, e);
    }
}

int dyad_writer_write(dyad_writer *w, const dyad_result *r)
{
    if (w->fmt == DYAD_OUTPUT_TSV && !w->wrote_header) {
        w->wrote_header = 1;
        if (write_tsv_header(w->out) != 0) w->failed = 1;
    }
    for (size_t k = 0; k < r->n_events && !w->failed; k++)
        if (write_one(w, &r->events[k]) != 0) w->failed = 1;
    return w->failed ? -1 : 0;
}

int dyad_writer_free(dyad_writer *w)
{
    if (!w) return 0;
    if (w->fmt == DYAD_OUTPUT_TSV && !w->wrote_header) write_tsv_header(w->out);
    int rc = (fflush(w->out) != 0 || ferror(w->out) || w->failed) ? -1 : 0;
    free(w);
    return rc;
}

/* ---- syntax ---- */

dyad_parser *dyad_parser_load(const char *model_dir, char *err, size_t errlen)
{
    syntax *sx = syntax_load(model_dir, err, errlen);
    if (!sx) return NULL;
    dyad_parser *p = xcalloc(1, sizeof *p);
    p->sx = sx;
    p->a = arena_new();
    p->model_dir = xstrdup(syntax_model_dir(model_dir));
    return p;
}

const char *dyad_parser_model_dir(const dyad_parser *p) { return p->model_dir; }

void dyad_parser_free(dyad_parser *p)
{
    if (!p) return;
    syntax_free(p->sx);
    arena_free(p->a);
    free(p->model_dir);
    free(p);
}

/* The words of kept sentence s of d, forms copied out of the cleaned text. */
static ud_word *sentence_words(arena *a, const doc *d, const sentence *s)
{
    ud_word *w = arena_calloc(a, s->n_tokens ? s->n_tokens : 1, sizeof *w);
    for (uint32_t k = 0; k < s->n_tokens; k++) {
        const token *t = &d->tokens[s->first_token + k];
        w[k].form = arena_strndup(a, d->clean + t->start, t->len);
    }
    return w;
}

/* ---- temporal expressions ---- */

#define MAX_SENTENCE_TIMES 64

/* Appends the expressions of sentence se to *list (malloc'd, grown by
 * doubling), with offsets and text in the story as given. */
static void sentence_times(dyad_story *s, const doc *d, const sentence *se,
                           dyad_time_expression **list, size_t *n, size_t *cap)
{
    timex found[MAX_SENTENCE_TIMES];
    timex_anchor an = {s->st.year, s->st.month, s->st.day};
    size_t k = timex_find(d->tokens + se->first_token, se->n_tokens, an, found,
                          MAX_SENTENCE_TIMES);
    for (size_t i = 0; i < k; i++) {
        const token *a = &d->tokens[se->first_token + found[i].first];
        const token *z = &d->tokens[se->first_token + found[i].first + found[i].n - 1];
        if (*n == *cap) *list = xrealloc(*list, (*cap = *cap ? 2 * *cap : 16) * sizeof **list);
        dyad_time_expression *x = &(*list)[(*n)++];
        x->start = d->orig[a->start];
        x->end = d->orig[z->start + z->len];
        x->text = arena_strndup(s->a, s->st.text + x->start, x->end - x->start);
        x->type = timex_type_name((timex_type)found[i].type);
        x->value = arena_strdup(s->a, found[i].value);
    }
}

size_t dyad_story_times(dyad_story *s, const dyad_time_expression **out)
{
    doc d;
    *out = NULL;
    if (pipeline_text(s->a, &s->st, &d) != 0) return 0;
    dyad_time_expression *list = NULL;
    size_t n = 0, cap = 0;
    for (size_t k = 0; k < d.n_sents; k++) sentence_times(s, &d, &d.sents[k], &list, &n, &cap);
    if (n) {
        dyad_time_expression *kept = arena_alloc(s->a, n * sizeof *kept);
        memcpy(kept, list, n * sizeof *kept);
        *out = kept;
    }
    free(list);
    return n;
}

int dyad_write_times(FILE *out, dyad_story *s)
{
    const dyad_time_expression *x;
    size_t n = dyad_story_times(s, &x);
    for (size_t k = 0; k < n; k++)
        if (write_time_expression_jsonl(out, s->st.id, &x[k]) != 0) return -1;
    return ferror(out) ? -1 : 0;
}

int dyad_parse_story(dyad_parser *p, dyad_story *s, FILE *out)
{
    doc d;
    if (pipeline_text(s->a, &s->st, &d) != 0) return 0;
    for (size_t k = 0; k < d.n_sents; k++) {
        const sentence *se = &d.sents[k];
        if (se->status != SENT_KEPT || se->n_tokens == 0) continue;
        char id[512];
        snprintf(id, sizeof id, "%s:%d", s->st.id, se->number);
        ud_sentence us = {id, arena_strndup(s->a, d.clean + se->start, se->end - se->start),
                          sentence_words(s->a, &d, se), se->n_tokens};
        if (syntax_analyze(p->sx, s->a, us.words, us.n) != 0) return -1;
        conllu_write_sentence(out, &us);
    }
    return ferror(out) ? -1 : 0;
}

int dyad_parser_evaluate(dyad_parser *p, const char *gold_conllu, dyad_parse_scores *out,
                         char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    treebank *tb = conllu_read_file(gold_conllu, err, errlen);
    if (!tb) return -1;
    syntax_scores sc;
    int rc = syntax_evaluate(p->sx, tb, &sc);
    conllu_free(tb);
    if (rc) { set_error(err, errlen, "%s: out of memory", gold_conllu); return -1; }
    *out = (dyad_parse_scores){sc.sentences, sc.words, sc.upos, sc.xpos, sc.lemma, sc.uas,
                               sc.las, sc.seconds > 0 ? (double)sc.words / sc.seconds : 0};
    return 0;
}

int dyad_parse_conllu(dyad_parser *p, const char *path, FILE *out, char *err, size_t errlen)
{
    treebank *tb = conllu_read_file(path, err, errlen);
    if (!tb) return -1;
    int rc = 0;
    for (size_t k = 0; k < tb->n_sents && rc == 0; k++) {
        ud_sentence *us = &tb->sents[k];
        rc = syntax_analyze(p->sx, p->a, us->words, us->n);
        if (rc == 0) conllu_write_sentence(out, us);
        arena_reset(p->a);
    }
    conllu_free(tb);
    if (rc == 0 && ferror(out)) rc = -1;
    if (rc) set_error(err, errlen, "%s: out of memory or write error", path);
    return rc;
}
