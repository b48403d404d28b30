/* dict_nouns.c — actors, agents, discards and issues (PETRARCH formats).
 *
 * Actors:   SERGEY_LAVROV_ [RUSGOV]      an entry; a code on its line
 *           +SERGEI_LAVROV               synonyms
 *               [RUSGOV >20040309]       more codes, date-restricted:
 *               [X 19940922-20040712]    <D before, >D after, D-D between
 *                                        (inclusive; YYYYMMDD or YYMMDD,
 *                                        YY <= 30 is 20YY, else 19YY)
 * Agents:   !PERSON! = MAN, WOMAN        a substitution set
 *           CONGRESS!PERSON! [~LEG]      expands to each item, no plurals
 *           TROOP [~MIL]                 regular plural made (TROOPS)
 *           POLICE {} [~COP]             no plural; {X} gives plural X
 *           NGO [NGO~]                   code goes before the actor's
 * Discards: +WORLD CUP                   '+': the whole story is dropped
 * Issues:   n:phrase [CODE], ~phrase, <ISSUE ...> tags: counted only.
 *
 * An actor or agent phrase defined twice keeps the last definition (as
 * PETRARCH).  A trailing '_' on a name is a word-boundary mark only.
 */
#include <stdlib.h>
#include <string.h>

#include "dict_internal.h"

#define MAX_EXPANSIONS 4096     /* phrases one agent line may expand to */

/* Drops trailing '_' and blanks. */
static void trim_name(const char *s, size_t *len)
{
    while (*len && (s[*len - 1] == '_' || dict_is_blank(s[*len - 1]))) (*len)--;
}

/* ---- dates ---- */

static int days_in_month(int y, int m)
{
    static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return days[m - 1];
}

/* YYYYMMDD or YYMMDD (YY <= 30 is 20YY, else 19YY) into *out as
 * YYYYMMDD; returns 0 if s[0..len) is not a real date. */
static int parse_date(const char *s, size_t len, int32_t *out)
{
    if (len != 6 && len != 8) return 0;
    int v[8];
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        v[i] = s[i] - '0';
    }
    int y, k = 0;
    if (len == 8) {
        y = v[0] * 1000 + v[1] * 100 + v[2] * 10 + v[3];
        k = 4;
    } else {
        y = v[0] * 10 + v[1];
        y += y <= 30 ? 2000 : 1900;
        k = 2;
    }
    int m = v[k] * 10 + v[k + 1], d = v[k + 2] * 10 + v[k + 3];
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    *out = y * 10000 + m * 100 + d;
    return 1;
}

/* ---- actors ---- */

typedef struct astate {
    int state;                  /* 0 no entry yet, 1 entry open, 2 entry rejected */
    long base_line;
    const char *name;
    wvec ids;                   /* the entry's phrases, one after another */
    size_t *lens;               /* their lengths */
    size_t n_phr, cap_phr;
    size_t first_code;          /* the entry's codes start here in d->acode */
    actor_code_rec *tmp;        /* codes of the line being read */
    size_t n_tmp, cap_tmp;
    int organization;           /* marked "# organization": never a person */
} astate;

