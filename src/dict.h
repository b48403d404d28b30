/* dict.h — dictionaries in the PETRARCH formats, held as tries.
 *
 * Kinds (see ../shared/petrarch2/dictionaries.rst for the formats):
 *   verbs     synsets (&NAME with +phrases), verb blocks (--- NAME [CODE] ---),
 *             verbs with {irregular forms} and [codes], multi-word verbs
 *             (+CORDON_OFF, WIRE_+TAP), patterns "- ... * ... [CODE]"
 *   actors    NAME_ [CODE] with +synonyms and date-restricted codes
 *             ([RUSGOV 20000507-20080507], [RUSGOV >080508], [RUSELI <20000101])
 *   agents    NAME [~GOV] / NAME [GOV~], {plural forms}, !SUBST! sets
 *   discards  phrases that make a story or sentence not codable
 *   issues    not needed by the first coder; read and ignored
 * Comments (# ...) and blank lines are skipped.  Words are stored by the
 * match key of tokenize.h (case-folded, accents stripped); '_' joins words.
 *
 * Loading reports each malformed line through the warn callback (file and
 * line) and skips it; the rest of the file still loads.
 *
 * Ownership: a dict owns all its memory; pointers it returns are valid
 * until dict_free().  A loaded dict is read-only and may be shared.
 *
 * Example (actors file):
 *   SERGEY_LAVROV_
 *   +SERGEI_LAVROV
 *   +LAVROV
 *   [RUSGOV >20040309]
 * dict_match_noun() on the tokens "Sergei Lavrov met" at 0 gives a match of
 * 2 tokens; dict_actor_code(d, entry, 20240409) is "RUSGOV".
 */
#ifndef DYAD_DICT_H
#define DYAD_DICT_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

typedef struct dict dict;

typedef enum {
    DICT_VERBS = 0,
    DICT_ACTORS,
    DICT_AGENTS,
    DICT_DISCARDS,
    DICT_ISSUES,
} dict_kind;

/* Called once per problem; `line` is 1-based. */
typedef void (*dict_warn_fn)(void *ctx, const char *file, long line, const char *message);

dict *dict_new(void);
void dict_free(dict *d);

/* Loads a dictionary from memory; `name` is used in messages and evidence.
 * Returns the number of problems reported (0 when the text was clean). */
int dict_load(dict *d, dict_kind kind, const char *name, const char *text,
              size_t len, dict_warn_fn warn, void *ctx);
/* Same, from a file; returns -1 (after one warning) if it cannot be read. */
int dict_load_file(dict *d, dict_kind kind, const char *path,
                   dict_warn_fn warn, void *ctx);

/* ---- nouns: actors and agents ---- */

typedef enum { NOUN_ACTOR = 1, NOUN_AGENT = 2 } noun_kind;

typedef struct noun_match {
    uint32_t entry;      /* actor or agent id */
    uint32_t n_tokens;   /* tokens covered, >= 1 */
    uint8_t kind;        /* noun_kind */
} noun_match;

/* Looks up once the dictionary word of each token and keeps it in the
 * token (word, word_dict), so that the many matches over a story do not
 * hash its words again.  Optional: an unstamped token is looked up. */
void dict_stamp_tokens(const dict *d, token *toks, size_t n);
/* The serial dict_stamp_tokens writes into token.word_dict (never 0; 0
 * for no dictionary). */
uint32_t dict_serial(const dict *d);

/* Longest actor or agent phrase starting at toks[i] (an actor wins a tie
 * with an agent).  Returns 1 and fills *out, or 0. */
int dict_match_noun(const dict *d, const token *toks, size_t n, size_t i,
                    noun_match *out);

/* The actor's code on a date given as YYYYMMDD (date-restricted codes are
 * checked against it; an unrestricted code is the fallback), or NULL. */
const char *dict_actor_code(const dict *d, uint32_t actor, int yyyymmdd);
/* True when the entry had date-restricted codes: a person in a role
 * (unless its first line's comment begins "organization": a group whose
 * code changed with its status, such as the Taliban). */
int dict_actor_is_person(const dict *d, uint32_t actor);
/* The code of the entry's latest date range (a person's last role), or its
 * first code when no code is date-restricted; NULL for a bad id.  Actor
 * ids run from 0 to dict_stats.actors - 1. */
const char *dict_actor_latest_code(const dict *d, uint32_t actor);
/* The entry's primary name as written in the file ("SERGEY_LAVROV"). */
const char *dict_actor_name(const dict *d, uint32_t actor);

/* An agent's code without placement marks ("GOV") and whether it goes
 * before the actor code (GOV~ -> 1) or after it (~GOV -> 0, the usual). */
