/* dict_internal.h — the body of `dict` and the helpers its readers share.
 * Private to dict.c, dict_read.c, dict_verbs.c and dict_nouns.c, and to
 * dict_cache.c, which writes and reads the compiled form: every pointer
 * field below is written there as an offset, so a new one must be added
 * there too (and DICT_CACHE_VERSION raised).
 *
 * Storage.  Every dictionary word is a match key (key.h) interned once:
 * word id 0 means "no such word", ids 1.. index d->word.  All tries live in
 * one pool of nodes; a node's children are found through one global hash
 * table keyed by (parent node, word id), so a step down the trie is one
 * hash probe whatever the fan-out (the noun root has ~100,000 children).
 * The roots: nouns (actors and agents share it), verb forms, discards, one
 * per synset, and two name tables (synset names, agent substitution
 * markers) that map a name to its record through a one-word "phrase".
 *
 * Node payloads (tnode.a, tnode.b), by trie:
 *   nouns     a = actor id + 1, b = agent id + 1 (0: none)
 *   verbs     a = verb id + 1,  b = offset of the verb word in the form
 *   discards  a = DISCARD_SENTENCE | DISCARD_STORY
 *   synsets   a = 1 at the end of a phrase
 *   names     a = record id + 1
 *
 * Strings, pattern elements and finished pattern lists are in d->mem (an
 * arena), so pointers handed out stay valid until dict_free(); the record
 * arrays grow with xrealloc and are addressed by id only.
 */
#ifndef DYAD_DICT_INTERNAL_H
#define DYAD_DICT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "dict.h"

enum { DISCARD_SENTENCE = 1, DISCARD_STORY = 2 };

/* Open date bounds of an actor code: YYYYMMDD integers. */
#define DATE_MIN 0
#define DATE_MAX 99999999

typedef struct tnode { uint32_t a, b; } tnode;

typedef struct actor_code_rec {
    const char *code;
    int32_t from, to;            /* inclusive YYYYMMDD bounds */
    uint8_t restricted;          /* had a date restriction */
} actor_code_rec;

typedef struct actor_rec {
    const char *name;
    uint32_t first_code, n_codes;   /* into d->acode */
    uint8_t person;
} actor_rec;

typedef struct agent_rec {
    const char *code;            /* without '~' */
    uint8_t prefix;              /* written GOV~ */
} agent_rec;

typedef struct verb_rec {
    const char *name, *code, *file;
    long line;
    uint32_t group;
    uint32_t same_name;          /* 1 + a later verb of the same name, or 0 */
} verb_rec;

typedef struct group_rec {
    const verb_pattern *pats;    /* in the arena once the group is closed */
    uint32_t n;
} group_rec;

typedef struct phrase_rec {      /* one phrase of a synset, for &SET inside a set */
    const uint32_t *wids;
    uint32_t n;
} phrase_rec;

typedef struct synset_rec {
    const char *name;
    uint32_t root;
    uint32_t first_phrase, n_phrases;   /* into d->sphrase */
    uint8_t noplural;
} synset_rec;

typedef struct marker_rec {      /* agents' !NAME! = A, B, C */
    const char *const *items;
    uint32_t n;
} marker_rec;

struct dict {
    uint32_t serial;             /* unique among the process's dictionaries, never 0 */
    arena *mem;
    /* interned words */
    const char **word;
    uint64_t *word_hash;
    size_t n_words, cap_words;
    uint32_t *wtab;              /* open addressing over word ids */
    size_t wtab_cap;
    /* trie pool and child table */
    tnode *node;
    size_t n_nodes, cap_nodes;
    uint64_t *ekey;              /* (parent << 32 | word id); 0 = empty */
    uint32_t *eval;
    size_t etab_cap, n_edges;
    uint64_t *efilter;           /* derived from ekey, not written to the
                                    cache: a bit set per key (dict_edge_filter) */
    size_t efilter_bits;
    uint32_t noun_root, verb_root, discard_root, synset_names, marker_names;
    uint32_t gap_word;           /* in noun phrases: other words may stand here */
    /* records */
    actor_rec *actor;       size_t n_actors, cap_actors;
    actor_code_rec *acode;  size_t n_acodes, cap_acodes;
    agent_rec *agent;       size_t n_agents, cap_agents;
    verb_rec *verb;         size_t n_verbs, cap_verbs;
    group_rec *group;       size_t n_groups, cap_groups;
    synset_rec *synset;     size_t n_synsets, cap_synsets;
    phrase_rec *sphrase;    size_t n_sphrases, cap_sphrases;
    marker_rec *marker;     size_t n_markers, cap_markers;
    dict_stats st;
};

/* ---- growable arrays ---- */

/* Returns p grown so that at least `need` elements of `size` fit; *cap is
 * updated.  Aborts on overflow or out of memory (arena.h policy). */
void *dict_grow(void *p, size_t *cap, size_t need, size_t size);
#define DICT_PUSH(arr, n, cap) \
    ((arr) = dict_grow((arr), &(cap), (n) + 1, sizeof *(arr)), &(arr)[(n)++])

/* Reads a whole file into a malloc'd buffer (*len its size); NULL on
 * failure (errno set). */
