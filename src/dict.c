/* dict.c — see dict.h.  The dictionary's storage (interned words, the
 * trie pool and its child table), the lookups and the accessors; the
 * readers of the five file kinds are in dict_verbs.c and dict_nouns.c,
 * their shared line and word handling in dict_read.c.  The layout is
 * described in dict_internal.h. */
#include "dict.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict_internal.h"
#include "key.h"

/* ---- growable arrays ---- */

/* A dictionary past 2^32 words or nodes, or an impossible size: the
 * out-of-memory policy of arena.h (print and abort). */
static void too_large(void)
{
    fprintf(stderr, "dyad: dictionary too large\n");
    abort();
}

void *dict_grow(void *p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) return p;
    size_t n = *cap ? *cap : 8;
    while (n < need) {
        if (n > SIZE_MAX / 2) n = need; else n *= 2;
    }
    if (size && n > SIZE_MAX / size) too_large();
    *cap = n;
    return xrealloc(p, n * size);
}

void wvec_push(wvec *w, uint32_t id)
{
    *DICT_PUSH(w->v, w->n, w->cap) = id;
}

/* ---- interned words ---- */

/* The hash the tokenizer stores in token.hash (key.h), so that a token's
 * word is found without hashing it again. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    return key_hash(s, len);
}

/* Slot of word `id` (hash h) in a table of cap slots (power of two). */
static void wtab_place(uint32_t *tab, size_t cap, uint64_t h, uint32_t id)
{
    size_t i = (size_t)h & (cap - 1);
    while (tab[i]) i = (i + 1) & (cap - 1);
    tab[i] = id;
}

/* Doubles the word table when it is half full. */
static void wtab_reserve(dict *d)
{
    if ((d->n_words + 1) * 2 <= d->wtab_cap) return;
    size_t cap = d->wtab_cap ? d->wtab_cap * 2 : 1024;
    uint32_t *tab = xcalloc(cap, sizeof *tab);
    for (size_t id = 1; id < d->n_words; id++)
        wtab_place(tab, cap, d->word_hash[id], (uint32_t)id);
    free(d->wtab);
    d->wtab = tab;
    d->wtab_cap = cap;
}

/* Id of key[0..len) with hash h, or 0. */
static uint32_t word_lookup(const dict *d, const char *key, size_t len, uint64_t h)
{
    if (!d->wtab_cap) return 0;
    for (size_t i = (size_t)h & (d->wtab_cap - 1);; i = (i + 1) & (d->wtab_cap - 1)) {
        uint32_t id = d->wtab[i];
        if (!id) return 0;
        const char *w = d->word[id];
        if (d->word_hash[id] == h && memcmp(w, key, len) == 0 && w[len] == '\0') return id;
    }
}

/* Room for one more word in d->word and d->word_hash (same capacity). */
static void words_reserve(dict *d)
{
    if (d->n_words < d->cap_words) return;
    size_t cap = d->cap_words ? d->cap_words * 2 : 1024;
    d->word = xrealloc(d->word, cap * sizeof *d->word);
    d->word_hash = xrealloc(d->word_hash, cap * sizeof *d->word_hash);
    d->cap_words = cap;
}

uint32_t dict_intern(dict *d, const char *key, size_t len)
{
    uint64_t h = hash_bytes(key, len);
    uint32_t id = word_lookup(d, key, len, h);
    if (id) return id;
    if (d->n_words >= UINT32_MAX - 1) too_large();
    wtab_reserve(d);
    words_reserve(d);
    id = (uint32_t)d->n_words++;
    d->word[id] = arena_strndup(d->mem, key, len);
    d->word_hash[id] = h;
    wtab_place(d->wtab, d->wtab_cap, h, id);
    return id;
}

const char *dict_intern_str(dict *d, const char *s, size_t len)
{
    uint32_t id = dict_intern(d, s, len);
    return d->word[id];
}

uint32_t dict_word_find(const dict *d, const char *key)
{
    if (!key) return 0;
    size_t len = strlen(key);
    return word_lookup(d, key, len, hash_bytes(key, len));
}

