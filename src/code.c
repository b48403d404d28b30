/* code.c — see code.h for the rules. */
#include "code.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "tag.h"
#include "tree.h"

#define MAX_MEMBERS 8
/* Searches for subjects, objects and pattern words look at most this many
 * tokens away from the verb, so that a pathological 10 MB "sentence" is
 * coded in linear time. */
#define WINDOW 80

/* Everything the rules look at for one sentence. */
typedef struct sent_ctx {
    const dict *dc;
    const doc *d;
    const token *toks;           /* the sentence's tokens */
    size_t n;                    /* their number */
    uint32_t base;               /* index of toks[0] in doc.tokens */
    const mention_list *ml;
    size_t m_first, m_end;       /* the sentence's mentions in ml */
    uint8_t *consumed;           /* tokens used by a pattern */
    int *mention_at;             /* token -> mention index covering it, or -1 */
    arena *a;
    int parsed;                  /* the sentence is parsed: t is set */
    int require_dyad;            /* PETRARCH's conventions: a place is the target when
                                    nothing else is, a passive's "in" phrase its actor */
    int modal_intent;            /* apply the modal rule (apply_modality) */
    tree t;
} sent_ctx;

/* A pattern that matched, with what it found. */
typedef struct pattern_hit {
    const verb_pattern *p;
    int score;
    int target;                  /* mention from a + slot, or -1 */
    int source;                  /* mention from a $ slot after the verb, or -1 */
    int subject_is_target;       /* a + slot before the verb: the subject is acted upon */
    int mutual;                  /* a % element matched a compound source */
    uint32_t used[16];           /* tokens of the pattern's words */
    size_t n_used;
} pattern_hit;

static const mention *mention_get(const sent_ctx *c, int k)
{
    return &c->ml->items[k];
}

/* Sentence-relative start and end of a mention. */
static size_t m_start(const sent_ctx *c, int k) { return mention_get(c, k)->first - c->base; }
static size_t m_stop(const sent_ctx *c, int k)
{
    const mention *m = mention_get(c, k);
    return m->first + m->n - c->base;
}

static int key_is(const token *t, const char *w) { return strcmp(t->key, w) == 0; }

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

/* Adjective-like words that may stand between a determiner and a noun. */
static int is_modifier(const token *t)
{
    static const char *const suffixes[] = {"al", "ic", "ive", "ous", "ful", "able", "ible",
                                           "ary", "ese", "ish", "ian", "ern", "est", NULL};
    if (t->kind == TOK_NUMBER || (t->flags & TOKF_HYPHENATED) || t->pos == POS_ADJ ||
        t->pos == POS_PROPN || t->pos == POS_NUM)
        return 1;
    for (const char *const *s = suffixes; *s; s++)
        if (ends_with(t->key, *s)) return 1;
    return 0;
}

static int is_possessive_word(const token *t)
{
    static const char *const words[] = {"his", "her", "its", "their", "our", "my", "your", NULL};
    if (t->kind == TOK_POSSESSIVE) return 1;
    for (const char *const *w = words; *w; w++)
        if (key_is(t, *w)) return 1;
    return 0;
}

/* An actor mention right before a verb form is its subject ("The U.S.
 * praised"), unless it modifies a noun: after an indefinite article or an
 * adjective ("a possible Putin visit"), or after "the" when the word is
 * the uninflected base form, which a singular subject would not take
 * ("the Israeli strike" vs "the Israeli army struck"). */
static int mention_is_modifier(const sent_ctx *c, int k, int base_form)
{
    size_t f = m_start(c, k);
    if (f == 0) return 0;
    const token *b = &c->toks[f - 1];
    if (key_is(b, "a") || key_is(b, "an")) return 1;
    if (b->pos == POS_DET || is_possessive_word(b)) return base_form;
    return c->mention_at[f - 1] < 0 && b->pos != POS_PROPN && is_modifier(b);
}

/* Is the verb form the base form of the verb ("strike", not "struck")? */
static int is_base_form(const sent_ctx *c, const token *t, uint32_t verb)
{
    const char *name = dict_verb_name(c->dc, verb);
    return name && strcasecmp(name, t->key) == 0;
}

/* A past tense or participle: not the base form, not -ing, not -s. */
static int is_past_form(const token *t, int base)
{
    return !base && !ends_with(t->key, "ing") && !ends_with(t->key, "s");
}

/* Is the word at i (first token of a verb form) used as a noun or an
 * adjective rather than as a verb? */
static int used_as_noun(const sent_ctx *c, size_t i, size_t head, uint32_t verb)
{
    const token *h = &c->toks[head];
    int base = is_base_form(c, h, verb);
    if (h->pos == POS_DET || h->pos == POS_ADP || h->pos == POS_PRON || h->pos == POS_PROPN ||
        h->pos == POS_CCONJ || h->pos == POS_SCONJ)
        return 1;
    if (i == 0) return 0;
    size_t k = i - 1;
    if (ends_with(h->key, "ing") && c->toks[k].pos != POS_AUX) {
        verb_match vm;
        if (dict_match_verb(c->dc, c->toks, c->n, k, &vm)) return 1;  /* "meet visiting ministers" */
    }
    int past = is_past_form(h, base);      /* a name before a past form is its subject */
    for (int steps = 0; k > 0 && steps < 8; steps++) {
        if (c->mention_at[k] >= 0) return !past && mention_is_modifier(c, c->mention_at[k], base);
        if (!is_modifier(&c->toks[k])) break;
        k--;
    }
    if (c->mention_at[k] >= 0) return !past && mention_is_modifier(c, c->mention_at[k], base);
    const token *t = &c->toks[k];
    if (t->pos == POS_DET || is_possessive_word(t) || t->pos == POS_ADP) return 1;
    /* "the peace talks", but not "the president met": a noun compound takes
     * the present forms only. */
    return t->pos == POS_NOUN && k > 0 && !is_past_form(h, base) &&
           (c->toks[k - 1].pos == POS_DET || is_possessive_word(&c->toks[k - 1]));
}

/* First token of the verb's clause: just after the nearest ";" or
 * subordinating word to its left. */
static size_t clause_start(const sent_ctx *c, size_t i)
{
    size_t floor = i > WINDOW ? i - WINDOW : 0;
    for (size_t k = i; k-- > floor;) {
        const token *t = &c->toks[k];
        if (key_is(t, ";") || tag_is_subordinator(t)) return k + 1;
    }
    return floor;
}

static size_t window_end(const sent_ctx *c, size_t i)
{
    return c->n - i > WINDOW ? i + WINDOW : c->n;
}

/* Token after the last one of the verb's clause, looking right from i. */
static size_t clause_end(const sent_ctx *c, size_t i)
{
    size_t end = window_end(c, i);
    for (size_t k = i; k < end; k++) {
        const token *t = &c->toks[k];
        if (key_is(t, ";") || tag_is_subordinator(t)) return k;
        if ((key_is(t, "and") || key_is(t, "but")) && k + 1 < c->n) {
            verb_match vm;
            if (c->toks[k + 1].pos == POS_VERB ||
                (dict_match_verb(c->dc, c->toks, c->n, k + 1, &vm) &&
                 c->toks[k + 1].pos != POS_PROPN))
                return k;
        }
    }
    return end;
}

/* Token after the pattern search range: the next ";" or the window's end. */
static size_t pattern_end(const sent_ctx *c, size_t i)
{
    size_t end = window_end(c, i);
    for (size_t k = i; k < end; k++)
        if (key_is(&c->toks[k], ";")) return k;
    return end;
}

/* Words between the clause start and the verb that negate it. */
static int is_negated(const sent_ctx *c, size_t start, size_t i)
{
    for (size_t k = i; k-- > start;) {
        const token *t = &c->toks[k];
        if (tag_is_negation(t)) return 1;
        if (!(t->pos == POS_ADV || t->pos == POS_AUX || t->pos == POS_PART)) return 0;
    }
    return 0;
}

/* The modal before the verb, through "to", adverbs and "be ready to"
 * (its index), or -1. */
static int modal_before(const sent_ctx *c, size_t start, size_t i)
{
    static const char *const bridges[] = {"continue", "ready", "able", "going", "be", NULL};
    for (size_t k = i, steps = 0; k-- > start && steps < 6; steps++) {
        const token *t = &c->toks[k];
        if (tag_is_modal(t)) return (int)k;
        int bridge = t->pos == POS_ADV || t->pos == POS_AUX || tag_is_negation(t) ||
                     key_is(t, "to");
        for (const char *const *b = bridges; *b && !bridge; b++) bridge = key_is(t, *b);
        if (!bridge) return -1;
    }
    return -1;
}

/* "have" between a modal and its verb: "would have met". */
static int perfect_between(const sent_ctx *c, int modal, size_t i)
{
    for (size_t k = (size_t)modal + 1; modal >= 0 && k < i; k++)
        if (key_is(&c->toks[k], "have")) return 1;
    return 0;
}

/* Can mention k stand as the subject of a verb? */
static int can_be_subject(const sent_ctx *c, int k)
{
    const mention *m = mention_get(c, k);
    return !m->after_preposition && !m->possessive;
}

/* Index of the first of the sentence's mentions that starts at or after
 * token `pos` (m_end if none): binary search, mentions are in text order. */
