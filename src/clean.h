/* clean.h — cleaning scraped news text.
 *
 * Two passes:
 *  1. clean_text(), before splitting: character-level normalisation that
 *     keeps a map back to the original bytes (doc.orig).
 *       - Unicode NFC (utf8proc);
 *       - curly and other typographic quotes -> ' or " (utf8proc leaves
 *         these alone, so a small table of our own);
 *       - dashes (en, em, minus, ...) -> "-" (a spaced dash stays spaced);
 *       - no-break, thin and other spaces, tabs -> " "; CR LF and CR -> LF;
 *       - zero-width characters and soft hyphens removed;
 *       - runs of spaces collapsed; a line of only spaces becomes empty.
 *     Paragraph breaks (blank lines) are kept: the splitter uses them.
 *  2. clean_sentences(), after tokenizing: sentence-level decisions.
 *       - agency boilerplate and bylines are marked SENT_BOILERPLATE
 *         ("With the contribution of agencies", "By Jane Doe", "Read more: ...",
 *         "(Reporting by ...; Editing by ...)", "Copyright ...");
 *       - a sentence that repeats another one (same words, or one contained
 *         in the other, as with a lead repeated in the body) is marked
 *         SENT_DUPLICATE, duplicate_of names the sentence kept (the longer,
 *         or the earlier when equal);
 *       - kept sentences are numbered 1..n in order.
 *
 * Ownership: all output lives in the arena.
 */
#ifndef DYAD_CLEAN_H
#define DYAD_CLEAN_H

#include "arena.h"
#include "doc.h"

/* Fills d->clean, d->clean_len and d->orig from d->story->text.
 * Returns 0, or -1 when the text is empty after cleaning. */
int clean_text(arena *a, doc *d);

/* Marks boilerplate and duplicate sentences and numbers the rest.
 * Needs d->sents and d->tokens.  Returns the number of kept sentences. */
size_t clean_sentences(arena *a, doc *d);

#endif