uint32_t dict_token_word_lookup(const dict *d, const token *t)
{
    if (!t->key || !d->wtab_cap) return 0;
    for (size_t i = t->hash & (d->wtab_cap - 1);; i = (i + 1) & (d->wtab_cap - 1)) {
        uint32_t id = d->wtab[i];
        if (!id) return 0;
        if (d->word_hash[id] == t->hash && strcmp(d->word[id], t->key) == 0) return id;
    }
}

uint32_t dict_serial(const dict *d)
{
    return d ? d->serial : 0;
}

void dict_stamp_tokens(const dict *d, token *toks, size_t n)
{
    if (!d) return;
    for (size_t i = 0; i < n; i++) {
        toks[i].word = dict_token_word_lookup(d, &toks[i]);
        toks[i].word_dict = d->serial;
    }
}

/* ---- the trie pool ---- */

uint32_t dict_new_node(dict *d)
{
    if (d->n_nodes >= UINT32_MAX) too_large();
    tnode *t = DICT_PUSH(d->node, d->n_nodes, d->cap_nodes);
    t->a = t->b = 0;
    return (uint32_t)(d->n_nodes - 1);
}

static size_t edge_slot(uint64_t key, size_t cap)
{
    uint64_t h = key * 0x9E3779B97F4A7C15u;
    return (size_t)(h ^ (h >> 29)) & (cap - 1);
}

/* The filter bit of an edge key: its hash's top bits (edge_slot uses the
 * low ones, so the two tests are nearly independent). */
static size_t filter_bit(uint64_t key, size_t bits)
{
    return (size_t)((key * 0xFF51AFD7ED558CCDu) >> 32) & (bits - 1);
}

static void filter_set(dict *d, uint64_t key)
{
    size_t b = filter_bit(key, d->efilter_bits);
    d->efilter[b >> 6] |= 1ull << (b & 63);
}

/* Most lookups while coding ask for a child that does not exist (is this
 * word the start of an actor, a verb, a synset phrase?); the filter, four
 * bits per slot of the child table and small enough to stay in a cache
 * near the core, answers most of them without a probe of the table
 * (the parsed pipeline 4% faster, the shallow one more). */
void dict_edge_filter(dict *d)
{
    free(d->efilter);
    d->efilter_bits = d->etab_cap > 16 ? d->etab_cap * 4 : 64;
    d->efilter = xcalloc(d->efilter_bits / 64, sizeof *d->efilter);
    for (size_t i = 0; i < d->etab_cap; i++)
        if (d->ekey[i]) filter_set(d, d->ekey[i]);
}

/* Doubles the child table when it is half full. */
static void etab_reserve(dict *d)
{
    if ((d->n_edges + 1) * 2 <= d->etab_cap) return;
    size_t cap = d->etab_cap ? d->etab_cap * 2 : 4096;
    uint64_t *key = xcalloc(cap, sizeof *key);
    uint32_t *val = xmalloc(cap * sizeof *val);
    for (size_t i = 0; i < d->etab_cap; i++) {
        if (!d->ekey[i]) continue;
        size_t j = edge_slot(d->ekey[i], cap);
        while (key[j]) j = (j + 1) & (cap - 1);
        key[j] = d->ekey[i];
        val[j] = d->eval[i];
    }
    free(d->ekey);
    free(d->eval);
    d->ekey = key;
    d->eval = val;
    d->etab_cap = cap;
    dict_edge_filter(d);
}

uint32_t dict_child(const dict *d, uint32_t node, uint32_t wid)
{
    if (!d->etab_cap || !wid) return 0;
    uint64_t key = (uint64_t)node << 32 | wid;
    size_t b = filter_bit(key, d->efilter_bits);
    if (!(d->efilter[b >> 6] >> (b & 63) & 1)) return 0;
    for (size_t i = edge_slot(key, d->etab_cap);; i = (i + 1) & (d->etab_cap - 1)) {
        if (d->ekey[i] == key) return d->eval[i];
        if (!d->ekey[i]) return 0;
    }
}

