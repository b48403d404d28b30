/* test_dict.c — the dictionary reader (src/dict.c and its readers).
 *
 * Small dictionaries written here exercise every feature of the five
 * PETRARCH formats and every kind of malformed line; lookups run on token
 * arrays whose keys come from match_key().  When $SHARED (default
 * ../shared) holds the PETRARCH2 dictionaries, every standard file and the
 * unit-test dictionaries are loaded: the problems reported must be exactly
 * the malformed lines listed below (each with the reason it is one), the
 * counts must be plausible and some well-known entries must be found.
 * Without $SHARED that test prints a SKIP line and passes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "../harness.h"
#include "arena.h"
#include "dict.h"
#include "key.h"

/* ---- helpers ---- */

#define MAX_WARN 256

typedef struct warns {
    int n;
    char file[MAX_WARN][64];
    long line[MAX_WARN];
    char msg[MAX_WARN][200];
} warns;

static void collect(void *ctx, const char *file, long line, const char *msg)
{
    warns *w = ctx;
    if (w->n >= MAX_WARN) return;
    const char *base = strrchr(file, '/');
    snprintf(w->file[w->n], sizeof w->file[0], "%s", base ? base + 1 : file);
    w->line[w->n] = line;
    snprintf(w->msg[w->n], sizeof w->msg[0], "%s", msg);
    w->n++;
}

/* True when a problem was reported on `line` with `part` in its message. */
static int warned(const warns *w, long line, const char *part)
{
    for (int i = 0; i < w->n; i++)
        if (w->line[i] == line && strstr(w->msg[i], part)) return 1;
    return 0;
}

static void print_warns(const warns *w)
{
    for (int i = 0; i < w->n; i++)
        printf("  note: %s:%ld: %s\n", w->file[i], w->line[i], w->msg[i]);
}

static int load(dict *d, dict_kind kind, const char *text, warns *w)
{
    return dict_load(d, kind, "test.txt", text, strlen(text), collect, w);
}

/* Token array for a blank-separated string (keys by match_key). */
typedef struct toks {
    token t[64];
    size_t n;
} toks;

static arena *tok_arena;

static toks tk(const char *s)
{
    toks r;
    memset(&r, 0, sizeof r);
    while (*s && r.n < 64) {
        while (*s == ' ') s++;
        size_t len = strcspn(s, " ");
        if (!len) break;
        r.t[r.n].kind = TOK_WORD;
        r.t[r.n].len = (uint32_t)len;
        r.t[r.n].key = match_key(tok_arena, s, len);
        r.t[r.n].hash = key_hash(r.t[r.n].key, strlen(r.t[r.n].key));
        r.n++;
        s += len;
    }
    return r;
}

/* Length of the noun match at 0 of s with its kind, or 0. */
static size_t noun(const dict *d, const char *s, noun_match *m)
{
    toks t = tk(s);
    noun_match tmp;
    if (!m) m = &tmp;
    return dict_match_noun(d, t.t, t.n, 0, m) ? m->n_tokens : 0;
}

/* The actor code of the phrase s on date, or NULL when s is no actor. */
static const char *actor(const dict *d, const char *s, int date)
{
    noun_match m;
    if (!noun(d, s, &m) || m.kind != NOUN_ACTOR) return NULL;
    return dict_actor_code(d, m.entry, date);
}

/* The agent code of s (all of it), or NULL. */
static const char *agent(const dict *d, const char *s, int *prefix)
{
    noun_match m;
    toks t = tk(s);
    if (!dict_match_noun(d, t.t, t.n, 0, &m) || m.kind != NOUN_AGENT || m.n_tokens != t.n)
        return NULL;
    return dict_agent_code(d, m.entry, prefix);
}

/* The verb matched at 0 of s, as its name, or NULL. */
static const char *verb(const dict *d, const char *s, verb_match *out)
{
    toks t = tk(s);
    verb_match m;
    if (!out) out = &m;
    return dict_match_verb(d, t.t, t.n, 0, out) ? dict_verb_name(d, out->verb) : NULL;
}

static size_t elem_len(const dict *d, const pattern_elem *e, const char *s)
{
    toks t = tk(s);
    return dict_match_elem(d, e, t.t, t.n, 0);
}

/* The words of a PE_PHRASE joined by blanks, in a static buffer. */
static const char *words(const pattern_elem *e)
{
    static char buf[256];
    buf[0] = '\0';
    for (size_t k = 0; e->kind == PE_PHRASE && k < e->n_words; k++) {
        if (k) strcat(buf, " ");
        strncat(buf, e->words[k], sizeof buf - strlen(buf) - 2);
    }
    return buf;
}

/* ---- verbs ---- */

static void test_verb_forms(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "# a comment\n"                                /* 1 */
        "--- MEET [040] ---\n"                         /* 2 */
        "MEET {MEETS MET MEETING}\n"                   /* 3 */
        "VISIT [042]\n"                                /* 4 */
        "CARRY\n"                                      /* 5 */
        "REACH\n"                                      /* 6 */
        "PLAY\n"                                       /* 7 */
        "HOPE\n"                                       /* 8 */
        "DIE\n"                                        /* 9 */
        "AGREE\n"                                      /* 10 */
        "VETO\n"                                       /* 11 */
        "BE {IS WAS}\n"                                /* 12 */
        "- * (WITH +) [041]\n";                        /* 13 */
    CHECK_INT(load(d, DICT_VERBS, text, &w), 0);
    verb_match m;
    CHECK_STR(verb(d, "met Xi", &m), "MEET");
    CHECK_INT(m.n_tokens, 1);
    CHECK_INT(m.head, 0);
    CHECK_STR(dict_verb_code(d, m.verb), "040");
    long line = 0;
    CHECK_STR(dict_verb_file(d, m.verb, &line), "test.txt");
    CHECK_INT(line, 3);
    CHECK_STR(verb(d, "MEETING", NULL), "MEET");
    CHECK(verb(d, "meeted", NULL) == NULL);       /* listed forms only */
    CHECK_STR(verb(d, "visited", &m), "VISIT");
    CHECK_STR(dict_verb_code(d, m.verb), "042");
    const char *regular[] = { "visits", "visiting", "carries", "carried", "carrying",
                              "reaches", "reached", "reaching", "plays", "played",
                              "hopes", "hoped", "hoping", "dies", "died", "dying",
                              "agrees", "agreed", "agreeing", "vetoes", "vetoed",
                              "is", "was", "be" };
    for (size_t i = 0; i < sizeof regular / sizeof *regular; i++) {
        if (!verb(d, regular[i], NULL)) printf("  missing form %s\n", regular[i]);
        CHECK(verb(d, regular[i], NULL) != NULL);
    }
    CHECK_STR(verb(d, "carried", NULL), "CARRY");
    CHECK(verb(d, "plaies", NULL) == NULL);
    CHECK(verb(d, "bes", NULL) == NULL);
    CHECK_STR(dict_verb_code(d, 4), "040");        /* PLAY: the block's code */
    const verb_pattern *p;
    CHECK_INT(dict_verb_patterns(d, 0, &p), 1);
    CHECK_INT(dict_verb_patterns(d, 8, &p), 1);    /* VETO: same group */
    CHECK_STR(p[0].code, "041");
    CHECK_INT(p[0].line, 13);
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.verbs, 10);
    CHECK_INT(st.patterns, 1);
    dict_free(d);
}

static void test_multiword_verbs(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "--- EXCLUDE [170] ---\n"
        "+CORDON_OFF\n"
        "WIRE_+TAP {WIRE_+TAPS WIRE_+TAPPED , WIRE_+TAPPING}\n"
        "+COME_UPON {+COMES_UPON +CAME_UPON +COMING_UPON} [036]\n"
        "MEET\n"
        "+MEET_WITH {+MET_WITH}\n"
        "KLM_NOP_+RST [002]\n"
        "+ANGERED_BY {}\n";
    CHECK_INT(load(d, DICT_VERBS, text, &w), 0);
    print_warns(&w);
    verb_match m;
    CHECK_STR(verb(d, "cordoned off the town", &m), "CORDON_OFF");
    CHECK_INT(m.n_tokens, 2);
    CHECK_INT(m.head, 0);
    CHECK_STR(dict_verb_code(d, m.verb), "170");
    CHECK(verb(d, "cordons off", NULL) != NULL);
    CHECK(verb(d, "cordoning off", NULL) != NULL);
    CHECK(verb(d, "cordon off", NULL) != NULL);
    CHECK(verb(d, "cordoned", NULL) == NULL);
    CHECK_STR(verb(d, "wire tapped", &m), "WIRE_TAP");
    CHECK_INT(m.n_tokens, 2);
    CHECK_INT(m.head, 1);
    CHECK(verb(d, "wire tapping", NULL) != NULL);
    CHECK(verb(d, "wire taped", NULL) == NULL);    /* braces: listed forms only */
    CHECK(verb(d, "tapped", NULL) == NULL);
    CHECK_STR(verb(d, "came upon", &m), "COME_UPON");
    CHECK_STR(dict_verb_code(d, m.verb), "036");
    CHECK_STR(verb(d, "meet with Xi", &m), "MEET_WITH");
    CHECK_INT(m.n_tokens, 2);
    CHECK_STR(verb(d, "met with", NULL), "MEET_WITH");
    CHECK_STR(verb(d, "meet Xi", &m), "MEET");
    CHECK_INT(m.n_tokens, 1);
    CHECK_STR(verb(d, "klm nop rst", &m), "KLM_NOP_RST");
    CHECK_INT(m.head, 2);
    CHECK_STR(dict_verb_code(d, m.verb), "002");
    CHECK(verb(d, "angered by", NULL) != NULL);
    CHECK(verb(d, "angereds by", NULL) == NULL);
    dict_free(d);
}

