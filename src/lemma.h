/* lemma.h — a small rule-based English lemmatizer, following the lemma
 * conventions of UD English EWT.
 *
 * The word is lower-cased (proper nouns keep their form, as in EWT), then
 * looked up in an authored exception list (irregular verbs and nouns,
 * pronouns, contractions, comparatives such as better -> good), else
 * inflection rules by part of speech: plural nouns (-s, -es, -ies),
 * verbs (-s, -es, -ies, -ed, -ied, -ing, with undoubling and e-restoration
 * heuristics) and comparative or superlative adjectives (-er, -est).
 *
 * Example:
 *   char buf[64];
 *   lemma_of("Studies", POS_NOUN, "NNS", buf, sizeof buf)   "study"
 *   lemma_of("went", POS_VERB, "VBD", buf, sizeof buf)      "go"
 *   lemma_of("stopped", POS_VERB, "VBD", buf, sizeof buf)   "stop"
 *
 * Ownership: the lemma is written to the caller's buffer.
 */
#ifndef DYAD_LEMMA_H
#define DYAD_LEMMA_H

#include <stddef.h>

/* Writes the lemma of form into out (outlen > 0; cut to outlen - 1
 * bytes) and returns out.  upos is a pos_tag (doc.h); xpos is the Penn
 * tag (NNS, VBD, VBG, VBN, VBZ, JJR, JJS, RBR, RBS sharpen the rules) or
 * NULL / "_" when unknown. */
const char *lemma_of(const char *form, int upos, const char *xpos, char *out, size_t outlen);

#endif