/* The child of node by wid, made if missing. */
static uint32_t child_make(dict *d, uint32_t node, uint32_t wid)
{
    uint32_t c = dict_child(d, node, wid);
    if (c) return c;
    c = dict_new_node(d);
    etab_reserve(d);
    uint64_t key = (uint64_t)node << 32 | wid;
    size_t i = edge_slot(key, d->etab_cap);
    while (d->ekey[i]) i = (i + 1) & (d->etab_cap - 1);
    d->ekey[i] = key;
    d->eval[i] = c;
    d->n_edges++;
    filter_set(d, key);
    return c;
}

uint32_t dict_insert(dict *d, uint32_t root, const uint32_t *wids, size_t n)
{
    uint32_t node = root;
    for (size_t k = 0; k < n; k++) node = child_make(d, node, wids[k]);
    return node;
}

/* ---- lifecycle ---- */

dict *dict_new(void)
{
    static atomic_uint next_serial = 1;
    dict *d = xcalloc(1, sizeof *d);
    d->serial = atomic_fetch_add(&next_serial, 1);
    if (!d->serial) d->serial = atomic_fetch_add(&next_serial, 1);   /* wrapped */
    d->mem = arena_new();
    words_reserve(d);
    d->word[0] = "";                   /* id 0 is "no word" */
    d->word_hash[0] = 0;
    d->n_words = 1;
    dict_new_node(d);                  /* node 0 is "no node" */
    d->noun_root = dict_new_node(d);
    d->verb_root = dict_new_node(d);
    d->discard_root = dict_new_node(d);
    d->synset_names = dict_new_node(d);
    d->marker_names = dict_new_node(d);
    d->gap_word = dict_intern(d, " ", 1);    /* no token's key has a blank */
    return d;
}

void dict_free(dict *d)
{
    if (!d) return;
    arena_free(d->mem);
    free(d->word);
    free(d->word_hash);
    free(d->wtab);
    free(d->node);
    free(d->ekey);
    free(d->eval);
    free(d->efilter);
    free(d->actor);
    free(d->acode);
    free(d->agent);
    free(d->verb);
    free(d->group);
    free(d->synset);
    free(d->sphrase);
    free(d->marker);
    free(d);
}

/* ---- loading ---- */

int dict_load(dict *d, dict_kind kind, const char *name, const char *text,
              size_t len, dict_warn_fn warn, void *ctx)
{
    loadctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.warn = warn;
    c.wctx = ctx;
    c.p = text ? text : "";
    c.end = text ? text + len : c.p;
    c.next_no = 1;
    if (!d) return 0;
    c.file = arena_strdup(d->mem, name ? name : "(dictionary)");
    switch (kind) {
    case DICT_VERBS: dict_read_verbs(&c); break;
    case DICT_ACTORS: dict_read_actors(&c); break;
    case DICT_AGENTS: dict_read_agents(&c); break;
    case DICT_DISCARDS: dict_read_discards(&c); break;
    case DICT_ISSUES: dict_read_issues(&c); break;
    default: dict_problem_at(&c, 0, "unknown dictionary kind %d", (int)kind); break;
    }
    free(c.buf);
    free(c.kbuf);
    free(c.tbuf);
    free(c.nbuf);
    return c.problems;
}

char *dict_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap) buf = dict_grow(buf, &cap, cap + 1, 1);
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        free(buf);
        errno = EIO;
        return NULL;
    }
    *len = n;
    return buf;
}

int dict_load_file(dict *d, dict_kind kind, const char *path,
                   dict_warn_fn warn, void *ctx)
{
    size_t len = 0;
    char *text = dict_read_file(path, &len);
    if (!text) {
        if (warn) {
            char msg[512];
            snprintf(msg, sizeof msg, "cannot read dictionary: %s", strerror(errno));
            warn(ctx, path, 0, msg);
        }
        return -1;
    }
    int problems = dict_load(d, kind, path, text, len, warn, ctx);
    free(text);
    return problems;
}

/* ---- nouns ---- */

/* Can token t stand in a gap of a noun phrase: a modifier ("state-run",
 * "former") or a name, not punctuation or a verb? */
static int fills_gap(const token *t)
{
    return t->kind == TOK_WORD && (t->pos == POS_ADJ || t->pos == POS_NOUN ||
                                   t->pos == POS_PROPN || t->pos == POS_NUM);
}