/* One "[CODE restriction]" body s[0..len) into *out; 0 after a problem. */
static int parse_code_spec(loadctx *c, const char *s, size_t len, actor_code_rec *out)
{
    dict_trim(&s, &len);
    size_t cl = 0;
    while (cl < len && !dict_is_blank(s[cl])) cl++;
    if (!cl) { dict_problem(c, "empty [code]"); return 0; }
    out->code = dict_intern_str(c->d, s, cl);
    out->from = DATE_MIN;
    out->to = DATE_MAX;
    out->restricted = 0;
    char r[64];
    size_t n = 0;
    for (size_t i = cl; i < len; i++) {
        if (dict_is_blank(s[i])) continue;
        if (n == sizeof r - 1) { dict_problem(c, "bad date restriction"); return 0; }
        r[n++] = s[i];
    }
    r[n] = '\0';
    if (!n) return 1;
    out->restricted = 1;
    const char *dash = strchr(r, '-');
    int ok;
    if (r[0] == '<') ok = parse_date(r + 1, n - 1, &out->to);
    else if (r[0] == '>') ok = parse_date(r + 1, n - 1, &out->from);
    else if (dash) ok = parse_date(r, (size_t)(dash - r), &out->from) &&
                        parse_date(dash + 1, strlen(dash + 1), &out->to);
    else ok = 0;
    if (!ok) { dict_problem(c, "bad date in [%.*s]", (int)len, s); return 0; }
    if (out->from > out->to) {
        dict_problem(c, "date range of [%.*s] ends before it starts", (int)len, s);
        return 0;
    }
    return 1;
}

/* The "[..] [..]" groups of s into a->tmp; 0 after a problem. */
static int parse_codes(loadctx *c, astate *a, const char *s)
{
    a->n_tmp = 0;
    while (*s) {
        if (dict_is_blank(*s)) { s++; continue; }
        if (*s != '[') {
            dict_problem(c, "unexpected text after the code: %.20s", s);
            return 0;
        }
        const char *close = strchr(s, ']');
        if (!close || memchr(s + 1, '[', (size_t)(close - s - 1))) {
            dict_problem(c, "unbalanced '['");
            return 0;
        }
        actor_code_rec *r = DICT_PUSH(a->tmp, a->n_tmp, a->cap_tmp);
        if (!parse_code_spec(c, s + 1, (size_t)(close - s - 1), r)) return 0;
        s = close + 1;
    }
    return 1;
}

/* Appends the codes of the line to the open entry. */
static void keep_codes(loadctx *c, astate *a)
{
    for (size_t k = 0; k < a->n_tmp; k++)
        *DICT_PUSH(c->d->acode, c->d->n_acodes, c->d->cap_acodes) = a->tmp[k];
}

/* Stores the open entry: an actor with its phrases, or, with no code,
 * nothing (reported at its first line). */
static void close_entry(loadctx *c, astate *a)
{
    dict *d = c->d;
    if (a->state != 1) return;
    a->state = 0;
    size_t n_codes = d->n_acodes - a->first_code;
    if (!n_codes) {
        dict_problem_at(c, a->base_line, "actor %s has no code", a->name);
        return;
    }
    actor_rec *r = DICT_PUSH(d->actor, d->n_actors, d->cap_actors);
    r->name = a->name;
    r->first_code = (uint32_t)a->first_code;
    r->n_codes = (uint32_t)n_codes;
    r->person = 0;
    for (size_t k = 0; k < n_codes && !a->organization; k++)
        if (d->acode[a->first_code + k].restricted) r->person = 1;
    uint32_t id = (uint32_t)d->n_actors;          /* id + 1 */
    for (size_t k = 0, at = 0; k < a->n_phr; at += a->lens[k++]) {
        uint32_t node = dict_insert(d, d->noun_root, a->ids.v + at, a->lens[k]);
        if (!d->node[node].a) d->st.actor_phrases++;
        d->node[node].a = id;
    }
    d->st.actors++;
}

/* "PHRASE [codes]" in c->buf from s: adds the phrase to the entry and
 * keeps the codes; 0 after a problem (nothing kept). */
static int actor_phrase(loadctx *c, astate *a, const char *s)
{
    size_t pl = strcspn(s, "[]");
    if (s[pl] == ']') { dict_problem(c, "unbalanced ']'"); return 0; }
    if (!parse_codes(c, a, s + pl)) return 0;
    size_t before = a->ids.n;
    if (!dict_add_noun_phrase(c, s, pl, &a->ids)) { dict_problem(c, "actor phrase with no words"); return 0; }
    *DICT_PUSH(a->lens, a->n_phr, a->cap_phr) = a->ids.n - before;
    keep_codes(c, a);
    return 1;
}