static void test_synsets(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "&CURRENCY\n"
        "+DOLLAR\n"
        "+EURO\n"
        "+CASH_\n"
        "+SWISS_FRANC\n"
        "+JAVANESE YEN\n"
        "+PENNY\n"
        "&AUX_\n"
        "+HAS\n"
        "+WILL_BE\n"
        "&MONEYISH\n"
        "+&CURRENCY\n"
        "+GOLD\n"
        "--- GIVE [070] ---\n"
        "GIVE {GIVES GAVE GIVEN GIVING}\n"
        "- * &CURRENCY [071]\n"
        "- &AUX_ * &MONEYISH [072]\n";
    CHECK_INT(load(d, DICT_VERBS, text, &w), 0);
    print_warns(&w);
    const verb_pattern *p;
    CHECK_INT(dict_verb_patterns(d, 0, &p), 2);
    CHECK_INT(p[0].n_elems, 2);
    CHECK_INT(p[0].elems[0].kind, PE_VERB);
    CHECK_INT(p[0].verb_index, 0);
    const pattern_elem *cur = &p[0].elems[1];
    CHECK_INT(cur->kind, PE_SYNSET);
    CHECK_INT(elem_len(d, cur, "dollar"), 1);
    CHECK_INT(elem_len(d, cur, "DOLLARS"), 1);
    CHECK_INT(elem_len(d, cur, "cash"), 1);
    CHECK_INT(elem_len(d, cur, "cashes"), 0);      /* '_': no plural */
    CHECK_INT(elem_len(d, cur, "swiss francs and"), 2);
    CHECK_INT(elem_len(d, cur, "javanese yen"), 2);
    CHECK_INT(elem_len(d, cur, "pennies"), 1);
    CHECK_INT(elem_len(d, cur, "swiss"), 0);
    CHECK_INT(p[1].n_elems, 3);
    CHECK_INT(p[1].verb_index, 1);
    const pattern_elem *aux = &p[1].elems[0], *money = &p[1].elems[2];
    CHECK_INT(aux->kind, PE_SYNSET);
    CHECK_INT(elem_len(d, aux, "has"), 1);
    CHECK_INT(elem_len(d, aux, "hases"), 0);       /* label with '_': no plurals */
    CHECK_INT(elem_len(d, aux, "will be"), 2);
    CHECK_INT(elem_len(d, money, "euros"), 1);     /* copied from &CURRENCY */
    CHECK_INT(elem_len(d, money, "golds"), 1);
    CHECK_INT(elem_len(d, money, "swiss francs"), 2);
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.synsets, 3);
    dict_free(d);
}

static void test_patterns(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "&PEOPLE\n"                                                   /* 1 */
        "+CITIZEN\n"                                                  /* 2 */
        "--- AID [070] ---\n"                                         /* 3 */
        "HELP\n"                                                      /* 4 */
        "ASSIST\n"                                                    /* 5 */
        "- $ * {FINANCIAL AID} (FOR &PEOPLE) + ^ % [073] # comment\n" /* 6 */
        "- IN_* TO_LET_ESCAPE [074]\n"                                /* 7 */
        "\n"                                                          /* 8 */
        "- * NEW_&PEOPLE_RELATIONS [075]\n"                           /* 9 */
        "-  *SCEPTICAL   [:076]\n"                                    /* 10 */
        "- * {FOREIGN &PEOPLE} PEOPLE'S [---]\n"                      /* 11 */
        "SUPPORT\n"                                                   /* 12 */
        "- * BILL [077]\n";                                           /* 13 */
    CHECK_INT(load(d, DICT_VERBS, text, &w), 0);
    print_warns(&w);
    const verb_pattern *p;
    CHECK_INT(dict_verb_patterns(d, 1, &p), 5);    /* ASSIST */
    static const uint8_t kinds[] = { PE_SOURCE, PE_VERB, PE_PHRASE, PE_OPEN, PE_PHRASE,
                                     PE_SYNSET, PE_CLOSE, PE_TARGET, PE_SKIP, PE_COMPOUND };
    CHECK_INT(p[0].n_elems, 10);
    for (size_t k = 0; k < 10 && k < p[0].n_elems; k++) CHECK_INT(p[0].elems[k].kind, kinds[k]);
    CHECK_INT(p[0].verb_index, 1);
    CHECK_STR(p[0].code, "073");
    CHECK_STR(p[0].file, "test.txt");
    CHECK_INT(p[0].line, 6);
    CHECK_STR(words(&p[0].elems[2]), "financial aid");
    CHECK_STR(words(&p[0].elems[4]), "for");
    CHECK_INT(elem_len(d, &p[0].elems[2], "Financial aid"), 2);
    CHECK_INT(elem_len(d, &p[0].elems[2], "financial"), 0);
    CHECK_INT(elem_len(d, &p[0].elems[5], "citizens"), 1);
    CHECK_INT(elem_len(d, &p[0].elems[0], "citizens"), 0);   /* not a phrase */
    CHECK_INT(p[1].n_elems, 3);
    CHECK_STR(words(&p[1].elems[0]), "in");
    CHECK_INT(p[1].verb_index, 1);
    CHECK_STR(words(&p[1].elems[2]), "to let escape");
    CHECK_INT(p[1].line, 7);
    CHECK_INT(p[2].n_elems, 4);
    CHECK_STR(words(&p[2].elems[1]), "new");
    CHECK_INT(p[2].elems[2].kind, PE_SYNSET);
    CHECK_STR(words(&p[2].elems[3]), "relations");
    CHECK_INT(p[3].n_elems, 2);
    CHECK_STR(words(&p[3].elems[1]), "sceptical");
    CHECK_STR(p[3].code, ":076");
    CHECK_INT(p[4].n_elems, 4);
    CHECK_STR(words(&p[4].elems[1]), "foreign");
    CHECK_INT(p[4].elems[2].kind, PE_SYNSET);
    CHECK_STR(words(&p[4].elems[3]), "people 's");
    CHECK_STR(p[4].code, "---");
    CHECK_INT(dict_verb_patterns(d, 2, &p), 1);    /* SUPPORT: its own group */
    CHECK_STR(p[0].code, "077");
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.patterns, 6);
    dict_free(d);
}