static size_t mention_from(const sent_ctx *c, size_t pos)
{
    size_t lo = c->m_first, hi = c->m_end;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m_start(c, (int)mid) < pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* The nearest subject mention in [start, i), or -1. */
static int find_source(const sent_ctx *c, size_t start, size_t i)
{
    for (size_t k = mention_from(c, i); k-- > c->m_first;) {
        if (m_stop(c, (int)k) > i) continue;
        if (m_start(c, (int)k) < start) break;
        if (can_be_subject(c, (int)k)) return (int)k;
    }
    return -1;
}

/* The first mention starting in [from, limit) other than `not`, or -1;
 * with skip_places, mentions after "in", "at" ... are passed over. */
static int first_mention_after(const sent_ctx *c, size_t from, size_t limit, int not,
                               int skip_places)
{
    const char *own = not >= 0 ? mention_get(c, not)->code : NULL;
    for (size_t k = mention_from(c, from); k < c->m_end; k++) {
        size_t s = m_start(c, (int)k);
        if (s >= limit) break;
        if (skip_places && mention_get(c, (int)k)->locative) continue;
        if ((int)k == not) continue;
        /* past a mention of the source itself, unless it is the object
         * right after the verb (shallow twin of passed_over_as_self) */
        const char *code = mention_get(c, (int)k)->code;
        int right_after = s == from || (s == from + 1 && c->toks[from].pos == POS_DET);
        if (c->modal_intent && own && code && strcmp(own, code) == 0 && !right_after) continue;
        return (int)k;
    }
    return -1;
}

/* Finds a phrase or synset element at or after `from`, before `limit`;
 * a joined element (dict.h) only right at `from`. */
static int find_elem_forward(const sent_ctx *c, const pattern_elem *e, size_t from,
                             size_t limit, size_t *at, size_t *len)
{
    if (e->joined && from < limit) limit = from + 1;
    uint32_t serial = dict_serial(c->dc);
    for (size_t j = from; j < limit; j++) {
        if (j < c->n && !dict_elem_may_match(e, &c->toks[j], serial)) continue;
        size_t l = dict_match_elem(c->dc, e, c->toks, c->n, j);
        if (l && j + l <= limit) { *at = j; *len = l; return 1; }
    }
    return 0;
}

/* The same, searching leftwards from `before` down to `limit`; with
 * tight (the element after it is joined to it), it must end at `before`. */
static int find_elem_backward(const sent_ctx *c, const pattern_elem *e, size_t before,
                              size_t limit, int tight, size_t *at, size_t *len)
{
    uint32_t serial = dict_serial(c->dc);
    for (size_t j = before; j-- > limit;) {
        if (j < c->n && !dict_elem_may_match(e, &c->toks[j], serial)) continue;
        size_t l = dict_match_elem(c->dc, e, c->toks, c->n, j);
        if (l && (tight ? j + l == before : j + l <= before)) { *at = j; *len = l; return 1; }
    }
    return 0;
}

static void hit_use(pattern_hit *h, size_t at, size_t len)
{
    for (size_t k = 0; k < len && h->n_used < sizeof h->used / sizeof h->used[0]; k++)
        h->used[h->n_used++] = (uint32_t)(at + k);
}

static size_t compound_members(const sent_ctx *c, int k, int *out);

/* Is mention k a compound actor ("Gondor and Osgiliath")?  A "%" element
 * of a pattern needs one: before the verb the compound source, whose
 * members then act on each other ("- % HAVE * [191]"), after it the
 * target ("- * WITH % [031]"). */
static int is_compound(const sent_ctx *c, int k)
{
    int members[MAX_MEMBERS];
    return k >= 0 && compound_members(c, k, members) > 1;
}

/* Matches the elements after the verb; 0 when one is missing. */
static int match_after(const sent_ctx *c, const verb_pattern *p, size_t from, size_t limit,
                       int source, pattern_hit *h)
{
    size_t pos = from;
    for (size_t e = p->verb_index + 1u; e < p->n_elems; e++) {
        const pattern_elem *el = &p->elems[e];
        size_t at, len;
        if (el->kind == PE_PHRASE || el->kind == PE_SYNSET) {
            if (!find_elem_forward(c, el, pos, limit, &at, &len)) return 0;
            hit_use(h, at, len);
            pos = at + len;
            h->score++;
        } else if (el->kind == PE_TARGET || el->kind == PE_SOURCE) {
            int k = first_mention_after(c, pos, limit, source, 0);
            if (k < 0) return 0;
            if (el->kind == PE_TARGET) h->target = k;
            else h->source = k;
            pos = m_stop(c, k);
            h->score++;
        } else if (el->kind == PE_SKIP) {
            /* "^" passes over the next noun phrase, after its preposition:
             * an actor named there is not the one a later slot wants ("-
             * * IFTAR IN ^ +" on "Iftar in Osgiliath with Gondor"; "- +
             * HOSTING * TABASKI ^ $" on "celebrate Tabaski with Eriador at
             * Cirith Ungol"); other words are a gap already ("- * THEIR ^
             * ABOUT +" on "their populations about") */
            size_t np = pos;
            while (np < limit && c->toks[np].pos == POS_ADP && c->mention_at[np] < 0) np++;
            if (np < limit && c->toks[np].pos == POS_DET) np++;
            if (np < limit && c->mention_at[np] >= 0 && m_start(c, c->mention_at[np]) == np)
                pos = m_stop(c, c->mention_at[np]);
        } else if (el->kind == PE_COMPOUND) {
            /* after the verb, "%" is a compound target: "* WITH %" */
            int k = first_mention_after(c, pos, limit, source, 0);
            if (k < 0 || !is_compound(c, k)) return 0;
            h->target = k;
            pos = m_stop(c, k);
            h->score++;
        }
    }
    return 1;
}

/* Matches the elements before the verb, right to left. */
static int match_before(const sent_ctx *c, const verb_pattern *p, size_t start, size_t i,
                        int source, pattern_hit *h)
{
    size_t pos = i;
    for (size_t e = p->verb_index; e-- > 0;) {
        const pattern_elem *el = &p->elems[e];
        size_t at, len;
        if (el->kind == PE_PHRASE || el->kind == PE_SYNSET) {
            int tight = p->elems[e + 1].joined;
            if (!find_elem_backward(c, el, pos, start, tight, &at, &len)) return 0;
            hit_use(h, at, len);
            pos = at;
            h->score++;
        } else if (el->kind == PE_SOURCE || el->kind == PE_TARGET) {
            if (source < 0) return 0;
            if (el->kind == PE_TARGET) h->subject_is_target = 1;
            h->score++;
        } else if (el->kind == PE_COMPOUND) {
            if (!is_compound(c, source)) return 0;
            h->mutual = 1;
            h->score++;
        }
    }
    return 1;
}

/* Does the pattern say who is who?  "- + * FROM $" puts the subject in
 * the target's slot and the actor after "from" in the source's, whatever
 * the voice of the verb. */
static int pattern_sets_roles(const pattern_hit *h)
{
    return h->p && (h->subject_is_target || h->source >= 0);
}

/* Applies the roles of a pattern that sets them (pattern_sets_roles) to
 * the subject *source and the target *target found so far. */
static void apply_pattern_roles(const pattern_hit *h, int *source, int *target)
{
    int subject = *source;
    if (h->source >= 0) *source = h->source;
    if (h->subject_is_target) {
        *target = subject;
        if (h->source < 0) *source = -1;
    }
}

/* The best-matching pattern of the verb; h->p is NULL when none matched. */
static void best_pattern(const sent_ctx *c, uint32_t verb, size_t start, size_t i,
                         size_t verb_end, size_t limit, int source, pattern_hit *best)
{
    memset(best, 0, sizeof *best);
    best->target = best->source = -1;
    best->score = -1;
    for (uint32_t def = verb + 1, steps = 0; def && steps < 64; steps++) {
        const verb_pattern *pats;
        size_t n = dict_verb_patterns(c->dc, def - 1, &pats);
        for (size_t k = 0; k < n; k++) {
            pattern_hit h;
            memset(&h, 0, sizeof h);
            h.p = &pats[k];
            h.target = h.source = -1;
            if (!match_before(c, &pats[k], start, i, source, &h)) continue;
            if (!match_after(c, &pats[k], verb_end, limit, source, &h)) continue;
            if (h.score > best->score) *best = h;
        }
        def = dict_verb_redefined(c->dc, def - 1);
    }
    if (best->score < 0) best->p = NULL;
}

/* The code after the ':' of "032:033" (TABARI's paired code: the target
 * does the second to the source, "arrived in Gondor" is a visit by the
 * source and hosting by Gondor), or "" when there is none. */
static void back_code_from_brackets(const char *raw, char out[8])
{
    const char *colon = strchr(raw, ':');
    out[0] = '\0';
    if (!colon || colon == raw) return;
    size_t n = strlen(colon + 1);
    if (n == 0 || n > 7 || strcmp(colon + 1, "---") == 0) return;
    memcpy(out, colon + 1, n + 1);
}

/* "036:036" -> "036"; ":020" -> "020". */
static void code_from_brackets(const char *raw, char out[8])
{
    const char *colon = strchr(raw, ':');
    size_t n = colon ? (size_t)(colon - raw) : strlen(raw);
    if (n == 0 && colon) { raw = colon + 1; n = strlen(raw); }
    if (n > 7) n = 7;
    memcpy(out, raw, n);
    out[n] = '\0';
}

/* ---- modality: what a clause's mood makes of the act it names ----
 *
 * CAMEO has a code for saying an act will be done, must be done or will
 * not be done: an intent (03x) to cooperate, a threat (13x) of a
 * conflictual act, a demand (10x) that someone act, a rejection (12x) of
 * a cooperative act.  The tables below give, for the code of the act
 * named, the code of each; the longest prefix wins. */
typedef struct code_map {
    const char *prefix, *code;
} code_map;

static const char *map_code(const code_map *m, const char *code)
{
    const char *best = NULL;
    size_t best_len = 0;
    for (; m->prefix; m++) {
        size_t n = strlen(m->prefix);
        if (n > best_len && strncmp(code, m->prefix, n) == 0) {
            best = m->code;
            best_len = n;
        }
    }
    return best;
}

/* "will meet": an intent to cooperate (root 03). */
static const code_map intent_codes[] = {
    {"04", "036"}, {"05", "032"}, {"06", "031"}, {"07", "033"}, {"08", "035"}, {NULL, NULL}};

/* "will impose sanctions", "vowed to retaliate": a threat (root 13). */
static const code_map threat_codes[] = {
    {"14", "133"},   {"15", "138"},   {"16", "131"},   {"161", "1313"}, {"162", "1311"},
    {"163", "1312"}, {"164", "134"},  {"165", "135"},  {"166", "136"},  {"17", "137"},
    {"172", "132"},  {"1721", "1321"}, {"1722", "1322"}, {"1723", "1323"}, {"1724", "1324"},
    {"18", "1383"},  {"19", "138"},   {"190", "1384"}, {"191", "1381"}, {"192", "1382"},
    {"193", "1384"}, {"194", "1384"}, {"195", "1384"}, {"20", "138"},   {"204", "1385"},
    {NULL, NULL}};

/* "X said Y must release ...": X demands it of Y (root 10). */
static const code_map demand_codes[] = {
    {"0", "100"},    {"031", "101"},  {"032", "102"},  {"033", "103"},  {"034", "104"},
    {"035", "105"},  {"036", "106"},  {"037", "108"},  {"038", "108"},  {"039", "107"},
    {"04", "106"},   {"045", "108"},  {"05", "102"},   {"057", "107"},  {"06", "101"},
    {"061", "1011"}, {"062", "1012"}, {"063", "1013"}, {"064", "1014"}, {"07", "103"},
    {"071", "1031"}, {"072", "1032"}, {"073", "1033"}, {"074", "1034"}, {"08", "105"},
    {"081", "1051"}, {"082", "1052"}, {"083", "104"},  {"0831", "1041"}, {"0832", "1042"},
    {"0833", "1043"}, {"0834", "1044"}, {"084", "1053"}, {"085", "1054"}, {"086", "1055"},
    {"087", "1056"}, {"1", "100"},    {"2", "100"},    {NULL, NULL}};

/* "refused to release", "will not meet": a rejection (root 12) of a
 * cooperative act; refusing to talk or to criticize is no event. */
static const code_map reject_codes[] = {
    {"030", "120"},  {"031", "121"},  {"032", "120"},  {"033", "122"},  {"034", "123"},
    {"035", "124"},  {"036", "125"},  {"037", "126"},  {"038", "126"},  {"039", "127"},
    {"04", "125"},   {"045", "126"},  {"05", "120"},   {"057", "127"},  {"06", "121"},
    {"061", "1211"}, {"062", "1212"}, {"063", "1213"}, {"064", "1214"}, {"07", "122"},
    {"071", "1221"}, {"072", "1222"}, {"073", "1223"}, {"074", "1224"}, {"08", "124"},
    {"081", "1241"}, {"082", "1242"}, {"083", "123"},  {"0831", "1231"}, {"0832", "1232"},
    {"0833", "1233"}, {"0834", "1234"}, {"084", "1243"}, {"085", "1244"}, {"086", "1245"},
    {"087", "1246"}, {NULL, NULL}};

/* Replaces code by its entry in m; returns 0 (drop the event) when m has
 * none. */
static int recode(const code_map *m, char code[8])
{
    const char *to = map_code(m, code);
    if (!to) return 0;
    snprintf(code, 8, "%s", to);
    return 1;
}

/* A commitment: 03x for cooperation, 13x for force and coercion (a
 * threat); stating, appealing, demanding, criticizing or rejecting in the
 * future is no event yet. */
static int apply_modality(char code[8])
{
    return recode(intent_codes, code) || recode(threat_codes, code);
}

/* The mood of the clause that names an act. */
typedef enum {
    MOOD_PLAIN,      /* done: "met" */
    MOOD_NOT_DONE,   /* "did not meet", "failed to meet", "would have met" */
    MOOD_INTENT,     /* a commitment: "will meet", "vowed to retaliate" */
    MOOD_WISH,       /* a possibility or a wish: "could meet", "hopes to meet" */
    MOOD_REFUSAL,    /* "refused to meet", "will not meet", "cannot accept" */
    MOOD_OBLIGATION, /* "must meet", "should resign" */
} clause_mood;

/* "can", and "ca" of "can't". */
static int is_can(const token *t) { return key_is(t, "can") || key_is(t, "ca"); }

/* What a modal auxiliary says of its verb. */
static clause_mood mood_of_modal(const token *t)
{
    if (key_is(t, "must") || key_is(t, "should") || key_is(t, "ought"))
        return MOOD_OBLIGATION;
    if (key_is(t, "could") || key_is(t, "may") || key_is(t, "might") || is_can(t))
        return MOOD_WISH;
    return MOOD_INTENT;
}

/* The mood a word gives the verb that depends on it ("refused" to ...). */
static clause_mood mood_of_word(const token *t)
{
    static const char *const refusal[] = {
        "refuse", "refuses", "refused", "refusing", "decline", "declines", "declined",
        "declining", "unwilling", NULL};
    static const char *const not_done[] = {
        "fail", "fails", "failed", "failing", "unable", "reluctant", "hesitate",
        "hesitates", "hesitated", NULL};
    static const char *const intent[] = {
        "plan", "plans", "planned", "planning", "intend", "intends", "intended", "intending",
        "prepare", "prepares", "prepared", "preparing", "ready", "willing", "promise",
        "promises", "promised", "vow", "vows", "vowed", "pledge", "pledges", "pledged",
        "offer", "offers", "offered", NULL};
    static const char *const wish[] = {
        "want", "wants", "wanted", "wanting", "hope", "hopes", "hoped", "hoping", "seek",
        "seeks", "sought", "seeking", "aim", "aims", "aimed", "aiming", "wish", "wishes",
        "wished", "expect", "expects", "expected", "eager", "keen", NULL};
    for (const char *const *w = refusal; *w; w++)
        if (key_is(t, *w)) return MOOD_REFUSAL;
    for (const char *const *w = not_done; *w; w++)
        if (key_is(t, *w)) return MOOD_NOT_DONE;
    for (const char *const *w = intent; *w; w++)
        if (key_is(t, *w)) return MOOD_INTENT;
    for (const char *const *w = wish; *w; w++)
        if (key_is(t, *w)) return MOOD_WISH;
    return MOOD_PLAIN;
}

static clause_mood complement_mood(const sent_ctx *c, int v)
{
    for (int steps = 0; v >= 0 && steps < 4 && c->toks[v].rel == DEP_XCOMP; steps++) {
        v = c->toks[v].head;
        if (v < 0) break;
        clause_mood mood = mood_of_word(&c->toks[v]);
        if (mood != MOOD_PLAIN) return mood;
    }
    return MOOD_PLAIN;
}

/* Combines what the clause says: its negation, its modal (a token or -1),
 * a perfect tense and the verb it complements. */
static clause_mood combine_mood(const sent_ctx *c, int negated, int modal, int perfect,
                                clause_mood complement)
{
    clause_mood m = modal >= 0 ? mood_of_modal(&c->toks[modal]) : MOOD_PLAIN;
    if (m == MOOD_OBLIGATION) return MOOD_OBLIGATION;   /* "must (not) release" */
    if (m != MOOD_PLAIN && perfect) return MOOD_NOT_DONE;   /* "would have met" */
    if (negated) {
        /* "will not", "won't", "cannot" refuse; "could not", "may not" do not */
        int refuses = m == MOOD_INTENT || (modal >= 0 && is_can(&c->toks[modal]));
        return refuses ? MOOD_REFUSAL : MOOD_NOT_DONE;
    }
    if (complement != MOOD_PLAIN) return complement;
    return m;
}

/* The mood of parsed verb v's clause (its modal through *modal, -1 for
 * none). */
static clause_mood tree_clause_mood(const sent_ctx *c, int v, int *modal)
{
    *modal = tree_modal(&c->t, v);
    return combine_mood(c, tree_is_negated(&c->t, v), *modal,
                        *modal >= 0 && tree_is_perfect(&c->t, v), complement_mood(c, v));
}

/* Recodes an act by the mood of its clause; returns 0 when it is no
 * event.  An obligation is handled by the caller (it changes the roles). */
static int apply_mood(clause_mood mood, char code[8])
{
    switch (mood) {
    case MOOD_PLAIN: return 1;
    case MOOD_INTENT: return apply_modality(code);
    case MOOD_WISH: return recode(intent_codes, code);
    case MOOD_REFUSAL: return recode(reject_codes, code);
    case MOOD_OBLIGATION: return recode(demand_codes, code);
    case MOOD_NOT_DONE: break;
    }
    return 0;
}

/* Does the clause starting at token `start` say what might happen: "if
 * Russia attacks", "unless", "whether" (shallow rules; the tree's
 * tree_is_hypothetical)? */
static int is_conditional_clause(const sent_ctx *c, size_t start)
{
    if (start == 0) return 0;
    const token *t = &c->toks[start - 1];
    return key_is(t, "if") || key_is(t, "unless") || key_is(t, "whether");
}

/* The same by word order: "declined to criticize" (shallow rules). */
static clause_mood complement_mood_shallow(const sent_ctx *c, size_t i)
{
    if (i < 2 || !key_is(&c->toks[i - 1], "to")) return MOOD_PLAIN;
    return mood_of_word(&c->toks[i - 2]);
}

static int nominal_mention(const sent_ctx *c, int t, int depth);

static size_t add_member(int *out, size_t n, int m)
{
    if (m < 0 || n == MAX_MEMBERS) return n;
    for (size_t k = 0; k < n; k++)
        if (out[k] == m) return n;
    out[n] = m;
    return n + 1;
}

/* Does a member already found hang in the phrase of token h (not in a
 * conjunct of h)?  A conjunct is one party, named by its first actor:
 * "Calenardhon and the evil Arnor awful Gondor" is Calenardhon and Arnor
 * (whose mention reached the list through the "and" before it), not
 * Gondor too. */
static int member_under(const sent_ctx *c, int h, const int *out, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        int t = (int)m_stop(c, out[k]) - 1;
        for (int steps = 0; t >= 0 && steps < (int)c->n; steps++) {
            if (t == h) return 1;
            if (c->toks[t].rel == DEP_CONJ) break;
            t = c->toks[t].head;
        }
    }
    return 0;
}