/* A line that starts a new entry. */
static void actor_base(loadctx *c, astate *a)
{
    close_entry(c, a);
    a->ids.n = 0;
    a->n_phr = 0;
    a->first_code = c->d->n_acodes;
    a->base_line = c->line;
    a->state = 1;
    a->organization = c->org_comment;
    size_t nl = strcspn(c->buf, "[]");
    trim_name(c->buf, &nl);
    a->name = dict_strdup(c, c->buf, nl);
    if (!actor_phrase(c, a, c->buf)) a->state = 2;
}

void dict_read_actors(loadctx *c)
{
    astate a;
    memset(&a, 0, sizeof a);
    while (dict_next_line(c)) {
        char ch = c->buf[0];
        if (ch != '[' && ch != '+') { actor_base(c, &a); continue; }
        if (a.state == 2) continue;                 /* lines of a rejected entry */
        if (a.state == 0) {
            dict_problem(c, ch == '+' ? "synonym with no actor before it"
                                      : "code with no actor before it");
            continue;
        }
        if (ch == '+') actor_phrase(c, &a, c->buf + 1);
        else if (parse_codes(c, &a, c->buf)) keep_codes(c, &a);
    }
    close_entry(c, &a);
    free(a.ids.v);
    free(a.lens);
    free(a.tmp);
}

/* ---- agents ---- */

typedef struct gstate {
    wvec ids;
    int budget;                 /* phrases left for this line */
} gstate;

/* "!NAME! = A, B, C". */
static void define_marker(loadctx *c)
{
    dict *d = c->d;
    const char *s = c->buf + 1, *bang = strchr(s, '!');
    if (!bang || bang == s || dict_has_blank(s, (size_t)(bang - s))) {
        dict_problem(c, "bad substitution marker");
        return;
    }
    const char *p = bang + 1;
    while (dict_is_blank(*p)) p++;
    if (*p != '=') { dict_problem(c, "substitution marker without '='"); return; }
    p++;
    const char **items = NULL;
    size_t n = 0, cap = 0;
    while (*p) {
        size_t len = strcspn(p, ",");
        const char *it = p;
        p += len + (p[len] == ',');
        dict_trim(&it, &len);
        if (len) *DICT_PUSH(items, n, cap) = dict_strdup(c, it, len);
    }
    if (!n) { dict_problem(c, "substitution set with no items"); free(items); return; }
    marker_rec *m = DICT_PUSH(d->marker, d->n_markers, d->cap_markers);
    const char **kept = arena_alloc(d->mem, n * sizeof *kept);
    memcpy(kept, items, n * sizeof *kept);
    free(items);
    m->items = kept;
    m->n = (uint32_t)n;
    uint32_t node;
    dict_name(c, d->marker_names, s, (size_t)(bang - s), &node);
    d->node[node].a = (uint32_t)d->n_markers;
}

/* Checks that every !NAME! in s[0..len) is defined; returns how many
 * markers there are, or -1 after a problem. */
static int check_markers(loadctx *c, const char *s, size_t len)
{
    int count = 0;
    for (const char *p = s, *end = s + len; (p = memchr(p, '!', (size_t)(end - p)));) {
        const char *q = memchr(p + 1, '!', (size_t)(end - p - 1));
        if (!q || q == p + 1) { dict_problem(c, "unterminated substitution marker"); return -1; }
        if (!dict_name(c, c->d->marker_names, p + 1, (size_t)(q - p - 1), NULL)) {
            dict_problem(c, "undefined substitution marker !%.*s!", (int)(q - p - 1), p + 1);
            return -1;
        }
        count++;
        p = q + 1;
    }
    return count;
}

