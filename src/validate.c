/* validate.c — see validate.h. */
#include "validate.h"

#include <expat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"

/* Elements of <Environment> whose text names a dictionary file. */
enum { ENV_NONE, ENV_VERBS, ENV_ACTORS, ENV_AGENTS, ENV_DISCARDS, ENV_ISSUES };

typedef struct vreader {
    vsuite *v;
    XML_Parser p;
    size_t cap_recs, cap_configs, cap_events;
    int in_sentence;
    int env_kind;               /* inside an Environment file element */
    char text[1024];            /* its character data */
    size_t text_len;
    /* repeated ids, numbered like dyad_input */
    char **seen;
    int *seen_count;
    size_t n_seen, cap_seen;
} vreader;

static const char *attr(const XML_Char **atts, const char *name)
{
    for (size_t k = 0; atts[k]; k += 2)
        if (strcmp(atts[k], name) == 0) return atts[k + 1];
    return NULL;
}

static const char *dup_or_null(vreader *r, const char *s)
{
    return s ? arena_strdup(r->v->a, s) : NULL;
}

/* "DEMO-00", or "DEMO-00#2" for its second occurrence in the file. */
static const char *numbered_id(vreader *r, const char *id)
{
    for (size_t k = 0; k < r->n_seen; k++) {
        if (strcmp(r->seen[k], id) != 0) continue;
        char buf[512];
        snprintf(buf, sizeof buf, "%s#%d", id, ++r->seen_count[k]);
        return arena_strdup(r->v->a, buf);
    }
    if (r->n_seen == r->cap_seen) {
        r->cap_seen = r->cap_seen ? 2 * r->cap_seen : 64;
        r->seen = xrealloc(r->seen, r->cap_seen * sizeof *r->seen);
        r->seen_count = xrealloc(r->seen_count, r->cap_seen * sizeof *r->seen_count);
    }
    r->seen[r->n_seen] = xstrdup(id);
    r->seen_count[r->n_seen++] = 1;
    return arena_strdup(r->v->a, id);
}

static void start_sentence(vreader *r, const XML_Char **atts)
{
    vsuite *v = r->v;
    if (v->n == r->cap_recs) {
        r->cap_recs = r->cap_recs ? 2 * r->cap_recs : 256;
        v->recs = xrealloc(v->recs, r->cap_recs * sizeof *v->recs);
    }
    vrecord *rec = &v->recs[v->n++];
    memset(rec, 0, sizeof *rec);
    const char *id = attr(atts, "id"), *sentence = attr(atts, "sentence");
    rec->id = numbered_id(r, id ? id : "");
    rec->category = dup_or_null(r, attr(atts, "category"));
    rec->sentence = sentence && strcasecmp(sentence, "true") == 0;
    rec->line = (long)XML_GetCurrentLineNumber(r->p);
    r->in_sentence = 1;
    r->cap_events = 0;
}

static void add_event_coding(vreader *r, const XML_Char **atts)
{
    if (!r->in_sentence || r->v->n == 0) return;
    vrecord *rec = &r->v->recs[r->v->n - 1];
    const char *noevents = attr(atts, "noevents"), *error = attr(atts, "error");
    if (noevents && strcasecmp(noevents, "true") == 0) { rec->noevents = 1; return; }
    if (error) { rec->error = arena_strdup(r->v->a, error); return; }
    if (rec->n_events == r->cap_events) {
        size_t cap = r->cap_events ? 2 * r->cap_events : 4;
        expected_event *e = arena_alloc(r->v->a, cap * sizeof *e);
        if (rec->n_events) memcpy(e, rec->events, rec->n_events * sizeof *e);
        rec->events = e;
        r->cap_events = cap;
    }
    rec->events[rec->n_events++] = (expected_event){dup_or_null(r, attr(atts, "sourcecode")),
                                                    dup_or_null(r, attr(atts, "targetcode")),
                                                    dup_or_null(r, attr(atts, "eventcode"))};
}

static void add_config(vreader *r, const XML_Char **atts)
{
    vsuite *v = r->v;
    const char *option = attr(atts, "option"), *value = attr(atts, "value");
    if (!option) return;
    if (v->n_configs == r->cap_configs) {
        r->cap_configs = r->cap_configs ? 2 * r->cap_configs : 16;
        v->configs = xrealloc(v->configs, r->cap_configs * sizeof *v->configs);
    }
    v->configs[v->n_configs++] = (vconfig){arena_strdup(v->a, option),
                                           arena_strdup(v->a, value ? value : ""), v->n};
}

static int env_kind_of(const char *name)
{
    if (strcmp(name, "Verbfile") == 0) return ENV_VERBS;
    if (strcmp(name, "Actorfile") == 0) return ENV_ACTORS;
    if (strcmp(name, "Agentfile") == 0) return ENV_AGENTS;
    if (strcmp(name, "Discardfile") == 0) return ENV_DISCARDS;
    if (strcmp(name, "Issuefile") == 0) return ENV_ISSUES;
    return ENV_NONE;
}