/* Adds the actors of the nominal conjuncts of token h ("Fornost and the
 * evil awful Gondor"), h's own included. */
static size_t add_conjuncts(const sent_ctx *c, int h, int *out, size_t n, int depth)
{
    if (!member_under(c, h, out, n)) n = add_member(out, n, nominal_mention(c, h, 0));
    if (depth > MAX_MEMBERS) return n;
    for (int k = c->t.first_child[h]; k >= 0; k = c->t.next_sibling[k])
        if (c->toks[k].rel == DEP_CONJ && c->toks[k].pos != POS_VERB)
            n = add_conjuncts(c, k, out, n, depth + 1);
    return n;
}

/* The nearest verb above token t in the tree (-1 at the root). */
static int governing_verb(const sent_ctx *c, int t)
{
    for (int steps = 0; t >= 0 && steps < (int)c->n; steps++) {
        t = c->toks[t].head;
        if (t >= 0 && c->toks[t].pos == POS_VERB) return t;
    }
    return -1;
}

/* Does the parse put mentions a and b, joined by "and" in the text, in
 * different clauses: b the subject of a verb a is not the subject of
 * ("Arnor criticized Gondor and Rohan attacked Osgiliath")? */
static int tree_splits(const sent_ctx *c, int a, int b)
{
    if (!c->parsed) return 0;
    int ha = (int)m_stop(c, a) - 1, hb = (int)m_stop(c, b) - 1;
    int b_subject = c->toks[hb].rel == DEP_NSUBJ || c->toks[hb].rel == DEP_NSUBJ_PASS;
    return b_subject && governing_verb(c, ha) != governing_verb(c, hb);
}