typedef struct noun_best {
    uint32_t actor, agent;
    size_t actor_len, agent_len;
} noun_best;

/* Walks the noun trie from node over toks[j..], recording the longest
 * actor and agent ends (lengths from i) in *b.  A gap edge lets up to
 * MAX_NOUN_GAP words be passed over; depth bounds the recursion. */
#define MAX_NOUN_GAP 3
static void walk_nouns(const dict *d, const token *toks, size_t n, size_t i, size_t j,
                       uint32_t node, int depth, noun_best *b)
{
    for (; j < n; j++) {
        uint32_t gap = depth < 4 ? dict_child(d, node, d->gap_word) : 0;
        for (size_t skip = 1; gap && skip <= MAX_NOUN_GAP && j + skip < n; skip++) {
            if (!fills_gap(&toks[j + skip - 1])) break;
            uint32_t after = dict_child(d, gap, dict_token_word(d, &toks[j + skip]));
            if (after) {
                size_t end = j + skip + 1;
                if (d->node[after].a && end - i > b->actor_len) {
                    b->actor = d->node[after].a - 1;
                    b->actor_len = end - i;
                }
                if (d->node[after].b && end - i > b->agent_len) {
                    b->agent = d->node[after].b - 1;
                    b->agent_len = end - i;
                }
                walk_nouns(d, toks, n, i, end, after, depth + 1, b);
            }
        }
        uint32_t next = gap ? dict_child(d, gap, dict_token_word(d, &toks[j])) : 0;
        if (next) node = next;                /* the gap may also be empty */
        else node = dict_child(d, node, dict_token_word(d, &toks[j]));
        if (!node) return;
        if (d->node[node].a && j - i + 1 > b->actor_len) {
            b->actor = d->node[node].a - 1;
            b->actor_len = j - i + 1;
        }
        if (d->node[node].b && j - i + 1 > b->agent_len) {
            b->agent = d->node[node].b - 1;
            b->agent_len = j - i + 1;
        }
    }
}

int dict_match_noun(const dict *d, const token *toks, size_t n, size_t i,
                    noun_match *out)
{
    if (!d || !toks || i >= n) return 0;
    noun_best b = {0, 0, 0, 0};
    walk_nouns(d, toks, n, i, i, d->noun_root, 0, &b);
    if (!b.actor_len && !b.agent_len) return 0;
    if (out) {
        int is_actor = b.actor_len >= b.agent_len;
        out->entry = is_actor ? b.actor : b.agent;
        out->n_tokens = (uint32_t)(is_actor ? b.actor_len : b.agent_len);
        out->kind = is_actor ? NOUN_ACTOR : NOUN_AGENT;
    }
    return 1;
}

const char *dict_actor_code(const dict *d, uint32_t actor, int yyyymmdd)
{
    if (!d || actor >= d->n_actors) return NULL;
    const actor_rec *a = &d->actor[actor];
    const char *fallback = NULL;
    for (uint32_t k = 0; k < a->n_codes; k++) {
        const actor_code_rec *c = &d->acode[a->first_code + k];
        if (!c->restricted) {
            if (!fallback) fallback = c->code;
        } else if (yyyymmdd >= c->from && yyyymmdd <= c->to) {
            return c->code;
        }
    }
    return fallback;
}

const char *dict_actor_latest_code(const dict *d, uint32_t actor)
{
    if (!d || actor >= d->n_actors) return NULL;
    const actor_rec *a = &d->actor[actor];
    const actor_code_rec *best = NULL;
    for (uint32_t k = 0; k < a->n_codes; k++) {
        const actor_code_rec *c = &d->acode[a->first_code + k];
        if (!best || (c->restricted && (!best->restricted || c->to > best->to ||
                                        (c->to == best->to && c->from > best->from))))
            best = c;
    }
    return best ? best->code : NULL;
}

int dict_actor_is_person(const dict *d, uint32_t actor)
{
    return d && actor < d->n_actors && d->actor[actor].person;
}

const char *dict_actor_name(const dict *d, uint32_t actor)
{
    return d && actor < d->n_actors ? d->actor[actor].name : NULL;
}