static void test_verb_problems(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "VERB_BEFORE_BLOCK\n"              /* 1 verb before the first block */
        "- * X [010]\n"                    /* 2 pattern with no verb */
        "--- A [010] ---\n"                /* 3 */
        "- * ORPHAN [011]\n"               /* 4 pattern with no verb */
        "GOOD\n"                           /* 5 */
        "- * NOCODE\n"                     /* 6 no [code] */
        "- * &UNDEFINED [012]\n"           /* 7 undefined synset */
        "- * * [013]\n"                    /* 8 two '*' */
        "- NOVERB [014]\n"                 /* 9 no '*' */
        "- * {OPEN [015]\n"                /* 10 unbalanced '{' */
        "- * (OPEN [016]\n"                /* 11 unbalanced '(' */
        "- * CLOSE) [017]\n"               /* 12 unbalanced ')' */
        "- * X [018] junk\n"               /* 13 text after the code */
        "- * {$ X} [019]\n"                /* 14 slot inside braces */
        "- * X [019\n"                     /* 15 unbalanced '[' */
        "LASH OUT\n"                       /* 16 multi-word with a blank: +LASH_OUT */
        "CORDON_OFF\n"                     /* 17 multi-word without '+' */
        "+A_+B\n"                          /* 18 two '+' */
        "BAD {FORMS\n"                     /* 19 unbalanced '{' */
        "BAD2 [010\n"                      /* 20 unbalanced '[' */
        "&SET\n"                           /* 21 */
        "+ONE\n"                           /* 22 */
        "&SET\n"                           /* 23 defined twice */
        "+TWO\n"                           /* 24 (ignored) */
        "LATER\n"                          /* 25 */
        "- * FINE [020]\n"                 /* 26 */
        "- * X [ ]\n"                      /* 27 empty code */
        "BAD3 [ ]\n"                       /* 28 empty code */
        "- * [###]  # a TABARI discard code\n"; /* 29 '#' starts a comment */
    static const struct { long line; const char *part; } want[] = {
        { 1, "before the first" }, { 2, "no verb" }, { 4, "no verb" }, { 6, "no [code]" },
        { 7, "&UNDEFINED" }, { 8, "one '*'" }, { 9, "one '*'" }, { 10, "'{'" },
        { 11, "'('" }, { 12, "')'" }, { 13, "after the [code]" }, { 14, "only words" },
        { 15, "'['" }, { 17, "needs one '+'" }, { 18, "needs one '+'" },
        { 19, "'{'" }, { 20, "'['" }, { 23, "defined twice" }, { 27, "empty" },
        { 28, "empty" }, { 29, "'['" },
    };
    size_t n_want = sizeof want / sizeof *want;
    CHECK_INT(load(d, DICT_VERBS, text, &w), n_want);
    for (size_t i = 0; i < n_want; i++) {
        if (!warned(&w, want[i].line, want[i].part))
            printf("  missing problem at line %ld (%s)\n", want[i].line, want[i].part);
        CHECK(warned(&w, want[i].line, want[i].part));
    }
    if (w.n != (int)n_want) print_warns(&w);
    verb_match m;
    const verb_pattern *p;
    CHECK_STR(verb(d, "good", &m), "GOOD");
    CHECK_INT(dict_verb_patterns(d, m.verb, &p), 0);
    CHECK_STR(verb(d, "later", &m), "LATER");
    CHECK_INT(dict_verb_patterns(d, m.verb, &p), 1);
    CHECK_STR(p[0].code, "020");
    CHECK(verb(d, "verb_before_block", NULL) == NULL);
    /* A multi-word verb written with a blank is read as +LASH_OUT. */
    CHECK_STR(verb(d, "lash out", &m), "LASH_OUT");
    CHECK_INT(m.n_tokens, 2);
    CHECK_INT(m.head, 0);
    CHECK_STR(verb(d, "lashed out", &m), "LASH_OUT");
    CHECK(verb(d, "lash", NULL) == NULL);
    CHECK(verb(d, "bad", NULL) == NULL);
    CHECK(verb(d, "bad3", NULL) == NULL);
    dict_free(d);
}

static void test_block_headers(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "--- DELAY [120]  [031:031]  ---\n"   /* 1 two codes: first used */
        "DELAY\n"
        "--- TROUBLED  [---] # NOUN ---\n"     /* 3 fine: the comment ends it */
        "TROUBLE\n"
        "--- NOCODE ---\n"                      /* 5 fine: code "---" */
        "SIT\n"
        "--- LASH OUT [122] ---\n"              /* 7 fine */
        "LASH\n"
        "--- BAD [12 ---\n"                     /* 9 unbalanced: code "---" */
        "RUN\n";
    CHECK_INT(load(d, DICT_VERBS, text, &w), 2);
    CHECK(warned(&w, 1, "more than one"));
    CHECK(warned(&w, 9, "'['"));
    verb_match m;
    CHECK(verb(d, "delayed", &m) != NULL);
    CHECK_STR(dict_verb_code(d, m.verb), "120");
    CHECK(verb(d, "troubles", &m) != NULL);
    CHECK_STR(dict_verb_code(d, m.verb), "---");
    CHECK(verb(d, "sits", &m) != NULL);
    CHECK_STR(dict_verb_code(d, m.verb), "---");
    CHECK(verb(d, "lashing", &m) != NULL);
    CHECK_STR(dict_verb_code(d, m.verb), "122");
    CHECK(verb(d, "runs", &m) != NULL);
    CHECK_STR(dict_verb_code(d, m.verb), "---");
    dict_free(d);
}

static void test_first_verb_definition_wins(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "--- ONE [010] ---\n"
        "DRAW\n"
        "- * PICTURE [011]\n"
        "--- TWO [020] ---\n"
        "DRAW {DRAWS DREW DRAWN}\n"
        "- * LOTS [021]\n";
    CHECK_INT(load(d, DICT_VERBS, text, &w), 0);
    verb_match m;
    CHECK(verb(d, "draws", &m) != NULL);
    CHECK_STR(dict_verb_code(d, m.verb), "010");
    CHECK(verb(d, "drew", &m) != NULL);             /* only the second lists it */
    CHECK_STR(dict_verb_code(d, m.verb), "020");
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.verbs, 2);
    CHECK_INT(st.verb_forms, 6);                    /* draw draws drawed drawing drew drawn */
    dict_free(d);
}

/* ---- actors ---- */

/* In actor and agent phrases a blank lets other words stand between two
 * words of the text; '_' does not (dictionaries.rst). */
static void test_noun_gaps(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    CHECK_INT(load(d, DICT_ACTORS, "ITHILEN TELEVISION [ITHTV]\nITHILEN_RADIO [ITHRAD]\n", &w), 0);
    CHECK_INT(load(d, DICT_AGENTS, "SECURITY SERVICE [~SPY]\n", &w), 0);
    toks t = tk("Ithilen state-run television said");
    for (size_t k = 0; k < t.n; k++) t.t[k].pos = k == 1 ? POS_ADJ : k == 3 ? POS_VERB : POS_PROPN;
    noun_match m;
    CHECK(dict_match_noun(d, t.t, t.n, 0, &m));
    CHECK_INT(m.n_tokens, 3);
    CHECK_STR(dict_actor_code(d, m.entry, 20000101), "ITHTV");
    t = tk("Ithilen television");
    CHECK(dict_match_noun(d, t.t, t.n, 0, &m) && m.n_tokens == 2);
    /* a verb, or too many words, is no gap */
    t = tk("Ithilen said television");
    t.t[1].pos = POS_VERB;
    CHECK(!dict_match_noun(d, t.t, t.n, 0, &m));
    t = tk("Ithilen a b c d television");
    for (size_t k = 0; k < t.n; k++) t.t[k].pos = POS_NOUN;
    CHECK(!dict_match_noun(d, t.t, t.n, 0, &m));
    /* '_' joins words that must be consecutive */
    t = tk("Ithilen state radio");
    for (size_t k = 0; k < t.n; k++) t.t[k].pos = POS_NOUN;
    CHECK(!dict_match_noun(d, t.t, t.n, 0, &m));
    t = tk("the security and intelligence service");
    for (size_t k = 0; k < t.n; k++) t.t[k].pos = POS_NOUN;
    t.t[2].pos = POS_CCONJ;
    CHECK(!dict_match_noun(d, t.t + 1, t.n - 1, 0, &m));
    t = tk("security intelligence service");
    for (size_t k = 0; k < t.n; k++) t.t[k].pos = POS_NOUN;
    CHECK(dict_match_noun(d, t.t, t.n, 0, &m) && m.kind == NOUN_AGENT && m.n_tokens == 3);
    dict_free(d);
}