/* The members of the compound a mention belongs to (itself if none): the
 * mentions joined by "and" (actors.h) and, in a parsed sentence, the
 * conjuncts the tree joins to it. */
static size_t compound_members(const sent_ctx *c, int k, int *out)
{
    int first = k;
    for (int p = mention_get(c, first)->conj_prev; p >= 0 && !tree_splits(c, p, first);
         p = mention_get(c, first)->conj_prev)
        first = p;
    size_t n = 0;
    for (int m = first; m >= 0 && n < MAX_MEMBERS; m = mention_get(c, m)->conj_next) {
        n = add_member(out, n, m);
        if (mention_get(c, m)->conj_next >= 0 && tree_splits(c, m, mention_get(c, m)->conj_next))
            break;
    }
    if (!c->parsed) return n;
    int h = (int)m_stop(c, k) - 1;             /* a name hangs from its last token */
    /* a possessor names its noun's party: "Ithilen's sheep and goats" */
    if (c->toks[h].rel == DEP_NMOD_POSS && c->toks[h].head >= 0) h = c->toks[h].head;
    for (int steps = 0; steps < MAX_MEMBERS && c->toks[h].rel == DEP_CONJ &&
                        c->toks[h].head >= 0 && c->toks[c->toks[h].head].pos != POS_VERB;
         steps++)
        h = c->toks[h].head;                   /* back to the first conjunct */
    return add_conjuncts(c, h, out, n, 0);
}

static event *event_push(event_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    event *e = &l->items[l->n++];
    memset(e, 0, sizeof *e);
    e->src = e->tgt = -1;
    return e;
}

/* What one verb occurrence produced, before it becomes events. */
typedef struct verb_event {
    size_t sent;
    uint32_t verb_first, verb_n;
    uint32_t clause_first, clause_end;
    char code[8];
    char back[8];                /* paired code, target -> source; "" none */
    const char *file;
    long line;
    int mutual;                  /* the pattern's % matched: reciprocal */
} verb_event;

/* Appends one event with these codes unless the source is unknown or acts
 * on itself. */
static size_t emit_codes(const verb_event *v, int src, int tgt, const char *scode,
                         const char *tcode, event_list *out)
{
    if (!scode || (tcode && strcmp(scode, tcode) == 0)) return 0;
    event *e = event_push(out);
    e->sent = (uint32_t)v->sent;
    e->src = src;
    e->tgt = tgt;
    e->source = scode;
    e->target = tcode;
    e->verb_first = v->verb_first;
    e->verb_n = v->verb_n;
    e->clause_first = v->clause_first;
    e->clause_end = v->clause_end;
    memcpy(e->code, v->code, sizeof e->code);
    e->dict_file = v->file;
    e->dict_line = v->line;
    return 1;
}

#define MAX_CODE_PARTS 8

/* The parts of an actor code: "FRO/BIL/SAM" is a coded compound (an entry
 * standing for several actors, as in PETRARCH) and gives three; any other
 * code gives itself.  Returns the number written to parts. */
static size_t code_parts(arena *a, const char *code, const char **parts)
{
    if (!code || !strchr(code, '/')) { parts[0] = code; return 1; }
    size_t n = 0;
    for (const char *p = code; *p && n < MAX_CODE_PARTS;) {
        const char *slash = strchr(p, '/');
        size_t len = slash ? (size_t)(slash - p) : strlen(p);
        if (len) parts[n++] = arena_strndup(a, p, len);
        p += len + (slash != NULL);
    }
    if (n == 0) parts[n++] = code;
    return n;
}

/* Appends source -> target, once per part of a coded compound on either
 * side, unless the source is unknown or acts on itself. */
static size_t emit(const sent_ctx *c, const verb_event *v, int src, int tgt, event_list *out)
{
    const char *sp[MAX_CODE_PARTS], *tp[MAX_CODE_PARTS];
    size_t ns = code_parts(c->a, mention_get(c, src)->code, sp);
    size_t nt = code_parts(c->a, tgt >= 0 ? mention_get(c, tgt)->code : NULL, tp);
    size_t added = 0;
    for (size_t a = 0; a < ns; a++)
        for (size_t b = 0; b < nt; b++) added += emit_codes(v, src, tgt, sp[a], tp[b], out);
    return added;
}

/* May a verb with no other target take the place it happens in as its
 * target?  Only when events must have a target (require_dyad, dyad.h):
 * PETRARCH, which knows no places, reads "rescheduled his trip in the
 * White Downs" as an act on the Shire, and an event with the place as
 * target is better than none there.  Not for a compound source, whose
 * members are each other's targets ("Turkey and Greece met in Athens"). */
static int place_target_allowed(const sent_ctx *c, int source)
{
    int members[MAX_MEMBERS];
    return c->require_dyad && source >= 0 && compound_members(c, source, members) == 1;
}

/* Does an object follow the verb ("meet the challenges")? */
static int has_object(const sent_ctx *c, size_t verb_end)
{
    if (verb_end >= c->n) return 0;
    uint8_t pos = c->toks[verb_end].pos;
    return pos == POS_DET || pos == POS_NOUN || pos == POS_PROPN || pos == POS_PRON ||
           pos == POS_ADJ || pos == POS_NUM;
}

/* When does a compound subject with no target act on itself?  As in
 * PETRARCH, whenever the verb has no object: its members are each
 * other's targets ("Lavrov and Xi met", "the Philippines and France agree
 * that ...", not "... met the challenges"); and formal agreements even
 * with one ("Turkey and Greece signed an agreement"). */
static int is_mutual(const char *code, int has_obj)
{
    if (strcmp(code, "057") == 0) return 1;
    return !has_obj;
}

/* Emits source -> target for every member of a compound source and
 * target; has_obj: the verb has a direct object (is_mutual). */
static size_t emit_all(const sent_ctx *c, const verb_event *v, int source, int target,
                       int has_obj, event_list *out)
{
    int srcs[MAX_MEMBERS], tgts[MAX_MEMBERS];
    size_t ns = compound_members(c, source, srcs), added = 0;
    if (v->mutual) target = -1;      /* "% HAVE *": the members act on each other */
    if (target < 0 && ns == 1 && (v->mutual || is_mutual(v->code, has_obj))) {
        /* a coded compound as subject ("the two", "RUSGOV/CHNGOV"): its
         * parts act on each other */
        const char *parts[MAX_CODE_PARTS];
        size_t np = code_parts(c->a, mention_get(c, source)->code, parts);
        for (size_t a = 0; np > 1 && a < np; a++)
            for (size_t b = 0; b < np; b++)
                if (a != b) added += emit_codes(v, source, source, parts[a], parts[b], out);
        if (np > 1) return added;
    }
    if (target < 0 && ns > 1 && (v->mutual || is_mutual(v->code, has_obj))) {
        for (size_t a = 0; a < ns; a++)      /* reciprocal: "Lavrov and Xi met" */
            for (size_t b = 0; b < ns; b++)
                if (a != b) added += emit(c, v, srcs[a], srcs[b], out);
        return added;
    }
    size_t nt = target >= 0 ? compound_members(c, target, tgts) : 0;
    verb_event back = *v;            /* the paired code's event, target -> source */
    memcpy(back.code, v->back, sizeof back.code);
    for (size_t a = 0; a < ns; a++) {
        if (nt == 0) added += emit(c, v, srcs[a], -1, out);
        for (size_t b = 0; b < nt; b++) {
            if (tgts[b] == srcs[a]) continue;
            added += emit(c, v, srcs[a], tgts[b], out);
            if (back.code[0]) added += emit(c, &back, tgts[b], srcs[a], out);
        }
    }
    return added;
}

/* A passive verb: a participle after a form of "be" ("was attacked",
 * "has been repeatedly accused"), or one opening a clause with a "by" phrase. */
static int is_passive(const sent_ctx *c, size_t i, size_t head, uint32_t verb)
{
    const token *h = &c->toks[head];
    if (!is_past_form(h, is_base_form(c, h, verb))) return 0;
    /* a participle clause: "Russia, criticized by France, ..." */
    if ((i == 0 || key_is(&c->toks[i - 1], ",")) && head + 1 < c->n &&
        key_is(&c->toks[head + 1], "by"))
        return 1;
    for (size_t k = i, steps = 0; k-- > 0 && steps < 4; steps++) {
        const token *t = &c->toks[k];
        if (t->kind == TOK_POSSESSIVE) return 0;
        if (tag_is_be_form(t)) return 1;
        if (t->pos != POS_ADV) return 0;
    }
    return 0;
}

/* The agent of a passive verb: the mention after "by" (or "by the")
 * in [from, limit), or -1. */
static int passive_agent(const sent_ctx *c, size_t from, size_t limit)
{
    for (size_t k = from; k < limit; k++) {
        if (!key_is(&c->toks[k], "by")) continue;
        int m = first_mention_after(c, k + 1, limit, -1, 0);
        if (m >= 0 && m_start(c, m) <= k + 2) return m;
        return -1;
    }
    return -1;
}

/* The event of verb vm at token i with its best pattern; its clause is
 * tokens [start, end) of the sentence. */