/* Stores the phrase s[0..len) as agent `agent`. */
static void agent_store(loadctx *c, gstate *g, const char *s, size_t len, uint32_t agent)
{
    dict *d = c->d;
    g->ids.n = 0;
    if (!dict_add_noun_phrase(c, s, len, &g->ids)) return;
    uint32_t node = dict_insert(d, d->noun_root, g->ids.v, g->ids.n);
    if (!d->node[node].b) d->st.agent_phrases++;
    d->node[node].b = agent + 1;
}

/* Stores the phrase unless this line's budget of phrases is spent. */
static void agent_store_counted(loadctx *c, gstate *g, const char *s, size_t len,
                                uint32_t agent)
{
    if (g->budget > 0) {
        g->budget--;
        agent_store(c, g, s, len, agent);
    } else if (g->budget == 0) {
        g->budget = -1;                       /* reported once */
        dict_problem(c, "too many substitutions; only the first %d are kept",
                     MAX_EXPANSIONS);
    }
}

/* Stores every expansion of the (checked) markers in s[from..len); text
 * before `from` was substituted already and is not scanned again (an
 * item may contain '!'). */
static void agent_expand(loadctx *c, gstate *g, const char *s, size_t len, size_t from,
                         uint32_t agent)
{
    const char *p = memchr(s + from, '!', len - from);
    const char *q = p ? memchr(p + 1, '!', len - (size_t)(p + 1 - s)) : NULL;
    uint32_t id = q ? dict_name(c, c->d->marker_names, p + 1, (size_t)(q - p - 1), NULL) : 0;
    if (!id) {
        agent_store_counted(c, g, s, len, agent);
        return;
    }
    size_t head = (size_t)(p - s), tail = len - (size_t)(q + 1 - s);
    for (uint32_t k = 0; k < c->d->marker[id - 1].n && g->budget >= 0; k++) {
        const char *item = c->d->marker[id - 1].items[k];
        size_t il = strlen(item), n = head + il + tail;
        char *buf = xmalloc(n + 1);
        memcpy(buf, s, head);
        memcpy(buf + head, item, il);
        memcpy(buf + head + il, q + 1, tail);
        agent_expand(c, g, buf, n, head + il, agent);
        free(buf);
    }
}

/* The agent code between [ ] (one '~' before or after it); 0 after a problem. */
static int agent_code(loadctx *c, const char *s, size_t len, const char **code, int *prefix)
{
    dict_trim(&s, &len);
    *prefix = len && s[len - 1] == '~';
    if (len && (s[0] == '~' || *prefix)) {
        if (*prefix) len--; else { s++; len--; }
        dict_trim(&s, &len);
        if (len && !dict_has_blank(s, len) && !memchr(s, '~', len)) {
            *code = dict_intern_str(c->d, s, len);
            return 1;
        }
    }
    dict_problem(c, "agent code needs one '~' before or after it (~GOV, NGO~)");
    return 0;
}

/* The parts of an agent line: "NAME {PLURAL} [CODE]". */
typedef struct agentline {
    const char *name, *plural, *code;
    size_t name_len, plural_len, code_len;
    int has_braces;
} agentline;

/* Splits the agent line in c->buf; returns 0 after reporting a problem. */
static int split_agent_line(loadctx *c, agentline *al)
{
    memset(al, 0, sizeof *al);
    const char *s = c->buf, *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
    if (!open) { dict_problem(c, "agent has no [code]"); return 0; }
    if (!close || memchr(s, ']', (size_t)(open - s)) ||
        memchr(open + 1, '[', (size_t)(close - open - 1))) {
        dict_problem(c, "unbalanced '[' or ']'");
        return 0;
    }
    for (const char *p = close + 1; *p; p++)
        if (!dict_is_blank(*p)) { dict_problem(c, "unexpected text after the agent's code"); return 0; }
    al->code = open + 1;
    al->code_len = (size_t)(close - open - 1);
    al->name = s;
    al->name_len = (size_t)(open - s);
    const char *brace = memchr(s, '{', al->name_len);
    const char *bend = brace ? memchr(brace, '}', (size_t)(open - brace)) : NULL;
    if (brace && !bend) { dict_problem(c, "unbalanced '{'"); return 0; }
    if (!brace && memchr(s, '}', al->name_len)) { dict_problem(c, "unbalanced '}'"); return 0; }
    if (brace) {
        for (const char *p = bend + 1; p < open; p++)
            if (!dict_is_blank(*p)) { dict_problem(c, "unexpected text after {...}"); return 0; }
        al->has_braces = 1;
        al->plural = brace + 1;
        al->plural_len = (size_t)(bend - brace - 1);
        dict_trim(&al->plural, &al->plural_len);
        al->name_len = (size_t)(brace - s);
    }
    dict_trim(&al->name, &al->name_len);
    if (!al->name_len) { dict_problem(c, "agent with no name"); return 0; }
    return 1;
}