const char *dict_agent_code(const dict *d, uint32_t agent, int *is_prefix)
{
    if (is_prefix) *is_prefix = 0;
    if (!d || agent >= d->n_agents) return NULL;
    if (is_prefix) *is_prefix = d->agent[agent].prefix;
    return d->agent[agent].code;
}

/* ---- discards ---- */

size_t dict_match_discard_scope(const dict *d, const token *toks, size_t n, size_t i,
                                int *whole_story)
{
    if (whole_story) *whole_story = 0;
    if (!d || !toks || i >= n) return 0;
    uint32_t node = d->discard_root, flags = 0;
    size_t len = 0;
    for (size_t j = i; j < n; j++) {
        node = dict_child(d, node, dict_token_word(d, &toks[j]));
        if (!node) break;
        if (d->node[node].a) { flags = d->node[node].a; len = j - i + 1; }
    }
    if (whole_story && len) *whole_story = (flags & DISCARD_STORY) != 0;
    return len;
}

size_t dict_match_discard(const dict *d, const token *toks, size_t n, size_t i)
{
    return dict_match_discard_scope(d, toks, n, i, NULL);
}

/* ---- verbs ---- */

int dict_match_verb(const dict *d, const token *toks, size_t n, size_t i,
                    verb_match *out)
{
    if (!d || !toks || i >= n) return 0;
    uint32_t node = d->verb_root;
    const tnode *best = NULL;
    size_t len = 0;
    for (size_t j = i; j < n; j++) {
        node = dict_child(d, node, dict_token_word(d, &toks[j]));
        if (!node) break;
        if (d->node[node].a) { best = &d->node[node]; len = j - i + 1; }
    }
    if (!best) return 0;
    if (out) {
        out->verb = best->a - 1;
        out->n_tokens = (uint32_t)len;
        out->head = best->b;
    }
    return 1;
}

const char *dict_verb_code(const dict *d, uint32_t verb)
{
    return d && verb < d->n_verbs ? d->verb[verb].code : NULL;
}

const char *dict_verb_name(const dict *d, uint32_t verb)
{
    return d && verb < d->n_verbs ? d->verb[verb].name : NULL;
}

size_t dict_verb_patterns(const dict *d, uint32_t verb, const verb_pattern **out)
{
    if (out) *out = NULL;
    if (!d || verb >= d->n_verbs) return 0;
    const group_rec *g = &d->group[d->verb[verb].group];
    if (out) *out = g->pats;
    return g->n;
}

uint32_t dict_verb_redefined(const dict *d, uint32_t verb)
{
    return d && verb < d->n_verbs ? d->verb[verb].same_name : 0;
}

const char *dict_verb_file(const dict *d, uint32_t verb, long *line)
{
    if (line) *line = 0;
    if (!d || verb >= d->n_verbs) return NULL;
    if (line) *line = d->verb[verb].line;
    return d->verb[verb].file;
}

/* Longest phrase of the synset at toks[i]. */
static size_t match_synset(const dict *d, uint32_t synset, const token *toks, size_t n,
                           size_t i)
{
    if (synset >= d->n_synsets) return 0;
    uint32_t node = d->synset[synset].root;
    size_t len = 0;
    for (size_t j = i; j < n; j++) {
        node = dict_child(d, node, dict_token_word(d, &toks[j]));
        if (!node) break;
        if (d->node[node].a) len = j - i + 1;
    }
    return len;
}

size_t dict_match_elem(const dict *d, const pattern_elem *e, const token *toks,
                       size_t n, size_t i)
{
    if (!d || !e || !toks || i >= n) return 0;
    if (e->kind == PE_SYNSET) return match_synset(d, e->synset, toks, n, i);
    if (e->kind != PE_PHRASE || !e->n_words || n - i < e->n_words) return 0;
    for (size_t k = 0; k < e->n_words; k++)
        if (!toks[i + k].key || (e->hashes && toks[i + k].hash != e->hashes[k]) ||
            strcmp(toks[i + k].key, e->words[k]) != 0)
            return 0;
    return e->n_words;
}

void dict_get_stats(const dict *d, dict_stats *out)
{
    if (!out) return;
    if (!d) { memset(out, 0, sizeof *out); return; }
    *out = d->st;
}
