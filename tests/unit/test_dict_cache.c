/* test_dict_cache.c — the compiled form of dictionaries (src/dict_cache.c).
 *
 * A dict written and read back must answer every query as the original:
 * small dictionaries written here (every feature of the four coded kinds)
 * and, when $SHARED (default ../shared) holds them, the PETRARCH
 * validation dictionaries are compared record by record, table by table
 * and through the lookups on sample text.  The key must change with any
 * byte, name, kind or order of the sources; a truncated, corrupted,
 * foreign or other-key file must be refused; dict_cache_load() must write
 * the image on the first load, use it on the next, replay the warnings
 * and fall back to text when the image is bad.  All files go to a
 * temporary directory (DYAD_CACHE_DIR), never to $HOME.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../harness.h"
#include "arena.h"
#include "dict.h"
#include "dict_cache.h"
#include "dict_internal.h"
#include "key.h"

static char tmpdir[] = "/tmp/dyad-test-dict-cache.XXXXXX";
static arena *tok_arena;

/* ---- warnings ---- */

#define MAX_WARN 64

typedef struct warns {
    int n;
    char text[MAX_WARN][300];   /* "file:line: message" */
} warns;

static void collect(void *ctx, const char *file, long line, const char *msg)
{
    warns *w = ctx;
    if (w->n < MAX_WARN) snprintf(w->text[w->n++], sizeof w->text[0], "%s:%ld: %s", file, line, msg);
}

static void check_same_warns(const warns *a, const warns *b)
{
    CHECK_INT(b->n, a->n);
    for (int i = 0; i < a->n && i < b->n; i++) CHECK_STR(b->text[i], a->text[i]);
}

/* ---- comparing two dicts ---- */

static int mismatches;

static void differ(const char *what, size_t i)
{
    if (mismatches++ < 10) printf("  differs: %s %zu\n", what, i);
}