const char *dict_agent_code(const dict *d, uint32_t agent, int *is_prefix);

/* ---- discards ---- */

/* Length in tokens of a discard phrase starting at toks[i], or 0. */
size_t dict_match_discard(const dict *d, const token *toks, size_t n, size_t i);
/* Same; *whole_story (if not NULL) is set to 1 when the phrase was written with
 * a leading '+' (the whole story is not coded), else 0. */
size_t dict_match_discard_scope(const dict *d, const token *toks, size_t n, size_t i,
                                int *whole_story);

/* ---- verbs ---- */

typedef struct verb_match {
    uint32_t verb;       /* verb id */
    uint32_t n_tokens;   /* tokens covered by the (multi-word) verb form */
    uint32_t head;       /* offset within the match of the verb word itself */
} verb_match;

/* Longest verb form (any inflection) starting at toks[i]. Returns 1 or 0. */
int dict_match_verb(const dict *d, const token *toks, size_t n, size_t i,
                    verb_match *out);

/* The code of the isolated verb: its own [code], else its block's;
 * "---" means the bare verb makes no event. */
const char *dict_verb_code(const dict *d, uint32_t verb);
const char *dict_verb_name(const dict *d, uint32_t verb);

typedef enum {
    PE_VERB = 1,     /* "*": the verb itself */
    PE_SOURCE,       /* "$": the source actor */
    PE_TARGET,       /* "+": the target actor */
    PE_PHRASE,       /* a word or {multi word phrase}: consecutive words */
    PE_SYNSET,       /* &NAME: any phrase of the synonym set */
    PE_OPEN,         /* "(" a prepositional phrase starts */
    PE_CLOSE,        /* ")" */
    PE_SKIP,         /* "^": skip a noun phrase */
    PE_COMPOUND,     /* "%": compound actor */
} pattern_elem_kind;

typedef struct pattern_elem {
    uint8_t kind;            /* pattern_elem_kind */
    uint16_t n_words;        /* PE_PHRASE: number of words */
    const char *const *words;/* PE_PHRASE: the words' match keys */
    const uint32_t *hashes;  /* PE_PHRASE: their key_hash(), tested first */
    uint32_t synset;         /* PE_SYNSET: synset id */
    uint8_t joined;          /* PE_PHRASE, PE_SYNSET, PE_VERB: written with '_'
                                right after the element before it ("*_UP",
                                "WERE_*", "MOST_CERTAINLY_&NEG_EVER"): it must
                                follow that one directly */
} pattern_elem;

typedef struct verb_pattern {
    const pattern_elem *elems;
    uint16_t n_elems;
    uint16_t verb_index;     /* index of the PE_VERB element */
    const char *code;        /* as written between [ ], e.g. "036" or "036:036" or "---" */
    const char *file;        /* dictionary name given to dict_load */
    long line;               /* 1-based line of the pattern */
} verb_pattern;

/* The patterns of the verb's block (the patterns that follow the verbs of
 * one synonym group), in file order.  *out points into the dict. */
size_t dict_verb_patterns(const dict *d, uint32_t verb, const verb_pattern **out);
/* A verb defined again in a later block: 1 + that definition, whose
 * patterns apply too; 0 when there is none. */
uint32_t dict_verb_redefined(const dict *d, uint32_t verb);
/* File and line where the verb was defined (for evidence). */
const char *dict_verb_file(const dict *d, uint32_t verb, long *line);

/* Number of tokens matched by a PE_PHRASE or PE_SYNSET element at toks[i]
 * (plural forms of nouns included, as PETRARCH generates them), or 0. */
size_t dict_match_elem(const dict *d, const pattern_elem *e, const token *toks,
                       size_t n, size_t i);
/* 0 when dict_match_elem(d, e, toks, n, i) is surely 0, t = &toks[i] and
 * serial = dict_serial(d): the first word of phrase e is not t's key (its
 * hash differs), or t is stamped as no word of d, so no synset phrase
 * starts with it.  The test of a scan over many positions, most of them no
 * match, without a call. */
static inline int dict_elem_may_match(const pattern_elem *e, const token *t, uint32_t serial)
{
    if (e->kind == PE_SYNSET) return t->word_dict != serial || t->word != 0;
    return e->kind != PE_PHRASE || !e->hashes || !e->n_words ||
           (t->key && t->hash == e->hashes[0]);
}

/* Counts, for reports and tests. */
typedef struct dict_stats {
    size_t actors, actor_phrases, agents, agent_phrases, verbs, verb_forms,
           patterns, synsets, discards, issues;
} dict_stats;
void dict_get_stats(const dict *d, dict_stats *out);

#endif
