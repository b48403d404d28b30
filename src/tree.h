/* tree.h — questions the coder asks of a parsed sentence (syntax.h):
 * who is the subject of this verb, what are its objects, is it negated,
 * passive, under a modal, how far does its clause reach.
 *
 * Token indices are sentence-relative (0..n-1); -1 means none.  The
 * answers follow the Universal Dependencies conventions the parser was
 * trained on:
 *   "Lavrov met Xi"                      subject Lavrov, object Xi
 *   "Lavrov agreed to meet Xi"           meet (xcomp) takes agreed's subject
 *   "Putin urged Xi to visit Moscow"     visit takes urged's object (Xi)
 *   "Lavrov met Xi and praised him"      praised (conj) shares met's subject
 *   "the envoy who was attacked by ..."  attacked: passive, subject envoy
 *   "did not meet", "never met"          negated
 *   "would continue to strengthen"       strengthen is under a modal
 */
#ifndef DYAD_TREE_H
#define DYAD_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "deprel.h"
#include "doc.h"

typedef struct tree {
    const token *toks;       /* the sentence's tokens, head and rel set */
    int n;
    int32_t *first_child;    /* children in text order */
    int32_t *next_sibling;
} tree;

/* Indexes the children of a parsed sentence; arrays live in `a`. */
void tree_init(tree *t, arena *a, const token *toks, size_t n);

/* Does the parse read the sentence as a clause: a verb at its root, or a
 * root with a subject or a copula ("Lavrov is a friend")?  A news sentence
 * parsed as one long noun phrase ("troops' attacked Ukrainian positions")
 * is a parse to distrust. */
int tree_is_clause(const tree *t);

/* The first child of h with relation r, or -1. */
int tree_child(const tree *t, int h, dep_rel r);

/* Is token v used as a verb: tagged VERB, not a modifier of a noun
 * ("the visiting ministers", "a peace-building mission"), not right after
 * an article or a possessive ("Jordan's visiting king", the tagger
 * notwithstanding)? */
int tree_is_verb(const tree *t, int v);

/* The subject of verb v, following the control and coordination chains
 * above; a relative pronoun stands for the noun its clause modifies. */
int tree_subject(const tree *t, int v);

/* Is v's clause an adverbial one with no subject of its own that opens
 * before the subject of the clause it modifies ("Rebuked by Eriador,
 * Osgiliath is ...")?  tree_subject lends it that later subject. */
int tree_opens_without_subject(const tree *t, int v);

/* The subject of the verb that reports v's clause ("Iran said it would
 * ..." -> Iran for "would"'s clause), or -1 when v's clause is not the
 * complement (ccomp) of a verb. */
int tree_reporter(const tree *t, int v);

/* Is v in the passive voice ("was attacked", "is expected")? */
int tree_is_passive(const tree *t, int v);

/* The "by" phrase of a passive verb (obl:agent, or an obl with "by"). */
int tree_agent(const tree *t, int v);

/* The oblique of v introduced by the preposition prep (a match key such
 * as "from"), or -1. */
int tree_oblique(const tree *t, int v, const char *prep);

/* Does v, or a verb it is the xcomp of, carry a negation ("not", "n't",
 * "never")? */
int tree_is_negated(const tree *t, int v);

/* Does v, or a verb it is the xcomp of, carry a modal auxiliary? */
int tree_has_modal(const tree *t, int v);

/* The modal auxiliary of v or of the nearest verb above it in its xcomp
 * chain ("would" in "would try to meet"), or -1. */
int tree_modal(const tree *t, int v);

/* Is v in a perfect tense ("would have met": the aux "have")? */
int tree_is_perfect(const tree *t, int v);

/* Is v, or a verb it is the xcomp of, in a clause introduced by
 * "whether" or "if": an indirect question or a condition, not a fact? */
int tree_is_hypothetical(const tree *t, int v);

/* Does v have a direct object? */
int tree_has_object(const tree *t, int v);

/* Has v a phrase after it that could name a target: an object, a
 * prepositional phrase ("said on Saturday"), a clause it governs?  Not
 * a bare time noun ("said today") or an adverb. */
int tree_has_complement(const tree *t, int v);

/* Candidate targets of v in the order the coder tries them: its direct
 * and indirect objects, the noun modifiers of its object ("cooperation
 * with Moscow"), its obliques (not the passive agent, nor one that says
 * when: "after", "before", "since", "during", "until"), then the same for
 * an xcomp it governs, and last the subject of a clause it reports after
 * it ("Arnor believes Osgiliath can cope"; not "Arnor signed ..., officials
 * said").  Returns the number written to out (at
 * most max). */
int tree_objects(const tree *t, int v, int *out, int max);

/* Is token i inside the subtree of h (h itself included) without being in
 * a clause of its own below h: a relative clause, a reported clause, a
 * parataxis or a coordinated verb ("met the envoy who had criticized
 * Russia": Russia is not in met's phrase)? */
int tree_in_phrase(const tree *t, int h, int i);

/* The top of v's xcomp chain ("agreed" for "meet" in "agreed to meet"). */
int tree_clause_top(const tree *t, int v);

/* The span [*first, *end) of v's clause: its subtree without the clauses
 * embedded in it (ccomp, advcl, parataxis, relative clauses, coordinated
 * verbs) and without its punctuation. */
void tree_clause_span(const tree *t, arena *a, int v, int *first, int *end);

/* The span [*first, *end) of v's whole subtree, embedded clauses included
 * (where a pattern's words may be: "said that Australia is a reliable
 * partner"). */
void tree_subtree_span(const tree *t, arena *a, int v, int *first, int *end);

#endif