static void test_actors(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "# comment\n"                                     /* 1 */
        "SERGEY_LAVROV_  # CountryInfo.txt\n"             /* 2 */
        "+SERGEI_LAVROV\n"                                /* 3 */
        "+LAVROV\n"                                       /* 4 */
        "\t[RUSGOV 19940922-20040712] # UN\n"             /* 5 */
        "\t[RUSGOV >20040309]\n"                          /* 6 */
        "RUSSIA_ [RUS]\n"                                 /* 7 */
        "+RUSSIAN_\n"                                     /* 8 */
        "ONODOHER [ONO <911226] [ONOX]\n"                 /* 9 */
        "GOLLUM\n"                                        /* 10 */
        "+SMEAGOL\n"                                      /* 11 */
        "\t[HOB < 950601]\n"                              /* 12 */
        "\t[HOBGOV 19950601 - 19990815]\n"                /* 13 */
        "\t[HOBREB > 990816]\n"                           /* 14 */
        "NEW_ACTOR [NEW >300101]\n"                       /* 15 */
        "OLD_ACTOR [OLD <310101]\n"                       /* 16 */
        "THE_PEOPLE'S_ARMY_(PA) [PPA]\n"                  /* 17 */
        "RUSSIA [RUS2]\n"                                 /* 18 */
        "U.S._ [USA]\n"                                   /* 19 */
        "CARAS GALADHON [ELF]\n"                          /* 20 */
        "\n"
        "JOURNALISTS'_UNION [JOU]\n";                     /* 22 */
    CHECK_INT(load(d, DICT_ACTORS, text, &w), 0);
    print_warns(&w);
    noun_match m;
    CHECK_INT(noun(d, "Sergei Lavrov met", &m), 2);
    CHECK_INT(m.kind, NOUN_ACTOR);
    CHECK_STR(dict_actor_name(d, m.entry), "SERGEY_LAVROV");
    CHECK(dict_actor_is_person(d, m.entry));
    CHECK_STR(dict_actor_code(d, m.entry, 20240409), "RUSGOV");
    CHECK_STR(dict_actor_code(d, m.entry, 19990101), "RUSGOV");
    CHECK_STR(dict_actor_code(d, m.entry, 19940922), "RUSGOV");   /* bounds inclusive */
    CHECK_STR(dict_actor_code(d, m.entry, 20040712), "RUSGOV");
    CHECK(dict_actor_code(d, m.entry, 19940921) == NULL);
    CHECK(dict_actor_code(d, m.entry, 19900101) == NULL);
    CHECK_INT(noun(d, "LAVROV", NULL), 1);
    CHECK_INT(noun(d, "sergey lavrov", NULL), 2);
    CHECK_STR(actor(d, "russian", 20240101), "RUS");
    CHECK_STR(actor(d, "russia", 20240101), "RUS2");               /* last wins */
    CHECK_STR(actor(d, "onodoher", 19911226), "ONO");
    CHECK_STR(actor(d, "onodoher", 19911227), "ONOX");
    CHECK_STR(actor(d, "smeagol", 19950601), "HOB");               /* first match wins */
    CHECK_STR(actor(d, "smeagol", 19950602), "HOBGOV");
    CHECK_STR(actor(d, "gollum", 19990815), "HOBGOV");
    CHECK_STR(actor(d, "gollum", 19990816), "HOBREB");
    CHECK_STR(actor(d, "new actor", 20300101), "NEW");             /* 30 -> 2030 */
    CHECK(actor(d, "new actor", 20291231) == NULL);
    CHECK_STR(actor(d, "old actor", 19310101), "OLD");             /* 31 -> 1931 */
    CHECK(actor(d, "old actor", 19310102) == NULL);
    CHECK_INT(noun(d, "the People 's army ( PA )", &m), 7);
    CHECK_STR(actor(d, "U.S.", 20240101), "USA");
    CHECK_STR(actor(d, "caras galadhon", 20240101), "ELF");
    CHECK_INT(noun(d, "journalists ' union", NULL), 3);
    CHECK(actor(d, "russia", 20240101) && !dict_actor_is_person(d, 1));
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.actors, 11);
    CHECK_INT(st.actor_phrases, 14);
    dict_free(d);
}

/* Dated codes make a person, unless the entry's first line says
 * "# organization": a group whose status changed (dyad's marker, a
 * comment to PETRARCH). */
static void test_organization_marker(void)
{
    dict *d = dict_new();
    warns w = {0};
    const char *text =
        "THE_WATCHERS_  # organization: rebels, then the government\n"
        "\t[GONREB <20210814]\n"
        "\t[GONGOV >20210815]\n"
        "BEREN_  # a person\n"
        "\t[GONGOV >20210815]\n"
        "LUTHIEN_ [GON]\n";
    CHECK_INT(load(d, DICT_ACTORS, text, &w), 0);
    noun_match m;
    CHECK_INT(noun(d, "the watchers", &m), 2);
    CHECK(!dict_actor_is_person(d, m.entry));
    CHECK_STR(dict_actor_code(d, m.entry, 20200101), "GONREB");
    CHECK_STR(dict_actor_code(d, m.entry, 20220101), "GONGOV");
    CHECK_INT(noun(d, "beren", &m), 1);
    CHECK(dict_actor_is_person(d, m.entry));
    CHECK_INT(noun(d, "luthien", &m), 1);
    CHECK(!dict_actor_is_person(d, m.entry));
    dict_free(d);
}

/* Stamped word ids serve the dictionary that stamped them and no other;
 * matches are the same stamped or not. */
static void test_stamped_tokens(void)
{
    dict *d1 = dict_new(), *d2 = dict_new();
    warns w = {0};
    CHECK_INT(load(d1, DICT_ACTORS, "SERGEI_LAVROV [RUSGOV]\nXI_JINPING [CHNGOV]\n", &w), 0);
    CHECK_INT(load(d2, DICT_ACTORS, "XI_JINPING [CHNGOV]\nSERGEI_LAVROV [RUSGOV]\n", &w), 0);
    toks t = tk("sergei lavrov met xi jinping");
    noun_match m;
    dict_stamp_tokens(d1, t.t, t.n);
    CHECK(t.t[0].word_dict != 0 && t.t[0].word != 0);
    CHECK(t.t[2].word == 0);                        /* "met": not in d1 */
    CHECK(dict_match_noun(d1, t.t, t.n, 0, &m) && m.n_tokens == 2);
    CHECK(dict_match_noun(d1, t.t, t.n, 3, &m) && m.n_tokens == 2);
    /* d2 numbers the words differently: d1's stamps must not mislead it */
    CHECK(dict_match_noun(d2, t.t, t.n, 0, &m) && m.n_tokens == 2);
    CHECK_STR(dict_actor_code(d2, m.entry, 20240101), "RUSGOV");
    CHECK(dict_match_noun(d2, t.t, t.n, 3, &m) && m.n_tokens == 2);
    CHECK_STR(dict_actor_code(d2, m.entry, 20240101), "CHNGOV");
    dict_free(d1);
    dict_free(d2);
}

static void test_actor_problems(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "+ORPHAN\n"                            /* 1 synonym before any entry */
        "\t[ORP]\n"                            /* 2 code before any entry */
        "A_ [AAA 2004017-20061201]\n"          /* 3 seven-digit date: entry skipped */
        "+A_SYN\n"                             /* 4 (skipped with it) */
        "B_ [BBB 20121207-20120802]\n"         /* 5 range ends before it starts */
        "C_ [CCC >20100231]\n"                 /* 6 no 31 February */
        "D_ [DDD] Newspapers $1\n"             /* 7 text after the code */
        "E_\n"                                 /* 8 no code at all */
        "F_ [FFF]\n"                           /* 9 */
        "+F]_SYN\n"                            /* 10 unbalanced ']' */
        "\t[FFG >20120229]\n"                  /* 11 fine: leap year */
        "G_ [GGG >20130229]\n"                 /* 12 not a leap year */
        "H_ [HHH 20120101]\n"                  /* 13 a date with no < > or - */
        "I_ [III\n"                            /* 14 unbalanced '[' */
        "J_ [ ]\n"                             /* 15 empty code */
        "K_ [KKK >000229] [KKL >19000229]\n"   /* 16 2000 leap, 1900 not */
        "L_\n";                                /* 17 no code (at the end) */
    static const struct { long line; const char *part; } want[] = {
        { 1, "synonym with no actor" }, { 2, "code with no actor" }, { 3, "bad date" },
        { 5, "ends before" }, { 6, "bad date" }, { 7, "unexpected text" }, { 8, "no code" },
        { 10, "']'" }, { 12, "bad date" }, { 13, "bad date" }, { 14, "'['" }, { 15, "empty" },
        { 16, "bad date" }, { 17, "no code" },
    };
    size_t n_want = sizeof want / sizeof *want;
    CHECK_INT(load(d, DICT_ACTORS, text, &w), n_want);
    for (size_t i = 0; i < n_want; i++) {
        if (!warned(&w, want[i].line, want[i].part))
            printf("  missing problem at line %ld (%s)\n", want[i].line, want[i].part);
        CHECK(warned(&w, want[i].line, want[i].part));
    }
    if (w.n != (int)n_want) print_warns(&w);
    CHECK_STR(actor(d, "f", 20120301), "FFG");
    CHECK_STR(actor(d, "f", 20120101), "FFF");
    CHECK(noun(d, "a", NULL) == 0);
    CHECK(noun(d, "a syn", NULL) == 0);
    CHECK(noun(d, "e", NULL) == 0);
    CHECK(noun(d, "d", NULL) == 0);
    CHECK(noun(d, "k", NULL) == 0);
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.actors, 1);
    dict_free(d);
}

/* ---- agents ---- */