static int same_str(const char *x, const char *y)
{
    return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

#define SAME(cond, what, i) do { if (!(cond)) differ(what, i); } while (0)

static void compare_tables(const dict *a, const dict *b)
{
    SAME(a->n_words == b->n_words && a->wtab_cap == b->wtab_cap && a->n_nodes == b->n_nodes &&
         a->etab_cap == b->etab_cap && a->n_edges == b->n_edges, "table sizes", 0);
    if (mismatches) return;
    for (size_t i = 0; i < a->n_words; i++)
        SAME(same_str(a->word[i], b->word[i]) && a->word_hash[i] == b->word_hash[i], "word", i);
    for (size_t i = 1; i < a->n_words; i++)
        SAME(dict_word_find(b, a->word[i]) == i, "word lookup", i);
    SAME(memcmp(a->wtab, b->wtab, a->wtab_cap * sizeof *a->wtab) == 0, "word table", 0);
    SAME(memcmp(a->node, b->node, a->n_nodes * sizeof *a->node) == 0, "nodes", 0);
    for (size_t i = 0; i < a->etab_cap; i++) {
        if (!a->ekey[i]) continue;
        uint32_t parent = (uint32_t)(a->ekey[i] >> 32), wid = (uint32_t)a->ekey[i];
        SAME(dict_child(b, parent, wid) == a->eval[i], "edge", i);
    }
    SAME(a->noun_root == b->noun_root && a->verb_root == b->verb_root &&
         a->discard_root == b->discard_root && a->synset_names == b->synset_names &&
         a->marker_names == b->marker_names && a->gap_word == b->gap_word, "roots", 0);
}

static void compare_nouns(const dict *a, const dict *b)
{
    static const int dates[] = {0, 19900101, 19940922, 19950601, 19970101, 20000101,
                                20040310, 20100101, 20240409, 99999999};
    SAME(a->n_actors == b->n_actors && a->n_acodes == b->n_acodes &&
         a->n_agents == b->n_agents && a->n_markers == b->n_markers, "noun counts", 0);
    if (mismatches) return;
    for (uint32_t i = 0; i < a->n_actors; i++) {
        SAME(same_str(dict_actor_name(a, i), dict_actor_name(b, i)), "actor name", i);
        SAME(dict_actor_is_person(a, i) == dict_actor_is_person(b, i), "actor person", i);
        SAME(same_str(dict_actor_latest_code(a, i), dict_actor_latest_code(b, i)), "latest", i);
        for (size_t k = 0; k < sizeof dates / sizeof *dates; k++)
            SAME(same_str(dict_actor_code(a, i, dates[k]), dict_actor_code(b, i, dates[k])),
                 "actor code", i);
    }
    for (uint32_t i = 0; i < a->n_agents; i++) {
        int pa = -1, pb = -2;
        const char *ca = dict_agent_code(a, i, &pa), *cb = dict_agent_code(b, i, &pb);
        SAME(same_str(ca, cb) && pa == pb, "agent", i);
    }
    for (size_t i = 0; i < a->n_markers; i++) {
        SAME(a->marker[i].n == b->marker[i].n, "marker", i);
        for (uint32_t k = 0; k < a->marker[i].n && k < b->marker[i].n; k++)
            SAME(same_str(a->marker[i].items[k], b->marker[i].items[k]), "marker item", i);
    }
}

static void compare_elems(const pattern_elem *x, const pattern_elem *y, size_t n, size_t at)
{
    for (size_t e = 0; e < n; e++) {
        SAME(x[e].kind == y[e].kind && x[e].n_words == y[e].n_words &&
             x[e].synset == y[e].synset && x[e].joined == y[e].joined &&
             !x[e].words == !y[e].words && !x[e].hashes == !y[e].hashes, "element", at);
        for (size_t k = 0; x[e].words && y[e].words && k < x[e].n_words; k++)
            SAME(same_str(x[e].words[k], y[e].words[k]), "element word", at);
        for (size_t k = 0; x[e].hashes && y[e].hashes && k < x[e].n_words; k++)
            SAME(x[e].hashes[k] == y[e].hashes[k], "element hash", at);
    }
}

static void compare_verbs(const dict *a, const dict *b)
{
    SAME(a->n_verbs == b->n_verbs && a->n_synsets == b->n_synsets &&
         a->n_sphrases == b->n_sphrases, "verb counts", 0);
    if (mismatches) return;
    for (uint32_t i = 0; i < a->n_verbs; i++) {
        long la = -1, lb = -2;
        SAME(same_str(dict_verb_name(a, i), dict_verb_name(b, i)) &&
             same_str(dict_verb_code(a, i), dict_verb_code(b, i)) &&
             same_str(dict_verb_file(a, i, &la), dict_verb_file(b, i, &lb)) && la == lb &&
             dict_verb_redefined(a, i) == dict_verb_redefined(b, i), "verb", i);
        const verb_pattern *pa, *pb;
        size_t na = dict_verb_patterns(a, i, &pa), nb = dict_verb_patterns(b, i, &pb);
        SAME(na == nb, "pattern count", i);
        for (size_t k = 0; k < na && k < nb; k++) {
            SAME(pa[k].n_elems == pb[k].n_elems && pa[k].verb_index == pb[k].verb_index &&
                 same_str(pa[k].code, pb[k].code) && same_str(pa[k].file, pb[k].file) &&
                 pa[k].line == pb[k].line, "pattern", i);
            if (pa[k].n_elems == pb[k].n_elems) compare_elems(pa[k].elems, pb[k].elems, pa[k].n_elems, i);
        }
    }
    for (size_t i = 0; i < a->n_synsets; i++)
        SAME(same_str(a->synset[i].name, b->synset[i].name) && a->synset[i].root == b->synset[i].root &&
             a->synset[i].first_phrase == b->synset[i].first_phrase &&
             a->synset[i].n_phrases == b->synset[i].n_phrases &&
             a->synset[i].noplural == b->synset[i].noplural, "synset", i);
    for (size_t i = 0; i < a->n_sphrases; i++) {
        SAME(a->sphrase[i].n == b->sphrase[i].n, "synset phrase", i);
        for (uint32_t k = 0; k < a->sphrase[i].n && k < b->sphrase[i].n; k++)
            SAME(a->sphrase[i].wids[k] == b->sphrase[i].wids[k], "synset phrase word", i);
    }
}

/* Tokens of a blank-separated string, keys by match_key(). */
typedef struct toks { token t[64]; size_t n; } toks;

static toks tk(const char *s)
{
    toks r;
    memset(&r, 0, sizeof r);
    while (*s && r.n < 64) {
        while (*s == ' ') s++;
        size_t len = strcspn(s, " ");
        if (!len) break;
        token *t = &r.t[r.n++];
        t->kind = TOK_WORD;
        t->pos = POS_NOUN;
        t->len = (uint32_t)len;
        t->key = match_key(tok_arena, s, len);
        t->hash = key_hash(t->key, strlen(t->key));
        s += len;
    }
    return r;
}

/* Every lookup at every position of text gives the same answer. */
static void compare_lookups(const dict *a, const dict *b, const char *text)
{
    toks t = tk(text);
    dict_stamp_tokens(a, t.t, t.n);      /* b must see they are not its own */
    for (size_t i = 0; i < t.n; i++) {
        noun_match na = {0, 0, 0}, nb = {0, 0, 0};
        int ha = dict_match_noun(a, t.t, t.n, i, &na), hb = dict_match_noun(b, t.t, t.n, i, &nb);
        SAME(ha == hb && na.entry == nb.entry && na.n_tokens == nb.n_tokens && na.kind == nb.kind,
             "noun match", i);
        verb_match va = {0, 0, 0}, vb = {0, 0, 0};
        ha = dict_match_verb(a, t.t, t.n, i, &va);
        hb = dict_match_verb(b, t.t, t.n, i, &vb);
        SAME(ha == hb && va.verb == vb.verb && va.n_tokens == vb.n_tokens && va.head == vb.head,
             "verb match", i);
        int wa = -1, wb = -2;
        SAME(dict_match_discard_scope(a, t.t, t.n, i, &wa) ==
             dict_match_discard_scope(b, t.t, t.n, i, &wb) && wa == wb, "discard", i);
        for (uint32_t v = 0; v < a->n_verbs; v++) {
            const verb_pattern *pa, *pb;
            size_t n = dict_verb_patterns(a, v, &pa);
            if (dict_verb_patterns(b, v, &pb) != n) continue;
            for (size_t k = 0; k < n; k++)
                for (size_t e = 0; e < pa[k].n_elems; e++)
                    SAME(dict_match_elem(a, &pa[k].elems[e], t.t, t.n, i) ==
                         dict_match_elem(b, &pb[k].elems[e], t.t, t.n, i), "element match", i);
        }
    }
}

/* Counts every difference between a and b (printing the first few). */
static int compare(const dict *a, const dict *b, const char *const *texts, size_t n_texts)
{
    mismatches = 0;
    dict_stats sa, sb;
    dict_get_stats(a, &sa);
    dict_get_stats(b, &sb);
    SAME(memcmp(&sa, &sb, sizeof sa) == 0, "stats", 0);
    compare_tables(a, b);
    compare_nouns(a, b);
    compare_verbs(a, b);
    for (size_t k = 0; k < n_texts; k++) compare_lookups(a, b, texts[k]);
    return mismatches;
}

/* ---- helpers ---- */

static char *tmp_path(const char *name)
{
    static char buf[8][512];
    static int next;
    char *p = buf[next++ % 8];
    snprintf(p, sizeof buf[0], "%s/%s", tmpdir, name);
    return p;
}

static const dict_cache_key fixed_key = {{0x0123456789abcdefULL, 0xfedcba9876543210ULL}};

/* Writes d (with warnings w) and reads it back (its warnings into *back). */
static dict *round_trip(const dict *d, const warns *w, warns *back)
{
    dict_cache_warning cw[MAX_WARN];
    char file[MAX_WARN][300];
    for (int i = 0; i < w->n; i++) {       /* "file:line: message" back into parts */
        snprintf(file[i], sizeof file[0], "%s", w->text[i]);
        char *colon = strchr(file[i], ':');
        char *msg = colon ? strchr(colon + 1, ':') : NULL;
        if (!msg) return NULL;
        *colon = '\0';
        *msg = '\0';
        cw[i] = (dict_cache_warning){file[i], strtol(colon + 1, NULL, 10), msg + 2};
    }
    const char *path = tmp_path("round-trip.dict");
    if (dict_cache_write(d, &fixed_key, cw, (size_t)w->n, path) != 0) return NULL;
    memset(back, 0, sizeof *back);
    return dict_cache_read(path, &fixed_key, collect, back);
}

/* ---- small dictionaries ---- */

static const char *const verbs_text =
    "&CURRENCY\n"
    "+DOLLAR\n"
    "+SWISS_FRANC\n"
    "+CASH_\n"
    "&MONEYISH\n"
    "+&CURRENCY\n"
    "+GOLD\n"
    "--- GIVE [070] ---\n"
    "GIVE {GIVES GAVE GIVEN GIVING}\n"
    "DONATE [071]\n"
    "- * &CURRENCY [071]\n"
    "- $ * {FINANCIAL AID} (FOR &MONEYISH) + ^ % [073] # comment\n"
    "- IN_* TO_LET_ESCAPE [074]\n"
    "+CORDON_OFF [---]\n"
    "--- MEET [040] ---\n"
    "MEET {MEETS MET MEETING}\n"
    "- * WITH + [042]\n"
    "GIVE [075]\n"                         /* defined again */
    "- * BACK [076]\n"
    "- * [unbalanced\n";                   /* malformed: a warning */

static const char *const actors_text =
    "SERGEY_LAVROV_\n"
    "+SERGEI_LAVROV\n"
    "+LAVROV\n"
    "\t[RUSGOV 19940922-20040712]\n"
    "\t[RUSGOV >20040309]\n"
    "RUSSIA_ [RUS]\n"
    "+RUSSIAN_\n"
    "GOLLUM\n"
    "+SMEAGOL\n"
    "\t[HOB < 950601]\n"
    "\t[HOBGOV 19950601 - 19990815]\n"
    "\t[HOBREB > 990816]\n"
    "TALIBAN_ [AFGREB <20010101] [AFGGOV] # organization\n"
    "ITHILEN TELEVISION [ITHMED]\n"
    "BROKEN [NOCLOSE\n";                   /* malformed: a warning */

static const char *const agents_text =
    "!PERSON! = MAN, MEN, WOMAN\n"
    "PRESIDENT [~GOV]\n"
    "POLICE {} [~COP]\n"
    "HUMAN_RIGHTS_BODY [NGO~]\n"
    "CONGRESS!PERSON! [~LEG]\n"
    "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n";

static const char *const discards_text =
    "+WORLD CUP\n"
    "WORLD CUP FINAL\n"
    "BASEBALL\n";

static const char *const sample_texts[] = {
    "Sergei Lavrov met the president of Russia on Tuesday",
    "Smeagol gave swiss francs and cash and gold to the police",
    "The Taliban donated financial aid for dollars to the congressman",
    "Ithilen state-run television said the attorneys general gave back nothing",
    "in the world cup final the human rights body met with Lavrov",
    "police cordoned off the baseball ground",
};
#define N_SAMPLES (sizeof sample_texts / sizeof *sample_texts)

static dict *small_dict(warns *w)
{
    dict *d = dict_new();
    dict_load(d, DICT_VERBS, "verbs.txt", verbs_text, strlen(verbs_text), collect, w);
    dict_load(d, DICT_ACTORS, "actors.txt", actors_text, strlen(actors_text), collect, w);
    dict_load(d, DICT_AGENTS, "agents.txt", agents_text, strlen(agents_text), collect, w);
    dict_load(d, DICT_DISCARDS, "discards.txt", discards_text, strlen(discards_text), collect, w);
    return d;
}

static const char *actor_on(const dict *d, const char *s, int date)
{
    toks t = tk(s);
    noun_match m;
    if (!dict_match_noun(d, t.t, t.n, 0, &m) || m.kind != NOUN_ACTOR) return NULL;
    return dict_actor_code(d, m.entry, date);
}

static void test_small_round_trip(void)
{
    warns w = {0}, back;
    dict *d = small_dict(&w);
    CHECK_INT(w.n, 2);                     /* the two malformed lines */
    dict *c = round_trip(d, &w, &back);
    CHECK(c != NULL);
    if (!c) { dict_free(d); return; }
    CHECK_INT(compare(d, c, sample_texts, N_SAMPLES), 0);
    check_same_warns(&w, &back);
    CHECK(c->serial != 0 && c->serial != d->serial);
    /* A few answers read off the text above. */
    CHECK_STR(actor_on(c, "Sergei Lavrov", 19990101), "RUSGOV");
    CHECK_STR(actor_on(c, "Smeagol", 19900101), "HOB");
    CHECK_STR(actor_on(c, "Gollum", 19970101), "HOBGOV");
    CHECK_STR(actor_on(c, "Gollum", 20240409), "HOBREB");
    CHECK_STR(actor_on(c, "Taliban", 19990101), "AFGREB");
    CHECK_STR(actor_on(c, "Taliban", 20240409), "AFGGOV");
    toks t = tk("attorneys general");
    noun_match m;
    int prefix = -1;
    CHECK(dict_match_noun(c, t.t, t.n, 0, &m) && m.kind == NOUN_AGENT && m.n_tokens == 2);
    CHECK_STR(dict_agent_code(c, m.entry, &prefix), "GOVATG");
    CHECK_INT(prefix, 0);
    t = tk("world cup");
    int whole = 0;
    CHECK_INT(dict_match_discard_scope(c, t.t, t.n, 0, &whole), 2);
    CHECK_INT(whole, 1);
    verb_match vm;
    t = tk("gave");
    CHECK(dict_match_verb(c, t.t, t.n, 0, &vm));
    const verb_pattern *p;
    CHECK_INT(dict_verb_patterns(c, vm.verb, &p), 3);
    CHECK_STR(dict_verb_code(c, vm.verb), "070");
    CHECK(dict_verb_redefined(c, vm.verb) != 0);
    dict_free(c);
    dict_free(d);
}

static void test_empty_dict(void)
{
    warns w = {0}, back;
    dict *d = dict_new();
    dict *c = round_trip(d, &w, &back);
    CHECK(c != NULL);
    if (c) CHECK_INT(compare(d, c, sample_texts, N_SAMPLES), 0);
    dict_free(c);
    dict_free(d);
}

/* ---- the key ---- */

static void key_of(dict_kind kind0, const char *name0, const char *text0, dict_cache_key *k)
{
    dict_cache_source s[2] = {
        {kind0, name0, text0, strlen(text0), NULL},
        {DICT_ACTORS, "actors.txt", actors_text, strlen(actors_text), NULL},
    };
    CHECK_INT(dict_cache_key_of(s, 2, k), 0);
}

static int same_key(const dict_cache_key *a, const dict_cache_key *b)
{
    return a->h[0] == b->h[0] && a->h[1] == b->h[1];
}

static void test_key(void)
{
    dict_cache_key k1, k2;
    key_of(DICT_VERBS, "verbs.txt", verbs_text, &k1);
    key_of(DICT_VERBS, "verbs.txt", verbs_text, &k2);
    CHECK(same_key(&k1, &k2));
    char *changed = xstrdup(verbs_text);
    size_t len = strlen(changed);
    for (size_t at = 0; at < len; at += 97) {   /* one byte anywhere */
        changed[at] ^= 1;
        key_of(DICT_VERBS, "verbs.txt", changed, &k2);
        CHECK(!same_key(&k1, &k2));
        changed[at] ^= 1;
    }
    changed[len - 1] = '\0';                    /* one byte shorter */
    key_of(DICT_VERBS, "verbs.txt", changed, &k2);
    CHECK(!same_key(&k1, &k2));
    free(changed);
    key_of(DICT_VERBS, "verbs2.txt", verbs_text, &k2);
    CHECK(!same_key(&k1, &k2));
    key_of(DICT_ACTORS, "verbs.txt", verbs_text, &k2);
    CHECK(!same_key(&k1, &k2));
    dict_cache_source one = {DICT_VERBS, "verbs.txt", verbs_text, strlen(verbs_text), NULL};
    CHECK_INT(dict_cache_key_of(&one, 1, &k2), 0);
    CHECK(!same_key(&k1, &k2));
    /* The hash itself: a change in any byte of a longer buffer, and the seed. */
    unsigned char buf[1000];
    for (size_t i = 0; i < sizeof buf; i++) buf[i] = (unsigned char)(i * 7);
    uint64_t h0[2], h1[2];
    dict_cache_hash(buf, sizeof buf, 0, h0);
    int all_differ = 1;
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] ^= 0x80;
        dict_cache_hash(buf, sizeof buf, 0, h1);
        if (h0[0] == h1[0] || h0[1] == h1[1]) all_differ = 0;
        buf[i] ^= 0x80;
    }
    CHECK(all_differ);
    dict_cache_hash(buf, sizeof buf, 1, h1);
    CHECK(h0[0] != h1[0] && h0[1] != h1[1]);
}