static void verb_event_init(const sent_ctx *c, verb_event *v, size_t s, size_t i,
                            const verb_match *vm, const pattern_hit *hit, size_t start,
                            size_t end)
{
    memset(v, 0, sizeof *v);
    v->sent = s;
    v->verb_first = c->base + (uint32_t)i;
    v->verb_n = vm->n_tokens;
    v->clause_first = c->base + (uint32_t)start;
    v->clause_end = c->base + (uint32_t)end;
    v->mutual = hit->mutual;
    if (hit->p) {
        code_from_brackets(hit->p->code, v->code);
        back_code_from_brackets(hit->p->code, v->back);
        v->file = hit->p->file;
        v->line = hit->p->line;
    } else {
        code_from_brackets(dict_verb_code(c->dc, vm->verb), v->code);
        back_code_from_brackets(dict_verb_code(c->dc, vm->verb), v->back);
        v->file = dict_verb_file(c->dc, vm->verb, &v->line);
    }
}

/* "---" (and an empty code) means the verb or pattern makes no event. */
static int has_code(const verb_event *v)
{
    return v->code[0] != '\0' && strcmp(v->code, "---") != 0;
}

/* Does the pattern itself spell out a negation or a modal before the
 * verb ("- &NEGATVAUXVRB * OVER EFFORTS [904]" on "will not clash")?
 * Then its code is the code of the negated or modal form, and the rules
 * that drop negated verbs and turn modal ones into intents stand aside. */
static int pattern_has_mood(const sent_ctx *c, const pattern_hit *hit, size_t verb_at)
{
    if (!hit->p) return 0;
    for (size_t k = 0; k < hit->n_used; k++) {
        const token *t = &c->toks[hit->used[k]];
        if (hit->used[k] < verb_at && (tag_is_negation(t) || tag_is_modal(t))) return 1;
    }
    return 0;
}

static void consume(sent_ctx *c, const pattern_hit *hit)
{
    for (size_t k = 0; k < hit->n_used; k++) c->consumed[hit->used[k]] = 1;
}

/* Codes one verb occurrence at toks[i .. i+vm.n_tokens). */
static size_t code_verb(sent_ctx *c, size_t s, size_t i, const verb_match *vm, event_list *out)
{
    size_t verb_end = i + vm->n_tokens;
    size_t start = clause_start(c, i);
    int source = find_source(c, start, i);
    pattern_hit hit;
    best_pattern(c, vm->verb, start, i, verb_end, pattern_end(c, verb_end), source, &hit);
    consume(c, &hit);

    size_t end = clause_end(c, verb_end);
    verb_event v;
    verb_event_init(c, &v, s, i, vm, &hit, start, end);
    if (source < 0 || !has_code(&v)) return 0;
    if (is_conditional_clause(c, start)) return 0;
    if (!pattern_has_mood(c, &hit, i)) {
        int negated = is_negated(c, start, i);
        if (!c->modal_intent && negated) return 0;
        if (c->modal_intent) {
            int modal = modal_before(c, start, i);
            clause_mood how = combine_mood(c, negated, modal, perfect_between(c, modal, i),
                                           complement_mood_shallow(c, i));
            /* whose demand "must" states needs the parse's reporter */
            if (how == MOOD_OBLIGATION || !apply_mood(how, v.code)) return 0;
            if (how == MOOD_REFUSAL) v.back[0] = '\0';
        }
    }
    int target = hit.target >= 0 ? hit.target : first_mention_after(c, verb_end, end, source, 1);
    if (target < 0 && place_target_allowed(c, source))
        target = first_mention_after(c, verb_end, end, source, 0);
    if (pattern_sets_roles(&hit)) {
        apply_pattern_roles(&hit, &source, &target);
        if (source < 0) return 0;
    } else if (is_passive(c, i, i + vm->head, vm->verb)) {
        /* The subject is acted upon; the actor, if named, follows "by". */
        target = source;
        source = passive_agent(c, verb_end, end);
        if (source < 0) return 0;
    }
    return emit_all(c, &v, source, target, has_object(c, verb_end), out);
}

/* ---- with a parse (tree.h) ---- */

/* May the mention stand for an actor in an argument of the verb? */
static int is_actor(const sent_ctx *c, int m)
{
    return m >= 0 && mention_get(c, m)->code != NULL;
}

/* The actor mention standing for the noun phrase headed by token t: the
 * mention covering t, else one in its appositions, compounds, flat names,
 * adjectives or possessor ("the foreign minister, Sergei Lavrov";
 * "Chinese officials"; "Russia's envoy"); -1 when none names an actor. */
static int nominal_mention(const sent_ctx *c, int t, int depth)
{
    if (t < 0) return -1;
    int m = c->mention_at[t];
    if (is_actor(c, m)) return m;
    if (depth >= 3) return -1;
    /* An apposition renames a person or a role ("the foreign minister,
     * Sergei Lavrov"), not an act: "an attack ... Ithilen" is a misparse. */
    int renames = m >= 0 || c->toks[t].pos == POS_PROPN || c->toks[t].pos == POS_PRON;
    for (int k = c->t.first_child[t]; k >= 0; k = c->t.next_sibling[k]) {
        dep_rel r = (dep_rel)c->toks[k].rel;
        if (r != DEP_APPOS && r != DEP_COMPOUND && r != DEP_FLAT && r != DEP_AMOD &&
            r != DEP_NMOD_POSS)
            continue;
        if (r == DEP_APPOS && !renames) continue;
        int found = nominal_mention(c, k, depth + 1);
        if (found >= 0) return found;
    }
    /* "thousands of Iraqis"; with PETRARCH's conventions any noun's "of"
     * phrase, as TABARI takes a phrase's first actor ("goats of Gondor") */
    if (tag_is_partitive(&c->toks[t]) || !c->modal_intent)
        for (int k = c->t.first_child[t]; k >= 0; k = c->t.next_sibling[k]) {
            int of = tree_child(&c->t, k, DEP_CASE);
            if (c->toks[k].rel == DEP_NMOD && of >= 0 && key_is(&c->toks[of], "of"))
                return nominal_mention(c, k, depth + 1);
        }
    return -1;
}

/* Material conflict (CAMEO roots 18-20): "at" names the one fired at. */
static int is_force_code(const char *code)
{
    return strncmp(code, "18", 2) == 0 || strncmp(code, "19", 2) == 0 ||
           strncmp(code, "20", 2) == 0;
}

/* The preposition before mention m (skipping one determiner), or NULL. */
static const char *preposition_before(const sent_ctx *c, int m)
{
    size_t k = m_start(c, m);
    if (k > 0 && c->toks[k - 1].pos == POS_DET) k--;
    return k > 0 ? c->toks[k - 1].key : NULL;
}

/* Is mention m a place where a verb happens: after "in", "at" ... and
 * attached to a verb or to the verb's object ("met in Beijing", "held
 * talks in Athens"), not deeper in a noun phrase ("the closure of guest
 * houses in Bree", where it names whom the act concerns)?  With force,
 * "at" is a target ("fired two shells at Seoul"). */
static int is_place_of_verb(const sent_ctx *c, int m, const char *code)
{
    if (!mention_get(c, m)->locative) return 0;
    const char *prep = preposition_before(c, m);
    if (is_force_code(code) && prep && strcmp(prep, "at") == 0) return 0;
    int h = c->toks[m_stop(c, m) - 1].head;
    if (h < 0 || c->toks[h].pos == POS_VERB || c->toks[h].pos == POS_AUX) return 1;
    int hh = c->toks[h].head;
    return c->toks[h].rel == DEP_OBJ && hh >= 0 &&
           (c->toks[hh].pos == POS_VERB || c->toks[hh].pos == POS_AUX);
}

/* An actor of unknown country ("---GOV", dyad.h unknown_agents). */
static int is_unknown_actor(const sent_ctx *c, int m)
{
    const char *code = mention_get(c, m)->code;
    return code && strncmp(code, "---", 3) == 0;
}

/* Which mentions a search for the target accepts (parsed_target). */
typedef struct target_filter {
    int source;                  /* never the source */
    const char *code;            /* the event code (is_place_of_verb) */
    int named_only;              /* pass over actors of unknown country */
    int allow_places;            /* a place of the verb will do */
    int verb;                    /* the verb's token */
} target_filter;

/* A mention with the source's own code, other than the verb's direct
 * object, is passed over as the target: the actor would act on itself
 * ("Bosnian Serbs demanded a truce with forces in Bosnia", "pressured
 * workers of a company of Tehran"); a direct object with it makes no
 * event ("Moscow praised the Kremlin"). */
static int passed_over_as_self(const sent_ctx *c, int m, const target_filter *f)
{
    const char *x = f->source >= 0 ? mention_get(c, f->source)->code : NULL;
    const char *y = mention_get(c, m)->code;
    if (!c->modal_intent || !x || !y || strcmp(x, y) != 0) return 0;
    const token *head = &c->toks[m_stop(c, m) - 1];
    return !(head->head == f->verb && (head->rel == DEP_OBJ || head->rel == DEP_IOBJ));
}

/* "he" or "she" standing for the source itself ("Sam began to question
 * whether he has a future with the Orcs"): the source again, not the one
 * acted upon. */
static int refers_to_source(const sent_ctx *c, int m, const target_filter *f)
{
    const mention *p = mention_get(c, m);
    if (!p->is_pronoun || f->source < 0) return 0;
    const char *x = mention_get(c, f->source)->code;
    return p->antecedent == f->source || (x && p->code && strcmp(x, p->code) == 0);
}

static int can_be_target(const sent_ctx *c, int m, const target_filter *f)
{
    return m >= 0 && m != f->source && (f->allow_places || !is_place_of_verb(c, m, f->code)) &&
           !(f->named_only && is_unknown_actor(c, m)) &&
           !passed_over_as_self(c, m, f) && !refers_to_source(c, m, f);
}

/* The first actor mention inside the subtree of token h that starts
 * after token `after`, in text order. */