char *dict_read_file(const char *path, size_t *len);

/* A vector of word ids (scratch while parsing). */
typedef struct wvec { uint32_t *v; size_t n, cap; } wvec;
void wvec_push(wvec *w, uint32_t id);

/* ---- words and tries (dict.c) ---- */

/* Id of key[0..len) (a match key), adding it if new; never 0. */
uint32_t dict_intern(dict *d, const char *key, size_t len);
/* The interned copy of s[0..len) (codes are kept this way, once each). */
const char *dict_intern_str(dict *d, const char *s, size_t len);
/* Id of a NUL-terminated key, or 0 when no dictionary has that word. */
uint32_t dict_word_find(const dict *d, const char *key);
/* The same for a token, by its stored key hash (token.hash). */
uint32_t dict_token_word_lookup(const dict *d, const token *t);
static inline uint32_t dict_token_word(const dict *d, const token *t)
{
    return t->word_dict == d->serial ? t->word : dict_token_word_lookup(d, t);
}
/* A new node with empty payload. */
uint32_t dict_new_node(dict *d);
/* The child of `node` by word `wid`, or 0. */
uint32_t dict_child(const dict *d, uint32_t node, uint32_t wid);
/* Rebuilds d->efilter from the keys of the child table (after the table
 * is replaced or grown). */
void dict_edge_filter(dict *d);
/* The end node of the path wids[0..n) from root, made as needed. */
uint32_t dict_insert(dict *d, uint32_t root, const uint32_t *wids, size_t n);

/* ---- loading (dict_read.c) ---- */

typedef struct loadctx {
    dict *d;
    const char *file;            /* arena copy of the name */
    dict_warn_fn warn;
    void *wctx;
    int problems;
    long line;                   /* 1-based number of the current line */
    /* line reader */
    const char *p, *end;
    long next_no;
    int in_comment;              /* inside a multi-line <!-- --> */
    long comment_line;
    char *buf;                   /* the current line, cleaned, NUL-terminated */
    int org_comment;             /* its comment starts with "organization" */
    size_t buf_cap;
    /* scratch */
    char *kbuf;                  /* match keys */
    size_t kbuf_cap;
    char *tbuf;                  /* word transformations (plurals, forms) */
    size_t tbuf_cap;
    char *nbuf;                  /* names of synsets and markers */
    size_t nbuf_cap;
} loadctx;

/* Reports a problem on the current line (printf-style) and counts it. */
void dict_problem(loadctx *c, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Same, for an explicit line number. */
void dict_problem_at(loadctx *c, long line, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* Next line with content: comments ('#', ';', <!-- -->) removed, blanks
 * trimmed, NUL bytes made spaces; in c->buf, numbered c->line.  Returns 0
 * at the end of the text (reporting an unterminated <!-- comment). */
int dict_next_line(loadctx *c);

/* Appends the word ids of one raw dictionary word (no '_' or blanks in
 * it), split the way the tokenizer splits text: leading ( [ " and
 * trailing ) ] " , ; : ! ? become words of their own, and so do a
 * possessive 's or ' and a contraction (n't 're 've 'll 'd 'm), as
 * tokenize.c splits them.  Returns the ids appended. */
size_t dict_add_raw_word(loadctx *c, const char *w, size_t len, wvec *out);
/* Appends the ids of a phrase whose raw words are separated by '_' or
 * blanks.  Returns the ids appended. */
size_t dict_add_phrase(loadctx *c, const char *s, size_t len, wvec *out);
/* The same for an actor or agent phrase, where a blank (not '_') between
 * two words lets other words stand between them in the text ("ITHILEN
 * TELEVISION" matches "Ithilen state-run television"): the blank becomes
 * the word d->gap_word. */
size_t dict_add_noun_phrase(loadctx *c, const char *s, size_t len, wvec *out);
/* The regular plural of the phrase s[0..len) (its last word made plural:
 * -ies after a consonant + y, -es after s x z ch sh, else -s) into c->tbuf;
 * returns its length, or 0 when the last word does not end in a letter. */
size_t dict_plural(loadctx *c, const char *s, size_t len);
/* A name (synset or substitution marker, ASCII case ignored) in the
 * names trie `root`: returns its record id + 1, or 0.  With `made`, the
 * name's node is made if missing and returned through *made, so that the
 * caller can set its payload. */
uint32_t dict_name(loadctx *c, uint32_t root, const char *name, size_t len, uint32_t *made);
/* A blank: space, tab, CR, LF, FF or VT. */
int dict_is_blank(char ch);
/* Whether s[0..len) has a blank in it. */
int dict_has_blank(const char *s, size_t len);
/* Copies s[0..len) into the arena as a string. */
const char *dict_strdup(loadctx *c, const char *s, size_t len);
/* Trims blanks from both ends of [*s, *s + *len). */
void dict_trim(const char **s, size_t *len);

/* ---- the readers ---- */
void dict_read_verbs(loadctx *c);      /* dict_verbs.c */
void dict_read_actors(loadctx *c);     /* dict_nouns.c */
void dict_read_agents(loadctx *c);
void dict_read_discards(loadctx *c);
void dict_read_issues(loadctx *c);

#endif