/* ---- bad files ---- */

static unsigned char *slurp(const char *path, size_t *len)
{
    return harness_read_file(path, len);
}

static void spit(const char *path, const unsigned char *p, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f) return;
    fwrite(p, 1, len, f);
    fclose(f);
}

/* Reads path expecting a refusal: NULL and no warning replayed. */
static void check_refused(const char *path, const dict_cache_key *key)
{
    warns w = {0};
    dict *d = dict_cache_read(path, key, collect, &w);
    CHECK(d == NULL);
    CHECK_INT(w.n, 0);
    dict_free(d);
}

static void test_bad_files(void)
{
    warns w = {0}, back;
    dict *d = small_dict(&w);
    dict *c = round_trip(d, &w, &back);
    CHECK(c != NULL);
    dict_free(c);
    dict_free(d);
    size_t len = 0;
    unsigned char *img = slurp(tmp_path("round-trip.dict"), &len);
    CHECK(img != NULL && len > 100);
    if (!img) return;
    const char *bad = tmp_path("bad.dict");
    check_refused(tmp_path("missing.dict"), &fixed_key);
    dict_cache_key other = {{fixed_key.h[0], fixed_key.h[1] + 1}};
    check_refused(tmp_path("round-trip.dict"), &other);
    for (size_t cut = 0; cut < len; cut += len / 7 + 1) {   /* truncated */
        spit(bad, img, cut);
        check_refused(bad, &fixed_key);
    }
    spit(bad, img, len - 1);
    check_refused(bad, &fixed_key);
    for (size_t at = 0; at < len; at += len / 13 + 1) {      /* one byte changed */
        img[at] ^= 0x10;
        spit(bad, img, len);
        check_refused(bad, &fixed_key);
        img[at] ^= 0x10;
    }
    img[8] ^= 0x01;                                          /* another version */
    spit(bad, img, len);
    check_refused(bad, &fixed_key);
    img[8] ^= 0x01;
    spit(bad, img, len);                                     /* intact again: read */
    dict *ok = dict_cache_read(bad, &fixed_key, NULL, NULL);
    CHECK(ok != NULL);
    dict_free(ok);
    free(img);
}