static int mention_under(const sent_ctx *c, int h, int after, const target_filter *f)
{
    for (size_t k = mention_from(c, (size_t)after + 1); k < c->m_end; k++) {
        int head = (int)m_stop(c, (int)k) - 1;         /* a name hangs from its last token */
        if (is_actor(c, (int)k) && can_be_target(c, (int)k, f) && tree_in_phrase(&c->t, h, head))
            return (int)k;
    }
    return -1;
}

/* The target of verb v: the first of its objects (tree_objects) that
 * names an actor other than the source and is not the verb's place ("met
 * in Beijing");
 * else the first actor named after the verb inside its phrase ("praised
 * the results achieved by China", "threatened to break relations with
 * Russia"). */
static int parsed_target_pass(const sent_ctx *c, int v, const target_filter *f)
{
    int cand[24];
    int n = tree_objects(&c->t, v, cand, 24);
    for (int k = 0; k < n; k++) {
        int m = nominal_mention(c, cand[k], 0);
        if (can_be_target(c, m, f)) return m;
    }
    int m = mention_under(c, v, v, f);
    if (m >= 0 || c->modal_intent) return m;
    /* PETRARCH's conventions: when the clause the verb governs after it
     * is about the source itself, its subject a pronoun ("began to
     * question whether he has a future with the Morgul Orcs", "said he
     * has deep satisfaction toward Gondor"), the target is the first actor
     * named in it */
    int cc = tree_child(&c->t, v, DEP_CCOMP);
    int subj = cc > v ? tree_child(&c->t, cc, DEP_NSUBJ) : -1;
    if (subj < 0 || c->toks[subj].pos != POS_PRON) return -1;
    return mention_under(c, cc, v, f);
}

/* The above, a named actor first, else (place_target_allowed) a named
 * place of the verb, else an actor of unknown country, else such a place. */
static int parsed_target(const sent_ctx *c, int v, int source, const char *code)
{
    int places = place_target_allowed(c, source), m = -1;
    for (int pass = 0; pass < 4 && m < 0; pass++) {
        target_filter f = {source, code, pass < 2, pass % 2, v};
        if (!f.allow_places || places) m = parsed_target_pass(c, v, &f);
    }
    return m;
}

/* "it", "they", "we": pronouns that may stand for a country or a group
 * ("he" and "she" are mentions of their own, actors.h). */
static int is_group_pronoun(const token *k)
{
    return k->pos == POS_PRON && (strcmp(k->key, "it") == 0 || strcmp(k->key, "they") == 0 ||
                                  strcmp(k->key, "we") == 0);
}

/* A name the parser split from its noun phrase: "the official news agency
 * WFNA said" parsed with WFNA alone as the subject.  The actor mention
 * among the nouns and adjectives right before the subject word (at most
 * four, no punctuation or verb between), or -1. */
static int mention_in_noun_run(const sent_ctx *c, int subj)
{
    if (c->toks[subj].pos != POS_PROPN) return -1;
    for (int k = subj - 1, steps = 0; k >= 0 && steps < 4; k--, steps++) {
        uint8_t pos = c->toks[k].pos;
        if (is_actor(c, c->mention_at[k])) return c->mention_at[k];
        if (pos != POS_NOUN && pos != POS_PROPN && pos != POS_ADJ) return -1;
    }
    return -1;
}

/* The actor a verb's subject names.  A group pronoun in a reported clause
 * stands for the reporter, as it does in news prose: "Switzerland said it
 * had expelled two diplomats", "rebel leaders said they would meet". */
static int subject_mention(const sent_ctx *c, int v, int subj)
{
    int m = nominal_mention(c, subj, 0);
    /* The parser sometimes gives a verb two subjects ("Old foes Gondor and
     * Osgiliath have renewed ..." as "foes" and "Gondor"): the other one
     * may name the actor. */
    for (int k = c->t.first_child[v]; m < 0 && k >= 0; k = c->t.next_sibling[k])
        if (k != subj && c->toks[k].rel == DEP_NSUBJ) m = nominal_mention(c, k, 0);
    if (m < 0) m = mention_in_noun_run(c, subj);
    /* "The lions and the evil Gondor welcomed": a conjunct names it */
    for (int k = c->t.first_child[subj]; m < 0 && k >= 0; k = c->t.next_sibling[k])
        if (c->toks[k].rel == DEP_CONJ) m = nominal_mention(c, k, 0);
    if (m >= 0 || !is_group_pronoun(&c->toks[subj])) return m;
    int r = tree_reporter(&c->t, v);
    return r >= 0 && r != subj ? nominal_mention(c, r, 0) : -1;
}

/* The tagger takes a name before a noun for its subject ("a possible
 * Putin visit"): when the parse makes the proper name right before the
 * word its subject, and the name itself follows an article or an
 * adjective, the word is a noun (mention_is_modifier), unless it is a
 * past form, which nouns seldom are.  "a senior Bree official said" ends
 * in a common noun, and is a subject. */
static int names_modify_noun(const sent_ctx *c, size_t i, size_t head, uint32_t verb)
{
    if (i == 0 || c->mention_at[i - 1] < 0) return 0;
    const token *name = &c->toks[i - 1];
    if (name->head != (int32_t)head || name->rel != DEP_NSUBJ || name->pos != POS_PROPN)
        return 0;
    int base = is_base_form(c, &c->toks[head], verb);
    if (is_past_form(&c->toks[head], base)) return 0;   /* "good Gondor welcomed" */
    return mention_is_modifier(c, c->mention_at[i - 1], base);
}

/* Is verb v the xcomp of a verb the dictionary codes ("refused to meet",
 * "agreed to visit")?  Then that verb's pattern codes the event, and v,
 * which did not happen, codes none. */
static int is_complement_of_coded_verb(const sent_ctx *c, int v)
{
    if (c->toks[v].rel != DEP_XCOMP || c->toks[v].head < 0) return 0;
    verb_match vm;
    int h = c->toks[v].head;
    if (!dict_match_verb(c->dc, c->toks, c->n, (size_t)h, &vm)) return 0;
    const char *code = dict_verb_code(c->dc, vm.verb);
    return code && strcmp(code, "---") != 0;
}

/* The actor of a passive verb, whose subject is acted upon: the "by"
 * phrase, else where the act came from ("was freed from Barad-dur",
 * "was expelled from Iran").  PETRARCH's convention, with its
 * dictionaries, also takes an "in" phrase ("was shot dead in Osgiliath"). */
static int passive_source(const sent_ctx *c, int v)
{
    int source = nominal_mention(c, tree_agent(&c->t, v), 0);
    if (source < 0) source = nominal_mention(c, tree_oblique(&c->t, v, "from"), 0);
    if (source < 0 && c->require_dyad)
        source = nominal_mention(c, tree_oblique(&c->t, v, "in"), 0);
    return source;
}

/* The token the tree reads as the verb of a dictionary match: its verb
 * word, else, for a multi-word verb, another of its words the parse took
 * for the verb ("will not wire tap": "wire" the verb, "tap" a noun); -1
 * when the tree has no verb there. */
static int verb_in_tree(const sent_ctx *c, size_t i, const verb_match *vm)
{
    int v = (int)(i + vm->head);
    if (tree_is_verb(&c->t, v)) return v;
    for (size_t k = i; k < i + vm->n_tokens; k++)
        if (tree_is_verb(&c->t, (int)k)) return (int)k;
    return -1;
}

/* The target of an event noun h: an actor in its "to", "with", "on",
 * "against" or "for" phrase ("Lavrov's visit to Beijing"), else, when the
 * noun is the object of a verb of receiving, that verb's subject, to whom
 * the act was done ("Putin appreciated Xi's congratulatory message",
 * "welcomed China's offer"; not "France praised Germany's offer", made to
 * anyone); -1 when none. */
static int noun_event_target(const sent_ctx *c, int h, int source)
{
    static const char *const preps[] = {"to", "with", "on", "against", "for", "toward",
                                        "towards", NULL};
    for (int k = c->t.first_child[h]; k >= 0; k = c->t.next_sibling[k]) {
        if (c->toks[k].rel != DEP_NMOD) continue;
        int cs = tree_child(&c->t, k, DEP_CASE);
        for (const char *const *p = preps; cs >= 0 && *p; p++) {
            if (!key_is(&c->toks[cs], *p)) continue;
            int m = nominal_mention(c, k, 0);
            if (is_actor(c, m) && m != source) return m;
        }
    }
    static const char *const receiving[] = {
        "appreciate", "appreciates", "appreciated", "welcome", "welcomes", "welcomed",
        "accept", "accepts", "accepted", "receive", "receives", "received", "thank", "thanks",
        "thanked", "acknowledge", "acknowledges", "acknowledged", NULL};
    int gov = c->toks[h].head, takes = 0;
    if (c->toks[h].rel != DEP_OBJ || gov < 0 || !tree_is_verb(&c->t, gov)) return -1;
    for (const char *const *w = receiving; *w && !takes; w++) takes = key_is(&c->toks[gov], *w);
    if (!takes) return -1;
    int subj = tree_subject(&c->t, gov);
    int m = subj >= 0 ? subject_mention(c, gov, subj) : -1;
    return is_actor(c, m) && m != source ? m : -1;
}

/* The verb that only carries event noun h, its object: "paid a visit",
 * "held talks", "sent a congratulatory message", "extended an invitation",
 * "staged a protest", "launched an attack"; -1 when h is not the object of
 * such a verb. */
static int light_verb_of(const sent_ctx *c, int h)
{
    static const char *const light[] = {
        "pay", "pays", "paid", "paying", "make", "makes", "made", "making", "hold", "holds",
        "held", "holding", "send", "sends", "sent", "sending", "convey", "conveys",
        "conveyed", "extend", "extends", "extended", "deliver", "delivers", "delivered",
        "give", "gives", "gave", "given", "issue", "issues", "issued", "stage", "stages",
        "staged", "staging", "launch", "launches", "launched", "launching", "mount",
        "mounts", "mounted", "mounting", "conduct", "conducts", "conducted", "conducting",
        "carry", "carries", "carried", "carrying", "begin", "begins", "began", "begun",
        "beginning", "start", "starts", "started", "starting", NULL};
    int gov = c->toks[h].head;
    if (c->toks[h].rel != DEP_OBJ || gov < 0 || !tree_is_verb(&c->t, gov)) return -1;
    for (const char *const *w = light; *w; w++)
        if (key_is(&c->toks[gov], *w)) return gov;
    return -1;
}