static void XMLCALL on_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
    vreader *r = ud;
    if (strcmp(name, "Sentence") == 0) start_sentence(r, atts);
    else if (strcmp(name, "EventCoding") == 0) add_event_coding(r, atts);
    else if (strcmp(name, "Config") == 0) add_config(r, atts);
    else if ((r->env_kind = env_kind_of(name)) != ENV_NONE) r->text_len = 0;
}

/* The element's text without surrounding white space. */
static const char *trimmed_text(vreader *r)
{
    size_t b = 0, e = r->text_len;
    while (b < e && (r->text[b] == ' ' || r->text[b] == '\t' || r->text[b] == '\n' ||
                     r->text[b] == '\r'))
        b++;
    while (e > b && (r->text[e - 1] == ' ' || r->text[e - 1] == '\t' ||
                     r->text[e - 1] == '\n' || r->text[e - 1] == '\r'))
        e--;
    return arena_strndup(r->v->a, r->text + b, e - b);
}

static void set_env_file(vreader *r)
{
    vsuite *v = r->v;
    const char *file = trimmed_text(r);
    switch (r->env_kind) {
    case ENV_VERBS: v->verbfile = file; break;
    case ENV_AGENTS: v->agentfile = file; break;
    case ENV_DISCARDS: v->discardfile = file; break;
    case ENV_ISSUES: v->issuefile = file; break;
    case ENV_ACTORS:
        if (v->n_actorfiles < VALIDATE_MAX_ACTOR_FILES) v->actorfiles[v->n_actorfiles++] = file;
        break;
    default: break;
    }
}

static void XMLCALL on_end(void *ud, const XML_Char *name)
{
    vreader *r = ud;
    if (strcmp(name, "Sentence") == 0) r->in_sentence = 0;
    else if (r->env_kind != ENV_NONE && env_kind_of(name) == r->env_kind) {
        set_env_file(r);
        r->env_kind = ENV_NONE;
    }
}

static void XMLCALL on_text(void *ud, const XML_Char *s, int len)
{
    vreader *r = ud;
    if (r->env_kind == ENV_NONE) return;
    size_t n = (size_t)len;
    if (n > sizeof r->text - 1 - r->text_len) n = sizeof r->text - 1 - r->text_len;
    memcpy(r->text + r->text_len, s, n);
    r->text_len += n;
}

static void reader_done(vreader *r)
{
    for (size_t k = 0; k < r->n_seen; k++) free(r->seen[k]);
    free(r->seen);
    free(r->seen_count);
    if (r->p) XML_ParserFree(r->p);
}

static vsuite *suite_new(vreader *r)
{
    vsuite *v = xcalloc(1, sizeof *v);
    v->a = arena_new();
    memset(r, 0, sizeof *r);
    r->v = v;
    r->p = XML_ParserCreate(NULL);
    XML_SetUserData(r->p, r);
    XML_SetElementHandler(r->p, on_start, on_end);
    XML_SetCharacterDataHandler(r->p, on_text);
    return v;
}

/* Feeds n bytes (the last ones when done); 0, or -1 with err set. */
static int feed(vreader *r, const char *buf, size_t n, int done, const char *who, char *err,
                size_t errlen)
{
    while (n > 0 || done) {
        int chunk = n > (1u << 30) ? 1 << 30 : (int)n;
        int last = done && (size_t)chunk == n;
        if (XML_Parse(r->p, buf, chunk, last) == XML_STATUS_ERROR) {
            snprintf(err, errlen, "%s:%lu: %s", who, (unsigned long)XML_GetCurrentLineNumber(r->p),
                     XML_ErrorString(XML_GetErrorCode(r->p)));
            return -1;
        }
        buf += chunk;
        n -= (size_t)chunk;
        if (last) break;
    }
    return 0;
}

vsuite *validate_parse(const char *data, size_t len, const char *who, char *err,
                       size_t errlen)
{
    vreader r;
    vsuite *v = suite_new(&r);
    int rc = feed(&r, data, len, 1, who, err, errlen);
    reader_done(&r);
    if (rc) { validate_free(v); return NULL; }
    return v;
}

vsuite *validate_read(const char *path, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) { snprintf(err, errlen, "%s: cannot open", path); return NULL; }
    vreader r;
    vsuite *v = suite_new(&r);
    char buf[65536];
    int rc = 0;
    for (int done = 0; rc == 0 && !done;) {
        size_t n = fread(buf, 1, sizeof buf, f);
        done = n < sizeof buf;
        rc = feed(&r, buf, n, done, path, err, errlen);
    }
    fclose(f);
    reader_done(&r);
    if (rc) { validate_free(v); return NULL; }
    return v;
}

void validate_free(vsuite *v)
{
    if (!v) return;
    free(v->recs);
    free(v->configs);
    arena_free(v->a);
    free(v);
}