static void test_agents(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "!PERSON! = MAN, MEN , WOMAN,\n"
        "!MINIST! = MINISTER, MINISTRY\n"
        "PRESIDENT [~GOV] # ns 6/26/01\n"
        "POLICE {} [~COP]\n"
        "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOVATG]\n"
        "HUMAN_RIGHTS_BODY  [NGO~]\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "!MINIST!_OF_AD!MINIST! [~GOV]\n"
        "SECRETARY [ ~SEC]\n"
        "ARMY [~MIL]\n"
        "BOSS [~BUS]\n"
        "CHURCH [~REL]\n"
        "ATTORNEY [~JUD]\n"
        "HUSBAND!PERSON![~AGR]\n"
        "CHIEF EXECUTIVE [~GOV]\n";
    CHECK_INT(load(d, DICT_AGENTS, text, &w), 0);
    print_warns(&w);
    int prefix = -1;
    CHECK_STR(agent(d, "President", &prefix), "GOV");
    CHECK_INT(prefix, 0);
    CHECK_STR(agent(d, "presidents", NULL), "GOV");
    CHECK_STR(agent(d, "police", NULL), "COP");
    CHECK(agent(d, "polices", NULL) == NULL);
    CHECK_STR(agent(d, "attorneys general", NULL), "GOVATG");
    CHECK(agent(d, "attorney generals", NULL) == NULL);
    CHECK_STR(agent(d, "human rights bodies", &prefix), "NGO");
    CHECK_INT(prefix, 1);
    CHECK_STR(agent(d, "congressman", NULL), "LEG");
    CHECK_STR(agent(d, "congresswoman", NULL), "LEG");
    CHECK_STR(agent(d, "congressmen", NULL), "LEG");
    CHECK(agent(d, "congressmans", NULL) == NULL);  /* no plurals of substitutions */
    CHECK_STR(agent(d, "minister of administry", NULL), "GOV");
    CHECK_STR(agent(d, "ministry of administer", NULL), "GOV");
    CHECK_STR(agent(d, "secretaries", NULL), "SEC");
    CHECK_STR(agent(d, "armies", NULL), "MIL");
    CHECK_STR(agent(d, "bosses", NULL), "BUS");
    CHECK_STR(agent(d, "churches", NULL), "REL");
    CHECK_STR(agent(d, "attorneys", NULL), "JUD");
    CHECK_STR(agent(d, "husbandmen", NULL), "AGR");
    CHECK_STR(agent(d, "chief executives", NULL), "GOV");
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.agents, 13);
    dict_free(d);
}

static void test_agent_problems(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "ISLAMIC_EXTREMIST\n"       /* 1 no code */
        "DEPARTMENT [~ENV}\n"       /* 2 unbalanced */
        "GUARD [GOV]\n"             /* 3 no '~' */
        "GUARD2 [~]\n"              /* 4 nothing but '~' */
        "X!NOPE! [~GOV]\n"          /* 5 undefined marker */
        "Y!OPEN [~GOV]\n"           /* 6 unterminated marker */
        "Z {ZS [~GOV]\n"            /* 7 unbalanced '{' */
        "!BAD = A\n"                /* 8 bad marker definition */
        "!EMPTY! = , ,\n"           /* 9 no items */
        "W [~GOV] junk\n"           /* 10 text after the code */
        "[~GOV]\n"                  /* 11 no name */
        "V {X} Y [~GOV]\n"          /* 12 text after the braces */
        "U [~G~]\n"                 /* 13 two '~' */
        "OK [GOV~]\n";              /* 14 fine */
    static const struct { long line; const char *part; } want[] = {
        { 1, "no [code]" }, { 2, "unbalanced" }, { 3, "'~'" }, { 4, "'~'" },
        { 5, "undefined substitution marker !NOPE!" }, { 6, "unterminated" },
        { 7, "'{'" }, { 8, "bad substitution" }, { 9, "no items" }, { 10, "unexpected" },
        { 11, "no name" }, { 12, "after {...}" }, { 13, "'~'" },
    };
    size_t n_want = sizeof want / sizeof *want;
    CHECK_INT(load(d, DICT_AGENTS, text, &w), n_want);
    for (size_t i = 0; i < n_want; i++) {
        if (!warned(&w, want[i].line, want[i].part))
            printf("  missing problem at line %ld (%s)\n", want[i].line, want[i].part);
        CHECK(warned(&w, want[i].line, want[i].part));
    }
    if (w.n != (int)n_want) print_warns(&w);
    int prefix = 0;
    CHECK_STR(agent(d, "oks", &prefix), "GOV");
    CHECK_INT(prefix, 1);
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.agents, 1);
    dict_free(d);
}

/* Regression (found by fuzz_dict): an item that contains '!' is not
 * read again as a substitution marker. */
static void test_agent_marker_items(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "!A! = X!B!Y, Z, !\n"
        "!B! = Q\n"
        "W!A! [~GOV]\n";
    CHECK_INT(load(d, DICT_AGENTS, text, &w), 0);
    print_warns(&w);
    CHECK_STR(agent(d, "wz", NULL), "GOV");
    CHECK_STR(agent(d, "wx!b!y", NULL), "GOV");
    CHECK_STR(agent(d, "w !", NULL), "GOV");   /* a final ! is a token of its own */
    CHECK(agent(d, "wxqy", NULL) == NULL);
    dict_free(d);
}

static void test_actor_agent_tie(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    CHECK_INT(load(d, DICT_ACTORS, "PRESIDENT [USAGOV]\nFOREIGN [FRN]\n", &w), 0);
    CHECK_INT(load(d, DICT_AGENTS, "PRESIDENT [~GOV]\nFOREIGN_MINISTER [~GOVFRM]\n", &w), 0);
    noun_match m;
    CHECK_INT(noun(d, "president", &m), 1);
    CHECK_INT(m.kind, NOUN_ACTOR);
    CHECK_INT(noun(d, "foreign minister", &m), 2);
    CHECK_INT(m.kind, NOUN_AGENT);
    CHECK_INT(noun(d, "foreign office", &m), 1);
    CHECK_INT(m.kind, NOUN_ACTOR);
    CHECK_INT(noun(d, "presidents", &m), 1);
    CHECK_INT(m.kind, NOUN_AGENT);
    dict_free(d);
}

/* ---- discards and issues ---- */

static void test_discards(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "# Story-level discards are marked '+'\n"
        "+WORLD CUP\n"
        "WORLD CUP FINAL\n"
        "BASEBALL   \n"
        "GROUP A_\n"
        "+ Manchester United   # pas 26-Feb-2014\n"
        "MONTHS AGO\n"
        "AFRICAN NATIONS CUP   # ab 13 Jun 2005 ;AB 13 JUN 2005\n"
        "+\n";                                         /* 9 empty */
    CHECK_INT(load(d, DICT_DISCARDS, text, &w), 1);
    CHECK(warned(&w, 9, "empty"));
    toks t = tk("the world cup final was");
    int whole = -1;
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 1, &whole), 3);
    CHECK_INT(whole, 0);
    t = tk("world cup semi");
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 0, &whole), 2);
    CHECK_INT(whole, 1);
    t = tk("Manchester United won");
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 0, &whole), 2);
    CHECK_INT(whole, 1);
    t = tk("group a");
    CHECK_INT(dict_match_discard(d, t.t, t.n, 0), 2);
    t = tk("baseball");
    CHECK_INT(dict_match_discard(d, t.t, t.n, 0), 1);
    t = tk("baseballs");
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 0, &whole), 0);
    CHECK_INT(whole, 0);
    t = tk("african nations cup");
    CHECK_INT(dict_match_discard(d, t.t, t.n, 0), 3);
    t = tk("world");
    CHECK_INT(dict_match_discard(d, t.t, t.n, 0), 0);
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.discards, 7);
    dict_free(d);
}

static void test_issues(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "<ISSUE CATEGORY=\"ID_ATROCITY\" TYPE=\"ALL\">\n"
        "n:atrocity [ID_ATROCITY]\n"
        "~Saturday Night massacre\n"
        "al+zarqawi network [NAMED_TERROR_GROUP]\n"
        "orphan phrase\n"                              /* 5 no code */
        "bad [\n"                                      /* 6 */
        "</ISSUE>\n";
    CHECK_INT(load(d, DICT_ISSUES, text, &w), 2);
    CHECK(warned(&w, 5, "no [code]"));
    CHECK(warned(&w, 6, "code"));
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.issues, 3);
    CHECK_INT(st.actors + st.agents + st.verbs + st.discards, 0);
    dict_free(d);
}

/* ---- lines, comments, words ---- */