/* The target of a light verb's event: the actor of its "to" or "with"
 * phrase or its indirect object ("paid a visit to Beijing", "sent Xi a
 * message"); -1 when none. */
static int light_verb_target(const sent_ctx *c, int v, int source)
{
    int io = tree_child(&c->t, v, DEP_IOBJ);
    int m = io >= 0 ? nominal_mention(c, io, 0) : -1;
    if (is_actor(c, m) && m != source) return m;
    static const char *const preps[] = {"to", "with", NULL};
    for (const char *const *p = preps; *p; p++) {
        m = nominal_mention(c, tree_oblique(&c->t, v, *p), 0);
        if (is_actor(c, m) && m != source) return m;
    }
    return -1;
}

/* The actor whose possessive stands right before noun h, over its
 * adjectives and brackets: "(Xi's) congratulatory message", where the
 * parser took the bracketed name for an object of its own; -1 when none. */
static int possessor_before(const sent_ctx *c, int h)
{
    int k = h - 1;
    while (k >= 0 && (c->toks[k].pos == POS_ADJ || key_is(&c->toks[k], ")"))) k--;
    if (k < 1 || c->toks[k].kind != TOK_POSSESSIVE) return -1;
    int m = c->mention_at[k - 1];
    return is_actor(c, m) ? m : -1;
}

/* An event a noun carries when an actor owns it: "Lavrov's visit to
 * Beijing" (042), "Xi's congratulatory message" (051), or the subject of
 * a light verb does ("Lavrov paid a visit to Beijing", "Xi sent Putin a
 * congratulatory message"), coded with the verb's own code (patterns are
 * for clauses).  Not when the verb that
 * governs the noun is negated or hypothetical ("did not welcome Xi's
 * visit"), and only with dyad's own rules (modal_intent): PETRARCH codes
 * verbs alone. */
static size_t code_noun_event(sent_ctx *c, size_t s, size_t i, const verb_match *vm,
                              event_list *out)
{
    int h = (int)(i + vm->head);
    if (!c->modal_intent || c->toks[h].pos != POS_NOUN) return 0;
    int poss = tree_child(&c->t, h, DEP_NMOD_POSS);
    int source = poss >= 0 ? nominal_mention(c, poss, 0) : possessor_before(c, h);
    int light = light_verb_of(c, h);
    if (source < 0 && light >= 0) {
        int subj = tree_subject(&c->t, light);
        source = subj >= 0 ? subject_mention(c, light, subj) : -1;
    }
    if (!is_actor(c, source)) return 0;
    int gov = c->toks[h].head;
    if (gov >= 0 && tree_is_verb(&c->t, gov) &&
        (tree_is_negated(&c->t, gov) || tree_is_hypothetical(&c->t, gov)) &&
        light < 0)
        return 0;
    pattern_hit none;
    memset(&none, 0, sizeof none);
    none.target = none.source = -1;
    int first, end;
    tree_subtree_span(&c->t, c->a, h, &first, &end);
    verb_event ve;
    verb_event_init(c, &ve, s, i, vm, &none, (size_t)first, (size_t)end);
    if (!has_code(&ve)) return 0;
    /* A conflict named as a noun an actor owns ("Russia's invasion") is
     * more often background than news; one a verb carries ("staged a
     * protest", "launched an attack") is the act. */
    if (light < 0 && (strncmp(ve.code, "1", 1) == 0 || strncmp(ve.code, "2", 1) == 0))
        return 0;
    if (light >= 0) {
        /* the carrying verb's mood is the act's: "will hold talks" */
        if (tree_is_hypothetical(&c->t, light)) return 0;
        int modal;
        clause_mood how = tree_clause_mood(c, light, &modal);
        if (how == MOOD_OBLIGATION || !apply_mood(how, ve.code)) return 0;
    }
    int target = noun_event_target(c, h, source);
    if (target < 0 && light >= 0) target = light_verb_target(c, light, source);
    return emit_all(c, &ve, source, target, 1, out);
}

/* Do mentions a and b name the same actor: the same code, or a country
 * and its government ("Russia", "the Russian government")? */
static int same_actor(const sent_ctx *c, int a, int b)
{
    const char *x = a >= 0 ? mention_get(c, a)->code : NULL;
    const char *y = b >= 0 ? mention_get(c, b)->code : NULL;
    if (!x || !y) return 0;
    if (strcmp(x, y) == 0) return 1;
    size_t nx = strlen(x), ny = strlen(y);
    return (nx == 3 && ny == 6 && strncmp(x, y, 3) == 0 && strcmp(y + 3, "GOV") == 0) ||
           (ny == 3 && nx == 6 && strncmp(x, y, 3) == 0 && strcmp(x + 3, "GOV") == 0);
}

/* Does the modal found up v's xcomp chain bind v's own subject?  "Iraq
 * must try to comply": yes; "the countries should encourage refugees to
 * return": not the refugees. */
static int modal_binds(const sent_ctx *c, int v, int modal)
{
    int h = c->toks[modal].head;
    return h == v || (h >= 0 && tree_subject(&c->t, h) == tree_subject(&c->t, v));
}

/* "Russia said Sudan must return the helicopter": whoever reports the
 * clause demands the act of its subject (CAMEO 10); a "must" that no one
 * states, or that speakers state of themselves, is no event. */
static size_t emit_demand(sent_ctx *c, const verb_event *ve, int v, int subject,
                          event_list *out)
{
    int reporter = nominal_mention(c, tree_reporter(&c->t, v), 0);
    if (reporter < 0 || same_actor(c, reporter, subject)) return 0;
    int target = tree_is_passive(&c->t, v) ? -1 : subject;
    return emit_all(c, ve, reporter, target, 1, out);
}

/* Is v, through its xcomp chain, the complement of a verb that coded an
 * event ("should cooperate to encourage ...": the demand is cooperation)? */
static int xcomp_of_coded(const sent_ctx *c, int v, const uint8_t *coded)
{
    for (int steps = 0; v >= 0 && steps < 8 && c->toks[v].rel == DEP_XCOMP; steps++) {
        v = c->toks[v].head;
        if (v >= 0 && coded[v]) return 1;
    }
    return 0;
}

/* "The administration declared that China must drop its barriers": an
 * obligation someone reports is their demand (100) of the clause's
 * subject even when no dictionary codes its verb.  Parsed sentences
 * only; verbs that coded an event (coded[]) are left alone. */
static size_t code_unlisted_obligations(sent_ctx *c, size_t s, const uint8_t *coded,
                                        event_list *out)
{
    size_t added = 0;
    for (int v = 0; v < (int)c->n; v++) {
        if (coded[v] || !tree_is_verb(&c->t, v) || tree_is_hypothetical(&c->t, v)) continue;
        int modal = tree_modal(&c->t, v);
        if (modal < 0 || mood_of_modal(&c->toks[modal]) != MOOD_OBLIGATION ||
            !modal_binds(c, v, modal) || xcomp_of_coded(c, v, coded))
            continue;
        int subj = tree_subject(&c->t, v);
        int subject = subj >= 0 ? subject_mention(c, v, subj) : -1;
        if (!is_actor(c, subject) || tree_is_passive(&c->t, v)) continue;
        int top = tree_clause_top(&c->t, v), first, end;
        tree_clause_span(&c->t, c->a, top, &first, &end);
        verb_event ve;
        memset(&ve, 0, sizeof ve);
        ve.sent = s;
        ve.verb_first = c->base + (uint32_t)v;
        ve.verb_n = 1;
        ve.clause_first = c->base + (uint32_t)first;
        ve.clause_end = c->base + (uint32_t)end;
        snprintf(ve.code, sizeof ve.code, "100");
        added += emit_demand(c, &ve, v, subject, out);
    }
    return added;
}

/* "Israel is opposed to French mediation": a participle that, with "be"
 * and "to", states its subject's own stance, not something done to it. */
static int is_stative_participle(const sent_ctx *c, int v)
{
    return (size_t)v + 1 < c->n && key_is(&c->toks[v + 1], "to") &&
           (key_is(&c->toks[v], "opposed") || key_is(&c->toks[v], "committed"));
}

/* Does a pattern say what the reported clause holds, by its "that" or
 * its + slot ("- * THAT + IS &FRIEND_")?  Then it may reach into it. */
static int pattern_spells_clause(const sent_ctx *c, const pattern_hit *hit)
{
    if (!hit->p || hit->target >= 0) return 1;
    for (size_t k = 0; k < hit->n_used; k++)
        if (key_is(&c->toks[hit->used[k]], "that")) return 1;
    return 0;
}

/* Does the pattern use a word at or after token `at`? */
static int reaches(const pattern_hit *hit, size_t at)
{
    for (size_t k = 0; k < hit->n_used; k++)
        if (hit->used[k] >= at) return 1;
    return 0;
}

/* With dyad's own dictionaries a pattern matches inside its verb's clause
 * (verbs.txt), unless it spells out the reported clause: the words after
 * the verb stop where a reported clause of its own begins ("declared that
 * China must drop its barriers" is no declared embargo).  Returns the new
 * end of the pattern's reach. */
static size_t before_reported_clause(const sent_ctx *c, int v, size_t verb_end, size_t stop)
{
    for (int k = c->t.first_child[v]; k >= 0; k = c->t.next_sibling[k]) {
        if (c->toks[k].rel != DEP_CCOMP || tree_child(&c->t, k, DEP_NSUBJ) < 0) continue;
        int first, end;
        tree_subtree_span(&c->t, c->a, k, &first, &end);
        if ((size_t)first >= verb_end && (size_t)first < stop) stop = (size_t)first;
    }
    return stop;
}

/* Codes one verb occurrence of a parsed sentence: the roles come from the
 * tree.  When the parse gives the verb no subject at all (a headline, a
 * quotation the parser took apart), the shallow rules code it. */