/* ---- the cache directory ---- */

static size_t count_images(const char *dir)
{
    DIR *dh = opendir(dir);
    size_t n = 0;
    struct dirent *e;
    while (dh && (e = readdir(dh)))
        if (strstr(e->d_name, ".dict") && strlen(e->d_name) == 37) n++;
    if (dh) closedir(dh);
    return n;
}

static void small_sources(dict_cache_source *s)
{
    s[0] = (dict_cache_source){DICT_VERBS, "verbs.txt", verbs_text, strlen(verbs_text), NULL};
    s[1] = (dict_cache_source){DICT_ACTORS, "actors.txt", actors_text, strlen(actors_text), NULL};
    s[2] = (dict_cache_source){DICT_AGENTS, "agents.txt", agents_text, strlen(agents_text), NULL};
    s[3] = (dict_cache_source){DICT_DISCARDS, "discards.txt", discards_text,
                               strlen(discards_text), NULL};
}

static void test_load_through_cache(void)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s", tmp_path("cache/sub"));   /* made on the first write */
    setenv("DYAD_CACHE_DIR", dir, 1);
    dict_cache_source s[4];
    small_sources(s);
    warns w1 = {0}, w2 = {0}, w3 = {0};
    int from = -1;
    dict *text = small_dict(&(warns){0});
    dict *d1 = dict_cache_load(s, 4, collect, &w1, &from);
    CHECK_INT(from, 0);
    CHECK_INT(count_images(dir), 1);
    dict *d2 = dict_cache_load(s, 4, collect, &w2, &from);
    CHECK_INT(from, 1);
    CHECK_INT(w1.n, 2);
    check_same_warns(&w1, &w2);
    CHECK_INT(compare(text, d1, sample_texts, N_SAMPLES), 0);
    CHECK_INT(compare(text, d2, sample_texts, N_SAMPLES), 0);
    CHECK(d1->serial != d2->serial);
    /* A corrupted image is refused; the text is loaded and the image made again. */
    dict_cache_key key;
    dict_cache_key_of(s, 4, &key);
    char *path = dict_cache_path(dir, &key);
    size_t len = 0;
    unsigned char *img = slurp(path, &len);
    CHECK(img != NULL);
    if (img) {
        img[len / 2] ^= 0xff;
        spit(path, img, len);
        dict *d3 = dict_cache_load(s, 4, collect, &w3, &from);
        CHECK_INT(from, 0);
        check_same_warns(&w1, &w3);
        CHECK_INT(compare(text, d3, sample_texts, N_SAMPLES), 0);
        dict_free(d3);
        dict_free(dict_cache_load(s, 4, NULL, NULL, &from));
        CHECK_INT(from, 1);
        free(img);
    }
    /* Another source byte: another image. */
    char *changed = xstrdup(agents_text);
    changed[1] = 'Q';
    s[2].text = changed;
    dict_free(dict_cache_load(s, 4, NULL, NULL, &from));
    CHECK_INT(from, 0);
    CHECK_INT(count_images(dir), 2);
    free(changed);
    free(path);
    dict_free(text);
    dict_free(d1);
    dict_free(d2);
}

