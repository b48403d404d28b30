/* tag.h — part-of-speech tags for the coder.
 *
 * This first tagger is lexical: closed-class words (determiners,
 * prepositions, pronouns, auxiliaries, conjunctions, particles) come from
 * a table, punctuation and numbers from the token kind, capitalised words
 * inside a sentence are PROPN, and open-class words default to NOUN unless
 * their context makes them verbs (after a pronoun subject, a modal, an
 * auxiliary or infinitival "to") or adverbs (-ly).  It exists so that
 * later stages depend on tags, not on word lists.  It serves actor
 * recognition (which runs before the parse) and the shallow coder; when a
 * sentence is parsed, the trained tagger's UPOS replaces its tags
 * (syntax.h), and the word classes (token.lex) stay.
 */
#ifndef DYAD_TAG_H
#define DYAD_TAG_H

#include "doc.h"

/* Sets token.pos for every token of sentence s. */
void tag_sentence(doc *d, size_t s);

/* Table look-ups used by the coder. */
int tag_is_negation(const token *t);          /* not, n't, never, no */
int tag_is_modal(const token *t);             /* will, would, could, may, ... */
int tag_is_be_form(const token *t);           /* be, is, was, were, been, ... */
int tag_is_subordinator(const token *t);      /* that, whether, because, if, ... */
int tag_is_personal_pronoun(const token *t);  /* he, she (and him, her) */

/* A word that opens an adverbial clause ("after", "when", "although",
 * "because", "if" ...), in any case: "After Russia attacked Ukraine, ...". */
int tag_opens_adverbial_clause(const char *word);

/* A noun that counts or groups what its "of" names, so that the group
 * acts as what it holds: "thousands of Iraqis", "a group of students",
 * "members of the opposition" (a short list; called rarely). */
int tag_is_partitive(const token *t);

#endif