static size_t code_verb_parsed(sent_ctx *c, size_t s, size_t i, const verb_match *vm,
                               event_list *out)
{
    int v = verb_in_tree(c, i, vm);
    size_t verb_end = i + vm->n_tokens;
    if (v < 0) return code_noun_event(c, s, i, vm, out);
    if (names_modify_noun(c, i, (size_t)v, vm->verb) ||
        is_complement_of_coded_verb(c, v))
        return 0;
    int top = tree_clause_top(&c->t, v), first, end, sub_first, sub_end;
    tree_clause_span(&c->t, c->a, top, &first, &end);
    tree_subtree_span(&c->t, c->a, top, &sub_first, &sub_end);
    size_t start = (size_t)first < i ? (size_t)first : i;
    size_t stop = (size_t)end > verb_end ? (size_t)end : verb_end;
    size_t pattern_stop = (size_t)sub_end > stop ? (size_t)sub_end : stop;
    int subj = tree_subject(&c->t, v);
    if (subj < 0) return code_verb(c, s, i, vm, out);
    /* PETRARCH's conventions: a clause finds its source before its verb,
     * so an opening participle ("Rebuked by Eriador, Osgiliath is ...")
     * has none; its unit tests code no event there. */
    if (!c->modal_intent && tree_opens_without_subject(&c->t, v)) return 0;
    int source = subject_mention(c, v, subj);

    pattern_hit hit;
    /* A pattern's words before the verb may stand anywhere before it in
     * the sentence, above the verb's own clause too: "- INDICATED WOULD *
     * NOW" codes "Ethiopia indicated it would act now", where "act" heads
     * a clause of its own. */
    best_pattern(c, vm->verb, 0, i, verb_end, pattern_stop, source, &hit);
    if (c->modal_intent && !pattern_spells_clause(c, &hit)) {
        size_t own = before_reported_clause(c, v, verb_end, pattern_stop);
        if (own < pattern_stop && reaches(&hit, own))
            best_pattern(c, vm->verb, 0, i, verb_end, own, source, &hit);
    }
    consume(c, &hit);
    verb_event ve;
    verb_event_init(c, &ve, s, i, vm, &hit, start, stop);
    if (source < 0 || !has_code(&ve)) return 0;
    if (tree_is_hypothetical(&c->t, v)) return 0;
    clause_mood how = MOOD_PLAIN;
    if (!pattern_has_mood(c, &hit, i)) {
        if (!c->modal_intent && tree_is_negated(&c->t, v)) return 0;
        if (c->modal_intent) {
            int modal;
            how = tree_clause_mood(c, v, &modal);
            if (how == MOOD_OBLIGATION && !modal_binds(c, v, modal)) return 0;
            if (!apply_mood(how, ve.code)) return 0;
            if (how == MOOD_REFUSAL || how == MOOD_OBLIGATION) ve.back[0] = '\0';
        }
    }
    if (how == MOOD_OBLIGATION) return emit_demand(c, &ve, v, source, out);
    int target = hit.target >= 0 ? hit.target : parsed_target(c, v, source, ve.code);
    if (pattern_sets_roles(&hit)) {
        apply_pattern_roles(&hit, &source, &target);
        /* "- NOTED + *": the subject is the target, and the one who noted
         * it, the reporter of the clause, the source */
        if (source < 0) source = nominal_mention(c, tree_reporter(&c->t, v), 0);
        if (source < 0) return 0;
    } else if (tree_is_passive(&c->t, v) && !is_stative_participle(c, v)) {
        int agent = passive_source(c, v);
        /* PETRARCH's conventions (modal_intent off) read a passive that
         * names no actor as an active verb: its unit tests code "The
         * Philippines was criticized over its dispute with Eriador" as
         * PHL>ERI. */
        if (agent >= 0 || c->modal_intent) {
            target = source;
            source = agent;
            if (source < 0) return 0;
        }
    }
    if (target < 0 && !c->modal_intent && !ve.mutual && !is_compound(c, source) &&
        !tree_has_complement(&c->t, v))
        return 0;
    return emit_all(c, &ve, source, target, tree_has_object(&c->t, v), out);
}

static int is_question(const sent_ctx *c)
{
    for (size_t k = c->n; k-- > 0;) {
        const token *t = &c->toks[k];
        if (t->kind == TOK_QUOTE) continue;
        return key_is(t, "?");
    }
    return 0;
}

static void ctx_init(sent_ctx *c, arena *a, const dict *dc, const doc *d, size_t s,
                     const mention_list *ml, size_t m_first, const dyad_coder_options *opt)
{
    const sentence *sent = &d->sents[s];
    c->dc = dc;
    c->d = d;
    c->a = a;
    c->toks = d->tokens + sent->first_token;
    c->n = sent->n_tokens;
    c->base = sent->first_token;
    c->ml = ml;
    c->m_first = m_first;
    c->m_end = ml->n;
    c->consumed = arena_calloc(a, c->n + 1, 1);
    c->mention_at = arena_alloc(a, (c->n + 1) * sizeof *c->mention_at);
    for (size_t k = 0; k <= c->n; k++) c->mention_at[k] = -1;
    for (size_t k = c->m_first; k < c->m_end; k++)
        for (size_t t = m_start(c, (int)k); t < m_stop(c, (int)k); t++)
            c->mention_at[t] = (int)k;
    c->parsed = 0;
    if (sent->parsed) {
        tree_init(&c->t, a, c->toks, c->n);
        c->parsed = tree_is_clause(&c->t);    /* else the shallow rules code it */
    }
    c->require_dyad = opt && opt->require_dyad;
    c->modal_intent = !opt || opt->modal_intent;
}

/* Did verb h, or a verb it governs through xcomp ("is about to restore"),
 * code an event? */
static int clause_coded(const sent_ctx *c, const uint8_t *coded, int h, int depth)
{
    if (coded[h]) return 1;
    if (depth > 8) return 0;
    for (size_t k = 0; k < c->n; k++)
        if (c->toks[k].head == h && c->toks[k].rel == DEP_XCOMP &&
            clause_coded(c, coded, (int)k, depth + 1))
            return 1;
    return 0;
}

/* Does a conjunction open verb v's clause ("after", "when", "because",
 * "while"): is it a subordinate clause rather than a clause the parser
 * hung on the verb ("Arnor criticized Gondor, officials said")?  A word
 * before the verb that hangs on it tells, or one the parser made the
 * preposition of the verb's subject ("five years after crowds burned":
 * "after" is often read as the preposition of "crowds"). */
static int has_subordinator(const sent_ctx *c, int v)
{
    for (int k = 0; k < v; k++) {
        int h = c->toks[k].head;
        int own = h == v || (c->toks[k].rel == DEP_CASE && h >= 0 && c->toks[h].head == v);
        if (own && tag_opens_adverbial_clause(c->toks[k].key)) return 1;
    }
    return 0;
}

/* PETRARCH's conventions (modal_intent off): its unit tests code no event
 * in an adverbial clause of a verb that codes one ("Arnor restored ties
 * with Gondor after Calenardhon crowds burned down its embassy" is only
 * the restoring; "celebrated Iftar ... after leaving Eriador" only the
 * celebration).  Drops the events from out->items[first..] whose verb
 * heads such a clause, opened by a conjunction; returns how many. */
static size_t drop_adverbial_events(const sent_ctx *c, const uint8_t *coded, size_t first,
                                    event_list *out)
{
    size_t kept = first;
    for (size_t k = first; k < out->n; k++) {
        const event *e = &out->items[k];
        int drop = 0;
        for (uint32_t t = e->verb_first; t < e->verb_first + e->verb_n && !drop; t++) {
            size_t v = t - c->base;
            int h = c->toks[v].head;
            /* a clause opened by "after" that the parser hung as a
             * parataxis or a complement is a misread adverbial clause */
            uint8_t rel = c->toks[v].rel;
            drop = (rel == DEP_ADVCL || rel == DEP_PARATAXIS || rel == DEP_CCOMP) && h >= 0 &&
                   has_subordinator(c, (int)v) &&
                   clause_coded(c, coded, tree_clause_top(&c->t, h), 0);
        }
        if (!drop) out->items[kept++] = *e;
    }
    size_t dropped = out->n - kept;
    out->n = kept;
    return dropped;
}

size_t code_sentence(arena *a, const dict *dc, const doc *d, size_t s,
                     const mention_list *mentions, size_t m_first,
                     const dyad_coder_options *opt, event_list *out)
{
    sent_ctx c;
    ctx_init(&c, a, dc, d, s, mentions, m_first, opt);
    if (c.n == 0 || is_question(&c)) return 0;
    size_t added = 0, first_event = out->n;
    uint8_t *coded = arena_calloc(a, c.n + 1, 1);   /* tokens of verbs that coded events */
    for (size_t i = 0; i < c.n;) {
        verb_match vm;
        if (c.consumed[i] || c.mention_at[i] >= 0 ||
            !dict_match_verb(dc, c.toks, c.n, i, &vm)) {
            i++;
            continue;
        }
        size_t n = 0;
        if (c.parsed) n = code_verb_parsed(&c, s, i, &vm, out);
        else if (!used_as_noun(&c, i, i + vm.head, vm.verb)) n = code_verb(&c, s, i, &vm, out);
        if (n) memset(coded + i, 1, vm.n_tokens);
        added += n;
        i += vm.n_tokens;
    }
    if (c.parsed && c.modal_intent) added += code_unlisted_obligations(&c, s, coded, out);
    if (c.parsed && !c.modal_intent) added -= drop_adverbial_events(&c, coded, first_event, out);
    return added;
}

int code_sentence_is_candidate(const dict *dc, const doc *d, size_t s,
                               const mention_list *mentions, size_t m_first, int need_actor)
{
    int has_actor = !need_actor;
    for (size_t k = m_first; k < mentions->n && !has_actor; k++)
        has_actor = mentions->items[k].code != NULL;
    if (!has_actor) return 0;
    const sentence *se = &d->sents[s];
    const token *toks = d->tokens + se->first_token;
    for (size_t i = 0; i < se->n_tokens; i++) {
        verb_match vm;
        if (dict_match_verb(dc, toks, se->n_tokens, i, &vm)) return 1;
    }
    return 0;
}