static void test_line_handling(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    static const char text[] =
        "<!-- header -->\r\n"                  /* 1 */
        "<!-- multi\r\n"                       /* 2 */
        "   STILL COMMENT [X]\r\n"             /* 3 */
        "-->\r\n"                              /* 4 */
        "ALPHA [AAA] ; a TABARI comment\r\n"   /* 5 */
        "BETA\0GAMMA [BBB]\r\n"                /* 6 NUL is a blank */
        "DELTA [DDD] <!-- inline --> \r\n"     /* 7 */
        "<! -- PETRARCH skips this -->\r\n"    /* 8 */
        "ZETA [ZZZ >99999999]\r\n"             /* 9 bad date */
        "\t \r\n"                              /* 10 */
        "<!-- never closed\n"                  /* 11 */
        "EPSILON [EEE]\n";                     /* 12 */
    CHECK_INT(dict_load(d, DICT_ACTORS, "t.txt", text, sizeof text - 1, collect, &w), 2);
    CHECK(warned(&w, 9, "bad date"));
    CHECK(warned(&w, 11, "unterminated"));
    CHECK_STR(actor(d, "alpha", 20200101), "AAA");
    CHECK_STR(actor(d, "beta gamma", 20200101), "BBB");
    CHECK_STR(actor(d, "delta", 20200101), "DDD");
    CHECK(noun(d, "still comment", NULL) == 0);
    CHECK(noun(d, "epsilon", NULL) == 0);
    CHECK(noun(d, "zeta", NULL) == 0);
    /* no line end at the end of the text */
    CHECK_INT(load(d, DICT_ACTORS, "OMEGA [OOO]", &w), 0);
    CHECK_STR(actor(d, "omega", 20200101), "OOO");
    dict_free(d);
}

static void test_words_like_tokens(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    const char *text =
        "--- X [010] ---\nSAY\n"
        "- * {DON'T CARE} \"QUOTED\", (ALSO) [011]\n"
        "- * ÉLYSÉE [012]\n"
        "- * WE'LL_SEE THEY'RE I'M PA'ANGA [013]\n";
    CHECK_INT(load(d, DICT_VERBS, text, &w), 0);
    print_warns(&w);
    const verb_pattern *p;
    CHECK_INT(dict_verb_patterns(d, 0, &p), 3);
    CHECK_INT(p[0].n_elems, 6);
    CHECK_STR(words(&p[0].elems[1]), "do n't care");
    CHECK_STR(words(&p[0].elems[2]), "\" quoted \" ,");
    CHECK_INT(p[0].elems[3].kind, PE_OPEN);
    CHECK_STR(words(&p[0].elems[4]), "also");
    CHECK_INT(p[0].elems[5].kind, PE_CLOSE);
    CHECK_INT(elem_len(d, &p[1].elems[1], "Elysee"), 1);
    CHECK_INT(elem_len(d, &p[1].elems[1], "élysée"), 1);
    CHECK_INT(p[2].n_elems, 5);
    CHECK_STR(words(&p[2].elems[1]), "we 'll see");
    CHECK_STR(words(&p[2].elems[2]), "they 're");
    CHECK_STR(words(&p[2].elems[3]), "i 'm");
    CHECK_STR(words(&p[2].elems[4]), "pa'anga");
    dict_free(d);
}

static void test_api_edges(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    toks t = tk("lavrov");
    noun_match nm;
    verb_match vm;
    CHECK(!dict_match_noun(NULL, t.t, t.n, 0, &nm));
    CHECK(!dict_match_noun(d, t.t, t.n, 0, &nm));
    CHECK(!dict_match_noun(d, t.t, t.n, 5, &nm));
    CHECK(!dict_match_verb(d, t.t, t.n, 0, &vm));
    CHECK_INT(dict_match_discard(d, t.t, t.n, 0), 0);
    CHECK(dict_actor_code(d, 7, 20200101) == NULL);
    CHECK(dict_actor_name(d, 7) == NULL);
    CHECK(!dict_actor_is_person(d, 7));
    int prefix = 5;
    CHECK(dict_agent_code(d, 3, &prefix) == NULL);
    CHECK_INT(prefix, 0);
    const verb_pattern *p = (const verb_pattern *)1;
    CHECK_INT(dict_verb_patterns(d, 9, &p), 0);
    CHECK(p == NULL);
    long line = 5;
    CHECK(dict_verb_file(d, 9, &line) == NULL);
    CHECK_INT(line, 0);
    CHECK(dict_verb_code(d, 9) == NULL);
    CHECK(dict_verb_name(d, 9) == NULL);
    CHECK_INT(dict_match_elem(d, NULL, t.t, t.n, 0), 0);
    dict_stats st;
    dict_get_stats(NULL, &st);
    CHECK_INT(st.actors + st.patterns, 0);
    CHECK_INT(dict_load(d, DICT_ACTORS, "x", "", 0, collect, &w), 0);
    CHECK_INT(dict_load(d, (dict_kind)99, "x", "A [B]\n", 6, collect, &w), 1);
    CHECK_INT(dict_load(d, DICT_ACTORS, "x", "A [B]\n", 6, NULL, NULL), 0);  /* no callback */
    int before = w.n;
    CHECK_INT(dict_load_file(d, DICT_ACTORS, "/nonexistent/dir/actors.txt", collect, &w), -1);
    CHECK_INT(w.n, before + 1);
    CHECK_INT(w.line[before], 0);
    /* tokens with no key (not yet keyed) match nothing */
    token nokey[2];
    memset(nokey, 0, sizeof nokey);
    CHECK(!dict_match_noun(d, nokey, 2, 0, &nm));
    dict_free(d);
    dict_free(NULL);
}

/* Two actor files load into one dictionary; an entry of the second file
 * replaces a phrase of the first (PETRARCH's order of precedence). */
static void test_several_files(void)
{
    dict *d = dict_new();
    warns w = { 0 };
    CHECK_INT(load(d, DICT_ACTORS, "UN_ [IGOUNO]\nGAZA [PSE]\n", &w), 0);
    CHECK_INT(load(d, DICT_ACTORS, "GAZA_CITY [PSEGZA]\nUN [UNO]\n", &w), 0);
    CHECK_STR(actor(d, "UN", 20200101), "UNO");
    CHECK_STR(actor(d, "gaza", 20200101), "PSE");
    CHECK_STR(actor(d, "gaza city", 20200101), "PSEGZA");
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.actors, 4);
    CHECK_INT(st.actor_phrases, 3);
    dict_free(d);
}

/* Pathological input stays fast and bounded: a 2 MB line, 20,000 nested
 * parentheses, a substitution that would expand to 10^20 phrases. */
static void test_pathological(void)
{
    size_t n = 2u << 20;
    char *big = malloc(n + 64);
    memset(big, 'A', n);
    memcpy(big + n, " [X]\n", 6);
    dict *d = dict_new();
    warns w = { 0 };
    clock_t t0 = clock();
    CHECK_INT(dict_load(d, DICT_ACTORS, "big", big, n + 5, collect, &w), 0);
    size_t k = 0;
    k += (size_t)sprintf(big + k, "--- A ---\nA\n- ");
    for (int i = 0; i < 20000; i++) big[k++] = '(';
    k += (size_t)sprintf(big + k, " * [010]\n");
    CHECK_INT(dict_load(d, DICT_VERBS, "big", big, k, collect, &w), 1);
    k = (size_t)sprintf(big, "!M! = A, B, C, D, E, F, G, H, I, J\n");
    for (int i = 0; i < 20; i++) k += (size_t)sprintf(big + k, "!M!_");
    k += (size_t)sprintf(big + k, " [~GOV]\n");
    CHECK_INT(dict_load(d, DICT_AGENTS, "big", big, k, collect, &w), 1);
    CHECK(warned(&w, 2, "too many"));
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    CHECK(secs < 10.0);
    dict_stats st;
    dict_get_stats(d, &st);
    CHECK_INT(st.agent_phrases, 4096);
    free(big);
    dict_free(d);
}

/* ---- the standard dictionaries ---- */

static const char *shared_dir(void)
{
    const char *s = getenv("SHARED");
    return s && *s ? s : "../shared";
}

static char *path_of(char *buf, size_t cap, const char *dir, const char *file)
{
    snprintf(buf, cap, "%s/petrarch2/%s/%s", shared_dir(), dir, file);
    return buf;
}

