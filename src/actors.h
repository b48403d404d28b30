/* actors.h — recognising actors in a sentence.
 *
 * An actor mention is a run of dictionary phrases that name one actor:
 * "Russian Foreign Minister Sergei Lavrov" is the country adjective
 * "Russian" (RUS), the agent "Foreign Minister" (GOV) and the person
 * "Sergei Lavrov" (RUSGOV on the story date).  Its code follows PETRARCH:
 * the head (rightmost) actor's date-resolved code; when that is a bare
 * country, the agents in the phrase are added to it (RUS + GOV = RUSGOV);
 * an agent with no country gives a mention with no code.  A title takes in
 * the unknown name after it ("German Foreign Minister Oskar Fischer"), and
 * a possessive joins a country to its agent ("Russia's foreign minister",
 * RUSGOV; also over up to three words, "Dagolath's first Deputy Prime
 * Minister"), and so do "of", "in" and "from" after an agent with no country
 * ("the government of Gondor" is GONGOV; "the ambassadors of Arnor and
 * Gondor" ARNGOV/GONGOV, a coded compound: one event per country).  "he" and "she"
 * become mentions that take the code of the nearest person named before
 * them.  Mentions joined by "and" are compound actors.
 *
 * Example: "Lavrov and Xi met in Beijing." gives three mentions: Lavrov
 * (RUSGOV, conj -> Xi), Xi (CHNGOV), Beijing (CHNGOV, after_preposition).
 */
#ifndef DYAD_ACTORS_H
#define DYAD_ACTORS_H

#include "arena.h"
#include "dict.h"
#include "doc.h"

typedef struct mention {
    uint32_t first, n;          /* tokens [first, first + n) of doc.tokens */
    uint32_t sent;              /* index of its sentence in doc.sents */
    const char *code;           /* CAMEO actor code, NULL when unknown */
    uint32_t head_actor;        /* dictionary actor id of the head, if has_actor */
    uint8_t has_actor;          /* the phrase contains a dictionary actor */
    uint8_t is_person;          /* names a person (date-restricted entry or pronoun) */
    uint8_t is_pronoun;         /* he / she, resolved to `antecedent` */
    uint8_t after_preposition;  /* object of a preposition ("to Beijing") */
    uint8_t locative;           /* after in, at, near ...: a place, not a party */
    uint8_t possessive;         /* followed by 's ("Xi's leadership") */
    const char *agents;         /* no actor in the phrase: its agents' codes
                                   ("GOV"), else NULL */
    uint8_t agents_prefix;      /* those agents go before a country code */
    uint8_t head_agent_len;     /* length of the last agent code appended
                                   to the actor's ("MED" of DNKMED), or 0 */
    int antecedent;             /* the person a pronoun or a description ("the
                                   Russian diplomat") stands for, or -1 */
    int conj_next;              /* next member of a compound ("A and B"), or -1 */
    int conj_prev;              /* previous member, or -1 */
} mention;

/* A growable list of the mentions of one story, in text order. */
typedef struct mention_list {
    mention *items;
    size_t n, cap;
} mention_list;

/* Finds the mentions of sentence s (tokens must be tagged) and appends
 * them to *list; returns the index of the first one added.  yyyymmdd is
 * the story date, for date-restricted codes.  With unknown_agents, agents
 * with no country make an actor of unknown country, PETRARCH's "---"
 * followed by the agents ("a senior official" is ---GOV); without, such a
 * mention has no code.  Pronouns may resolve to
 * mentions of earlier sentences already in the list. */
size_t actors_find(arena *a, const dict *dc, const doc *d, size_t s, int yyyymmdd,
                   int unknown_agents, mention_list *list);

/* PETRARCH's new actors (new_actor_length, dyad.h): after sentence s is
 * parsed, each subject, object or oblique noun phrase that names no actor
 * and has at most max_words words (a possessive 's not counted) becomes
 * a mention whose code is its words in capitals and double quotes:
 * "Gryffindor's head Minerva McGonagall left for the Ministry of Magic"
 * gives "GRYFFINDOR HEAD MINERVA MCGONAGALL" and "THE MINISTRY OF MAGIC".
 * Mentions first.. of the list are the sentence's; they stay in text
 * order. */
void actors_add_new(arena *a, const doc *d, size_t s, size_t max_words, mention_list *list,
                    size_t first);

#endif