static void test_cache_off_and_unwritable(void)
{
    dict_cache_source s[4];
    small_sources(s);
    int from = -1;
    setenv("DYAD_CACHE_DIR", "", 1);
    CHECK(dict_cache_dir() == NULL);
    dict *d = dict_cache_load(s, 4, NULL, NULL, &from);
    dict_free(dict_cache_load(s, 4, NULL, NULL, &from));
    CHECK_INT(from, 0);
    /* A directory that cannot be made: text, no error. */
    char blocker[600];
    snprintf(blocker, sizeof blocker, "%s", tmp_path("a-file"));
    spit(blocker, (const unsigned char *)"x", 1);
    char below[700];
    snprintf(below, sizeof below, "%s/cache", blocker);
    setenv("DYAD_CACHE_DIR", below, 1);
    dict *e = dict_cache_load(s, 4, NULL, NULL, &from);
    CHECK_INT(from, 0);
    CHECK_INT(compare(d, e, sample_texts, N_SAMPLES), 0);
    dict_free(d);
    dict_free(e);
    /* Where the directory is when DYAD_CACHE_DIR is not set. */
    unsetenv("DYAD_CACHE_DIR");
    setenv("XDG_CACHE_HOME", "/xdg", 1);
    char *dir = dict_cache_dir();
    CHECK_STR(dir, "/xdg/dyad");
    free(dir);
    setenv("XDG_CACHE_HOME", "relative", 1);   /* ignored, as XDG says */
    setenv("HOME", "/home/someone", 1);
    dir = dict_cache_dir();
    CHECK_STR(dir, "/home/someone/.cache/dyad");
    free(dir);
    setenv("DYAD_CACHE_DIR", tmpdir, 1);
}