/* "PHRASE {PLURAL} [CODE]": an agent, its substitutions and plural. */
static void agent_line(loadctx *c, gstate *g)
{
    dict *d = c->d;
    agentline al;
    const char *code;
    int prefix, markers;
    if (!split_agent_line(c, &al) || !agent_code(c, al.code, al.code_len, &code, &prefix))
        return;
    if ((markers = check_markers(c, al.name, al.name_len)) < 0 ||
        (al.plural_len && check_markers(c, al.plural, al.plural_len) < 0))
        return;
    agent_rec *r = DICT_PUSH(d->agent, d->n_agents, d->cap_agents);
    r->code = code;
    r->prefix = (uint8_t)prefix;
    uint32_t id = (uint32_t)(d->n_agents - 1);
    d->st.agents++;
    g->budget = MAX_EXPANSIONS;
    agent_expand(c, g, al.name, al.name_len, 0, id);
    if (al.plural_len) agent_expand(c, g, al.plural, al.plural_len, 0, id);
    size_t n = (!al.has_braces && !markers) ? dict_plural(c, al.name, al.name_len) : 0;
    if (n) agent_store(c, g, c->tbuf, n, id);
}

void dict_read_agents(loadctx *c)
{
    gstate g;
    memset(&g, 0, sizeof g);
    while (dict_next_line(c)) {
        if (c->buf[0] == '!' && strchr(c->buf, '=')) define_marker(c);
        else agent_line(c, &g);
    }
    free(g.ids.v);
}

/* ---- discards ---- */

void dict_read_discards(loadctx *c)
{
    dict *d = c->d;
    wvec ids = { 0 };
    while (dict_next_line(c)) {
        const char *s = c->buf;
        size_t len = strlen(s);
        uint32_t flag = DISCARD_SENTENCE;
        if (*s == '+') { s++; len--; flag = DISCARD_STORY; }
        trim_name(s, &len);
        ids.n = 0;
        if (strpbrk(s, "[]{}")) { dict_problem(c, "a discard phrase has only words"); continue; }
        if (!dict_add_phrase(c, s, len, &ids)) { dict_problem(c, "empty discard phrase"); continue; }
        uint32_t node = dict_insert(d, d->discard_root, ids.v, ids.n);
        if (!d->node[node].a) d->st.discards++;
        d->node[node].a |= flag;
    }
    free(ids.v);
}

/* ---- issues ---- */

void dict_read_issues(loadctx *c)
{
    while (dict_next_line(c)) {
        const char *s = c->buf;
        if (strncmp(s, "<ISSUE", 6) == 0 || strncmp(s, "</ISSUE", 7) == 0) continue;
        if (*s == '~') { c->d->st.issues++; continue; }
        const char *open = strchr(s, '['), *close = open ? strchr(open, ']') : NULL;
        if (!open) { dict_problem(c, "issue phrase has no [code]"); continue; }
        if (!close || close == open + 1) { dict_problem(c, "bad [code]"); continue; }
        c->d->st.issues++;
    }
}