/* The malformed lines of the PETRARCH2 files, each with the reason. */
static const struct known_problem {
    const char *file;
    long line;
    const char *part;    /* in the message */
} KNOWN[] = {
    /* CAMEO.2.0.txt */
    { "CAMEO.2.0.txt", 2374, "')'" },      /* "(WITH VISIT) VISIT)[042:043]": a stray ')' */
    { "CAMEO.2.0.txt", 7606, "')'" },      /* "ATTACK (ON ^) ^)[111]": a stray ')' */
    { "CAMEO.2.0.txt", 8443, "&WEATHER" }, /* no synset &WEATHER anywhere */
    { "CAMEO.2.0.txt", 8444, "&DEMONSTRATION" }, /* no synset &DEMONSTRATION */
    /* Phoenix.Countries.actors.txt: impossible dates */
    { "Phoenix.Countries.actors.txt", 2039, "bad date" },    /* 9008223: 7 digits */
    { "Phoenix.Countries.actors.txt", 14190, "ends before" }, /* 20121207-20120802 */
    { "Phoenix.Countries.actors.txt", 18010, "bad date" },   /* >201005011: 9 digits */
    { "Phoenix.Countries.actors.txt", 22508, "bad date" },   /* 1920030320: 10 digits */
    { "Phoenix.Countries.actors.txt", 22519, "bad date" },   /* same */
    { "Phoenix.Countries.actors.txt", 31715, "bad date" },   /* 20121204: no < > or - */
    { "Phoenix.Countries.actors.txt", 43613, "bad date" },   /* 1920050709: 10 digits */
    { "Phoenix.Countries.actors.txt", 51384, "bad date" },   /* 19820101: no < > or - */
    { "Phoenix.Countries.actors.txt", 15346, "']'" },        /* "+FAEROYENE]_" */
    /* entries with no code: synonyms written without '+' (the next entry's
     * codes were meant for them), or whose only code line is bad */
    { "Phoenix.Countries.actors.txt", 11939, "no code" },    /* IVO_JOSIPOVIC */
    { "Phoenix.Countries.actors.txt", 11940, "no code" },
    { "Phoenix.Countries.actors.txt", 18007, "no code" },    /* DAVID_CAMERON: line 18010 */
    { "Phoenix.Countries.actors.txt", 39267, "no code" },
    { "Phoenix.Countries.actors.txt", 39462, "no code" },    /* BREZHNEV */
    { "Phoenix.Countries.actors.txt", 39463, "no code" },
    { "Phoenix.Countries.actors.txt", 39464, "no code" },
    { "Phoenix.Countries.actors.txt", 39465, "no code" },
    { "Phoenix.Countries.actors.txt", 39478, "no code" },    /* GORBACHEV */
    { "Phoenix.Countries.actors.txt", 39487, "no code" },
    { "Phoenix.Countries.actors.txt", 39488, "no code" },
    { "Phoenix.Countries.actors.txt", 39489, "no code" },
    { "Phoenix.Countries.actors.txt", 39490, "no code" },
    { "Phoenix.Countries.actors.txt", 39498, "no code" },
    { "Phoenix.Countries.actors.txt", 39543, "no code" },    /* YELTSIN */
    { "Phoenix.Countries.actors.txt", 39544, "no code" },
    { "Phoenix.Countries.actors.txt", 39545, "no code" },
    { "Phoenix.Countries.actors.txt", 39546, "no code" },
    { "Phoenix.Countries.actors.txt", 39547, "no code" },
    { "Phoenix.Countries.actors.txt", 39548, "no code" },
    { "Phoenix.Countries.actors.txt", 39549, "no code" },
    { "Phoenix.Countries.actors.txt", 39550, "no code" },
    { "Phoenix.Countries.actors.txt", 39576, "no code" },    /* MEDVEDEV */
    { "Phoenix.Countries.actors.txt", 43615, "no code" },    /* SPLM */
    { "Phoenix.Countries.actors.txt", 45722, "no code" },
    { "Phoenix.Countries.actors.txt", 45723, "no code" },
    { "Phoenix.Countries.actors.txt", 45724, "no code" },
    { "Phoenix.Countries.actors.txt", 45845, "no code" },
    { "Phoenix.Countries.actors.txt", 50802, "no code" },
    { "Phoenix.Countries.actors.txt", 50839, "no code" },
    { "Phoenix.Countries.actors.txt", 50956, "no code" },    /* GERALD_R._FORD */
    { "Phoenix.Countries.actors.txt", 50961, "no code" },
    { "Phoenix.Countries.actors.txt", 50962, "no code" },
    { "Phoenix.Countries.actors.txt", 50963, "no code" },
    { "Phoenix.Countries.actors.txt", 50964, "no code" },
    { "Phoenix.Countries.actors.txt", 50965, "no code" },
    { "Phoenix.Countries.actors.txt", 51076, "no code" },
    { "Phoenix.Countries.actors.txt", 51183, "no code" },
    /* Phoenix.International.actors.txt */
    { "Phoenix.International.actors.txt", 22, "no code" },   /* "U.N._" alone */
    { "Phoenix.International.actors.txt", 40, "bad date" },  /* 2004017: 7 digits */
    { "Phoenix.International.actors.txt", 266, "no code" },  /* JOHN_J MCCLOY_ */
    { "Phoenix.International.actors.txt", 3694, "no code" }, /* "Source: MNC.MLH.actors" */
    { "Phoenix.International.actors.txt", 3696, "unexpected text" }, /* "$137,000,000" */
    { "Phoenix.International.actors.txt", 3726, "unexpected text" },
    { "Phoenix.International.actors.txt", 6605, "unexpected text" },
    /* Phoenix.agents.txt */
    { "Phoenix.agents.txt", 544, "unbalanced" },            /* "[~ENV}" */
    { "Phoenix.agents.txt", 1927, "no [code]" },            /* ISLAMIC_EXTREMIST */
    /* Phoenix.IssueCoding.txt: phrases with no code (PETRARCH ignores them) */
    { "Phoenix.IssueCoding.txt", 141, "no [code]" },
    { "Phoenix.IssueCoding.txt", 142, "no [code]" },
    { "Phoenix.IssueCoding.txt", 143, "no [code]" },
    { "Phoenix.IssueCoding.txt", 144, "no [code]" },
    { "Phoenix.IssueCoding.txt", 145, "no [code]" },
    { "Phoenix.IssueCoding.txt", 146, "no [code]" },
    { "Phoenix.IssueCoding.txt", 147, "no [code]" },
    { "Phoenix.IssueCoding.txt", 1040, "no [code]" },
    { "Phoenix.IssueCoding.txt", 1183, "no [code]" },
    { "Phoenix.IssueCoding.txt", 1219, "no [code]" },
    { "Phoenix.IssueCoding.txt", 1220, "no [code]" },
    { "Phoenix.IssueCoding.txt", 1221, "no [code]" },
    { "Phoenix.IssueCoding.txt", 2250, "no [code]" },
    /* PETR.Validate.verbs.txt */
    { "PETR.Validate.verbs.txt", 447, "more than one" },    /* "--- DELAY [120] [031:031] ---" */
    { "PETR.Validate.verbs.txt", 992, "'['" },              /* "[###]": '#' starts a comment */
};

/* Checks that the problems in w are exactly the KNOWN ones of the files
 * loaded (names in files[]). */
static void check_known(const warns *w, const char *const *files, size_t n_files)
{
    size_t expected = 0;
    for (size_t k = 0; k < sizeof KNOWN / sizeof *KNOWN; k++) {
        int ours = 0;
        for (size_t f = 0; f < n_files; f++) ours |= strcmp(KNOWN[k].file, files[f]) == 0;
        if (!ours) continue;
        expected++;
        int seen = 0;
        for (int i = 0; i < w->n; i++)
            seen |= strcmp(w->file[i], KNOWN[k].file) == 0 && w->line[i] == KNOWN[k].line &&
                    strstr(w->msg[i], KNOWN[k].part) != NULL;
        if (!seen) printf("  expected problem not reported: %s:%ld\n", KNOWN[k].file, KNOWN[k].line);
        CHECK(seen);
    }
    for (int i = 0; i < w->n; i++) {
        int known = 0;
        for (size_t k = 0; k < sizeof KNOWN / sizeof *KNOWN; k++)
            known |= strcmp(w->file[i], KNOWN[k].file) == 0 && w->line[i] == KNOWN[k].line;
        if (!known) printf("  unexpected problem: %s:%ld: %s\n", w->file[i], w->line[i], w->msg[i]);
        CHECK(known);
    }
    CHECK_INT(w->n, expected);
}