static void test_prune(void)
{
    char dir[600];
    snprintf(dir, sizeof dir, "%s", tmp_path("prune"));
    setenv("DYAD_CACHE_DIR", dir, 1);
    mkdir(dir, 0755);
    for (int i = 0; i < DICT_CACHE_KEEP + 3; i++) {    /* old images of other keys */
        char name[64];
        snprintf(name, sizeof name, "prune/%032x.dict", i);
        spit(tmp_path(name), (const unsigned char *)"old", 3);
        struct timespec when[2] = {{1000000000 + i, 0}, {1000000000 + i, 0}};
        utimensat(AT_FDCWD, tmp_path(name), when, 0);   /* used long ago */
    }
    spit(tmp_path("prune/notes.txt"), (const unsigned char *)"kept", 4);
    dict_cache_source s[4];
    small_sources(s);
    int from = -1;
    dict_free(dict_cache_load(s, 4, NULL, NULL, &from));
    CHECK_INT(from, 0);
    CHECK_INT(count_images(dir), DICT_CACHE_KEEP);
    dict_free(dict_cache_load(s, 4, NULL, NULL, &from));
    CHECK_INT(from, 1);                          /* the new one was kept */
    struct stat st;
    CHECK(stat(tmp_path("prune/notes.txt"), &st) == 0);
    setenv("DYAD_CACHE_DIR", tmpdir, 1);
}

