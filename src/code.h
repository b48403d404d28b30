/* code.h — coding events: who did what to whom in one sentence.
 *
 * A parsed sentence (sentence.parsed, syntax.h) is coded from its tree:
 * for each verb the verb dictionary knows that the tagger calls a verb,
 *   - the source is the actor its subject names (tree_subject: through
 *     xcomp control, coordination and relative clauses; appositions,
 *     titles and possessors name the subject; a group pronoun in a
 *     reported clause is the reporter);
 *   - the pattern is matched as below, inside the verb's phrase;
 *   - the target is the pattern's + slot, else the first of the verb's
 *     objects (tree_objects) that names an actor and is not a place, else
 *     the first actor after the verb inside its own phrase;
 *   - passive, negation (through xcomp), modality, questions, reciprocal
 *     compounds and self-events as below; no event for an indirect question
 *     or a condition ("whether", "if"), nor for a verb that is the xcomp of
 *     a coded verb ("refused to meet": the refusal is the event).
 * A verb the parse gives no subject at all is coded by the shallow rules,
 * and so is a sentence the parse does not read as a clause (tree_is_clause).
 *
 * Shallow rules (no parse): for each verb the verb dictionary knows, used
 * as a verb (not "the meeting", "a two-day visit"), the coder finds
 *   - the source: the nearest actor mention before the verb in its clause
 *     that is not the object of a preposition or a possessive modifier
 *     ("Lavrov, on a visit to Beijing, met ..." -> Lavrov); a compound
 *     source ("Lavrov and Xi") gives one event per member;
 *   - the pattern: among the patterns of the verb's group, the one whose
 *     words (and $ / + slots) occur in order around the verb inside the
 *     clause with the most elements; else the verb's own code;
 *   - the target: the mention in the pattern's + slot, else the first
 *     mention after the verb in its clause;
 * and then applies the rules that keep events honest:
 *   - a passive verb ("was criticized by France") takes its subject as the
 *     target and the "by" phrase as the source; with no "by" phrase there
 *     is no known source and no event;
 *   - a negated verb ("did not meet", "never met") makes no event;
 *   - a question makes no event;
 *   - a modal (will, would, could, ...) turns a cooperative action
 *     (roots 04-08) into the matching intent code of root 03 (CAMEO's
 *     own correspondence: meet -> 036, diplomatic cooperation -> 032,
 *     material cooperation -> 031, aid -> 033, yield -> 035) and drops a
 *     conflictual one (a prediction is not an attack);
 *   - a compound source with no target is a reciprocal event between its
 *     members when the verb has no object ("Lavrov and Xi met", "A and B
 *     agree that ...") and for formal agreements ("A and B signed a
 *     treaty");
 *   - an actor never acts on itself (source == target drops the event);
 *   - words used by one verb's pattern are not verbs of their own
 *     ("plans to visit" is one intent, not also a visit).
 *
 * Patterns, as PETRARCH reads them (both paths):
 *   - a pattern that itself spells out a negation or a modal before the
 *     verb ("- &NEGATVAUXVRB * OVER EFFORTS [904]") codes the negated or
 *     modal form: the negation and modal rules above stand aside;
 *   - elements joined by '_' must be consecutive (dict.h pattern_elem.joined);
 *   - with a parse, a pattern's words before the verb may stand anywhere
 *     before it in the sentence ("indicated it would act now");
 *   - "%" before the verb needs a compound source whose members act on each
 *     other; after it, a compound target;
 *   - "^" after the verb passes over an actor named right there;
 *   - a paired code "[032:033]" gives source -> target 032 and
 *     target -> source 033.
 * The modal rule applies only with opt->modal_intent (dyad.h).
 */
#ifndef DYAD_CODE_H
#define DYAD_CODE_H

#include "actors.h"
#include "arena.h"
#include "dict.h"
#include "doc.h"
#include "dyad.h"

typedef struct event {
    uint32_t sent;               /* index in doc.sents */
    int src, tgt;                /* mention indexes, -1 for none */
    const char *source, *target; /* actor codes; target may be NULL */
    uint32_t verb_first, verb_n; /* verb tokens in doc.tokens */
    uint32_t clause_first;       /* the verb's clause: tokens [clause_first, */
    uint32_t clause_end;         /*   clause_end) in doc.tokens */
    char code[8];                /* CAMEO event code */
    const char *dict_file;       /* where the pattern or verb was defined */
    long dict_line;
    /* filled in by resolve */
    const char *date;            /* YYYY-MM-DD, YYYY-MM or YYYY */
    const char *date_text;       /* the words that gave the date; NULL: the story date */
    const char *loc_name;        /* NULL when the text places it nowhere */
    const char *loc_country;     /* ISO 3166 alpha-3 */
    double lat, lon;
    int has_coords;
    /* filled in by resolve_merge_repeats */
    uint32_t mentions;           /* sentences reporting it, repeats included */
    uint32_t *sents;             /* the kept ones among them (doc.sents indexes) */
    uint32_t n_sents;
} event;

typedef struct event_list {
    event *items;
    size_t n, cap;
} event_list;

/* Can sentence s give an event at all: does it name an actor with a code
 * (unless need_actor is 0: new actors may come from its noun phrases)
 * and contain a verb of the dictionary?  A sentence that cannot is not
 * worth parsing (the pipeline skips the parse; the output is the same). */
int code_sentence_is_candidate(const dict *dc, const doc *d, size_t s,
                               const mention_list *mentions, size_t m_first, int need_actor);

/* Codes sentence s (tagged, and parsed when sentence.parsed is set; its
 * mentions are mentions->items[m_first..n), as actors_find() just appended
 * them) and appends its events to *out.  Returns the number added.
 * opt (NULL: dyad's defaults): with require_dyad, a verb with no other
 * target takes the place it happens in ("in the White Downs"), as
 * PETRARCH does; the events without a target are dropped by the caller. */
size_t code_sentence(arena *a, const dict *dc, const doc *d, size_t s,
                     const mention_list *mentions, size_t m_first,
                     const dyad_coder_options *opt, event_list *out);

#endif