/* Lines of the file that start with "- " (pattern lines). */
static long pattern_lines(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) return -1;
    char line[4096];
    long n = 0;
    while (fgets(line, sizeof line, f)) n += line[0] == '-' && line[1] == ' ';
    fclose(f);
    return n;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void check_phoenix_lookups(const dict *d)
{
    CHECK_STR(actor(d, "Sergei Lavrov", 20240409), "RUSGOV");
    CHECK_STR(actor(d, "Lavrov", 20240409), "RUSGOV");
    CHECK_STR(actor(d, "Lavrov", 19990101), "RUSGOV");         /* UN ambassador */
    CHECK(actor(d, "Lavrov", 19900101) == NULL);               /* before his dates */
    CHECK_STR(actor(d, "Xi Jinping", 20240409), "CHNGOV");
    CHECK_STR(actor(d, "Beijing", 20240409), "CHN");
    CHECK_STR(actor(d, "China", 20240409), "CHN");
    noun_match m;
    CHECK_INT(noun(d, "Sergei Lavrov", &m), 2);
    CHECK(dict_actor_is_person(d, m.entry));
    CHECK_STR(dict_actor_name(d, m.entry), "SERGEY_LAVROV");
    int prefix = -1;
    CHECK_STR(agent(d, "president", &prefix), "GOV");
    CHECK_INT(prefix, 0);
    CHECK_STR(agent(d, "police", NULL), "COP");
    CHECK_STR(agent(d, "troops", NULL), "MIL");
    verb_match v;
    CHECK_STR(verb(d, "met Xi", &v), "MEET");
    CHECK_STR(dict_verb_code(d, v.verb), "040");
    const verb_pattern *p;
    size_t np = dict_verb_patterns(d, v.verb, &p);
    CHECK(np >= 20);
    if (np) {
        CHECK_STR(p[0].code, "---");
        CHECK_INT(p[0].n_elems, 2);
        CHECK_STR(words(&p[0].elems[1]), "run-off");
        CHECK(strstr(p[0].file, "CAMEO.2.0.txt") != NULL);
    }
    CHECK_STR(verb(d, "met with", &v), "MEET_WITH");
    CHECK_INT(v.n_tokens, 2);
    CHECK_STR(verb(d, "cordoned off", &v), "CORDON_OFF");
    CHECK_INT(v.n_tokens, 2);
    CHECK_INT(v.head, 0);
    CHECK_STR(dict_verb_code(d, v.verb), "170");
    CHECK_STR(verb(d, "praised", &v), "PRAISE");
    toks t = tk("Manchester United fans");
    int whole = 0;
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 0, &whole), 2);
    CHECK_INT(whole, 1);
    t = tk("baseball");
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 0, &whole), 1);
    CHECK_INT(whole, 0);
}

static void test_standard_dictionaries(void)
{
    char dir[1024], buf[1024];
    snprintf(dir, sizeof dir, "%s/petrarch2/dictionaries", shared_dir());
    struct stat sb;
    if (stat(dir, &sb) != 0) {
        printf("SKIP test_standard_dictionaries: %s not found\n", shared_dir());
        return;
    }
    static const struct { dict_kind kind; const char *name; } PHOENIX[] = {
        { DICT_VERBS, "CAMEO.2.0.txt" },
        { DICT_ACTORS, "Phoenix.Countries.actors.txt" },
        { DICT_ACTORS, "Phoenix.International.actors.txt" },
        { DICT_ACTORS, "Phoenix.MilNonState.actors.txt" },
        { DICT_AGENTS, "Phoenix.agents.txt" },
        { DICT_DISCARDS, "Phoenix.discards.txt" },
        { DICT_ISSUES, "Phoenix.IssueCoding.txt" },
    };
    const char *names[8];
    size_t n = sizeof PHOENIX / sizeof *PHOENIX;
    static warns w;
    memset(&w, 0, sizeof w);
    dict *d = dict_new();
    double t0 = now();
    int problems = 0;
    for (size_t i = 0; i < n; i++) {
        names[i] = PHOENIX[i].name;
        problems += dict_load_file(d, PHOENIX[i].kind, path_of(buf, sizeof buf, "dictionaries",
                                                                PHOENIX[i].name), collect, &w);
    }
    double ms = (now() - t0) * 1e3;
    printf("  note: the Phoenix set loaded in %.0f ms\n", ms);
    CHECK(ms < 5000);
    CHECK_INT(problems, w.n);
    check_known(&w, names, n);
    dict_stats st;
    dict_get_stats(d, &st);
    printf("  note: %zu actors (%zu phrases), %zu agents (%zu phrases), %zu verbs (%zu forms), "
           "%zu patterns, %zu synsets, %zu discards, %zu issues\n", st.actors, st.actor_phrases,
           st.agents, st.agent_phrases, st.verbs, st.verb_forms, st.patterns, st.synsets,
           st.discards, st.issues);
    long pl = pattern_lines(path_of(buf, sizeof buf, "dictionaries", "CAMEO.2.0.txt"));
    CHECK_INT(pl, 4668);
    CHECK_INT(st.patterns, pl - 4);     /* the four malformed ones */
    CHECK_INT(st.synsets, 40);
    CHECK(st.verbs > 1500 && st.verbs < 2500);
    CHECK(st.verb_forms > st.verbs * 3);
    CHECK(st.actors > 25000 && st.actor_phrases > 30000);
    CHECK(st.agents > 2000 && st.agent_phrases > 2 * st.agents);
    CHECK(st.discards > 450 && st.discards < 520);
    CHECK(st.issues > 3000);
    check_phoenix_lookups(d);
    dict_free(d);

    /* the PETRARCH2 unit-test dictionaries */
    static const struct { dict_kind kind; const char *name; } VALIDATE[] = {
        { DICT_VERBS, "PETR.Validate.verbs.txt" },
        { DICT_ACTORS, "PETR.Validate.actors.txt" },
        { DICT_AGENTS, "PETR.Validate.agents.txt" },
        { DICT_DISCARDS, "PETR.Validate.discards.txt" },
    };
    n = sizeof VALIDATE / sizeof *VALIDATE;
    memset(&w, 0, sizeof w);
    d = dict_new();
    for (size_t i = 0; i < n; i++) {
        names[i] = VALIDATE[i].name;
        dict_load_file(d, VALIDATE[i].kind, path_of(buf, sizeof buf, "unit-test", VALIDATE[i].name),
                       collect, &w);
    }
    check_known(&w, names, n);
    CHECK_STR(actor(d, "Sam Gamgee", 20000101), "HOBCIV");
    CHECK_STR(actor(d, "Sam Gamgee", 20100110), "ORCHOB");     /* listed first */
    CHECK_STR(actor(d, "Sam Gamgee", 20110101), "HOBMIL");
    CHECK_STR(actor(d, "Sam Gamgee", 20130101), "HOBGOV");
    CHECK_STR(actor(d, "Sam Gamgee", 20140101), "HOBELI");
    CHECK_STR(actor(d, "Prince of Dol Amroth", 19950101), "---");
    CHECK_STR(actor(d, "Prince of Dol Amroth", 19960101), "DOL");
    CHECK_STR(actor(d, "Interpol", 19960101), "IGOCOPITP");
    CHECK_STR(agent(d, "congressmen", NULL), "LEG");
    CHECK_STR(agent(d, "ministries of silly walks", NULL), "GOV");
    CHECK_STR(agent(d, "golden geese", NULL), "GGS");
    verb_match v;
    CHECK_STR(verb(d, "klm nop rst", &v), "KLM_NOP_RST");
    CHECK_INT(v.head, 2);
    CHECK_STR(dict_verb_code(d, v.verb), "002");
    CHECK_STR(verb(d, "broke down", &v), "BREAK_DOWN");
    toks t = tk("the ESPN2 report");
    int whole = 0;
    CHECK_INT(dict_match_discard_scope(d, t.t, t.n, 1, &whole), 1);
    CHECK_INT(whole, 1);
    dict_free(d);
}

int main(void)
{
    tok_arena = arena_new();
    RUN(test_verb_forms);
    RUN(test_multiword_verbs);
    RUN(test_synsets);
    RUN(test_patterns);
    RUN(test_verb_problems);
    RUN(test_block_headers);
    RUN(test_first_verb_definition_wins);
    RUN(test_actors);
    RUN(test_noun_gaps);
    RUN(test_organization_marker);
    RUN(test_stamped_tokens);
    RUN(test_actor_problems);
    RUN(test_agents);
    RUN(test_agent_problems);
    RUN(test_agent_marker_items);
    RUN(test_actor_agent_tie);
    RUN(test_discards);
    RUN(test_issues);
    RUN(test_line_handling);
    RUN(test_words_like_tokens);
    RUN(test_api_edges);
    RUN(test_several_files);
    RUN(test_pathological);
    RUN(test_standard_dictionaries);
    arena_free(tok_arena);
    return harness_report("test_dict");
}