/* ---- the PETRARCH validation dictionaries ---- */

static void test_validation_dictionaries(void)
{
    const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
    static const struct { dict_kind kind; const char *file; } files[] = {
        {DICT_VERBS, "PETR.Validate.verbs.txt"}, {DICT_ACTORS, "PETR.Validate.actors.txt"},
        {DICT_AGENTS, "PETR.Validate.agents.txt"}, {DICT_DISCARDS, "PETR.Validate.discards.txt"},
    };
    char paths[4][1024];
    dict_cache_source s[4];
    for (int i = 0; i < 4; i++) {
        snprintf(paths[i], sizeof paths[i], "%s/petrarch2/unit-test/%s", shared, files[i].file);
        if (dict_cache_read_source(&s[i], files[i].kind, paths[i]) != 0) {
            printf("SKIP test_validation_dictionaries: %s not found\n", paths[i]);
            for (int k = 0; k < i; k++) dict_cache_source_clear(&s[k]);
            return;
        }
    }
    warns w = {0}, back;
    dict *d = dict_new();
    for (int i = 0; i < 4; i++) dict_load(d, s[i].kind, s[i].name, s[i].text, s[i].len, collect, &w);
    dict *c = round_trip(d, &w, &back);
    CHECK(c != NULL);
    if (c) {
        static const char *const texts[] = {
            "Arnor and Gondor signed an agreement with the Ithilen government on Tuesday",
            "The president of Calenardhon met the prime minister of Dagolath in Osgiliath",
            "Gondor rebels accused the Arnorian police of attacking protesters",
            "Eriador denounced Arnor for its military exercises near the border",
        };
        CHECK_INT(compare(d, c, texts, sizeof texts / sizeof *texts), 0);
        check_same_warns(&w, &back);
        /* Every actor phrase of the file matches the same entry (its whole name). */
        mismatches = 0;
        for (uint32_t a = 0; a < d->n_actors; a++) {
            char name[512];
            snprintf(name, sizeof name, "%s", dict_actor_name(d, a));
            for (char *p = name; *p; p++) if (*p == '_') *p = ' ';
            compare_lookups(d, c, name);
        }
        CHECK_INT(mismatches, 0);
    }
    dict_free(c);
    dict_free(d);
    for (int i = 0; i < 4; i++) dict_cache_source_clear(&s[i]);
}

static void remove_tree(const char *dir)
{
    DIR *dh = opendir(dir);
    struct dirent *e;
    while (dh && (e = readdir(dh))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) remove_tree(path);
        else unlink(path);
    }
    if (dh) closedir(dh);
    rmdir(dir);
}

int main(void)
{
    if (!mkdtemp(tmpdir)) {
        perror("mkdtemp");
        return 1;
    }
    setenv("DYAD_CACHE_DIR", tmpdir, 1);
    tok_arena = arena_new();
    RUN(test_small_round_trip);
    RUN(test_empty_dict);
    RUN(test_key);
    RUN(test_bad_files);
    RUN(test_load_through_cache);
    RUN(test_cache_off_and_unwritable);
    RUN(test_prune);
    RUN(test_validation_dictionaries);
    arena_free(tok_arena);
    remove_tree(tmpdir);
    return harness_report("dict_cache");
}
