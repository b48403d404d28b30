/* tokenize.h — words, numbers and punctuation with byte offsets.
 *
 * Tokenizes each sentence of d->sents, filling d->tokens and each sentence's
 * first_token/n_tokens.  Every token is a span of the cleaned text (start,
 * len) and so, through d->orig, of the original.  Rules (Penn Treebank style
 * where it matters for coding):
 *  - abbreviations keep their period (U.S., Mr., Gen., Jan., a.m.);
 *    initials too (V.);
 *  - decimals and thousands stay one number (3.5, 1,000); ordinals (75th);
 *  - hyphenated words are one token (two-day, Putin-Xi) with
 *    TOKF_HYPHENATED set;
 *  - possessive 's and ' are tokens of their own (TOK_POSSESSIVE);
 *    contractions split as n't, 're, 'll ...;
 *  - quotes, brackets and other punctuation are single tokens.
 * token.key is match_key() of the token text (key.h).
 */
#ifndef DYAD_TOKENIZE_H
#define DYAD_TOKENIZE_H

#include "arena.h"
#include "doc.h"

/* Returns the number of tokens. */
size_t tokenize(arena *a, doc *d);

#endif
