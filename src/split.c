/* split.c — see split.h.
 *
 * One forward pass over the cleaned text.  Candidate boundaries are
 * paragraph breaks, clusters of . ! ? (with closing quotes and brackets),
 * the gap before a sub-heading-ending word (During, Meanwhile, ...), the
 * gap after a glued quoted phrase, and the length cap.  Every look-behind
 * and look-ahead is bounded by a constant, so the pass is linear whatever
 * the input.
 *
 * Decisions (see tests/spec/split.spec):
 *  - a period before a lower-case word never ends a sentence: in news
 *    copy that is an unknown abbreviation ("approx. five") or a period
 *    typed for a comma ("are understood. taking into account ..."), and a
 *    clause kept with its predecessor codes better than a torn sentence;
 *  - after an ambiguous abbreviation (U.S. Inc. Jr. a.m. etc.), an initial
 *    or an ellipsis, the sentence ends only when the next word is a common
 *    sentence opener (The, He, But, ...) or an opening quote, never before
 *    a name or a number: "the U.S. The" splits, "U.S. Army" does not;
 *  - titles (Mr. Gen. St. ...) and e.g./i.e./vs. never end a sentence;
 *    No./Vol./Art. do not before a number; months do not before a number;
 *  - a single line break is white space; a blank line always splits;
 *  - spans with no letter or digit ("* * *" separators) are not sentences.
 */
#include "split.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "swar.h"

/* ------------------------------------------------------------------ */
/* Word tables.                                                        */

typedef struct abbrev {
    const char *word;        /* first: see find_folded() */
    uint8_t len, cls;
} abbrev;

#define AB(w, c) {w, sizeof(w) - 1, c}

/* Written as they appear before the period; the all-capitals spelling
 * matches too (MR., GEN.). */
static const abbrev ABBREVS[] = {
    AB("Adm", ABBR_TITLE), AB("Amb", ABBR_TITLE), AB("Apr", ABBR_MONTH), AB("Art", ABBR_NUMBER),
    AB("Aug", ABBR_MONTH), AB("Ave", ABBR_AMBIG), AB("Blvd", ABBR_AMBIG),
    AB("Brig", ABBR_TITLE), AB("Bros", ABBR_AMBIG), AB("Capt", ABBR_TITLE),
    AB("Ch", ABBR_NUMBER), AB("Cmdr", ABBR_TITLE), AB("Co", ABBR_AMBIG), AB("Col", ABBR_TITLE),
    AB("Corp", ABBR_AMBIG), AB("Cos", ABBR_AMBIG), AB("Dec", ABBR_MONTH),
    AB("Dept", ABBR_AMBIG), AB("Dr", ABBR_TITLE), AB("Feb", ABBR_MONTH), AB("Fig", ABBR_NUMBER),
    AB("Fr", ABBR_TITLE), AB("Ft", ABBR_TITLE), AB("Gen", ABBR_TITLE), AB("Gens", ABBR_TITLE),
    AB("Gov", ABBR_TITLE), AB("Hon", ABBR_TITLE), AB("Inc", ABBR_AMBIG), AB("Insp", ABBR_TITLE),
    AB("Jan", ABBR_MONTH), AB("Jr", ABBR_AMBIG), AB("Jul", ABBR_MONTH), AB("Jun", ABBR_MONTH),
    AB("Lt", ABBR_TITLE), AB("Ltd", ABBR_AMBIG), AB("Maj", ABBR_TITLE), AB("Mar", ABBR_MONTH),
    AB("Messrs", ABBR_TITLE), AB("Mr", ABBR_TITLE), AB("Mrs", ABBR_TITLE), AB("Ms", ABBR_TITLE),
    AB("Mt", ABBR_TITLE), AB("No", ABBR_NUMBER), AB("Nos", ABBR_NUMBER), AB("Nov", ABBR_MONTH),
    AB("Oct", ABBR_MONTH), AB("Para", ABBR_NUMBER), AB("Ph.D", ABBR_AMBIG),
    AB("Plc", ABBR_AMBIG), AB("Pres", ABBR_TITLE), AB("Prof", ABBR_TITLE),
    AB("Rep", ABBR_TITLE), AB("Reps", ABBR_TITLE), AB("Rev", ABBR_TITLE), AB("Sec", ABBR_TITLE),
    AB("Sen", ABBR_TITLE), AB("Sens", ABBR_TITLE), AB("Sep", ABBR_MONTH),
    AB("Sept", ABBR_MONTH), AB("Sgt", ABBR_TITLE), AB("Sr", ABBR_AMBIG), AB("St", ABBR_TITLE),
    AB("Supt", ABBR_TITLE), AB("Univ", ABBR_AMBIG), AB("Vol", ABBR_NUMBER),
};

/* The entries written in lower case, apart so that an ordinary
 * lower-case word before a period ("said.") is checked against these few
 * only; capitalised words are checked against ABBREVS, and words in
 * capitals against both ("VS.", "ETC."). */
static const abbrev ABBREVS_LOWER[] = {
    AB("al", ABBR_AMBIG), AB("approx", ABBR_INNER), AB("ca", ABBR_INNER), AB("cf", ABBR_INNER),
    AB("e.g", ABBR_INNER), AB("etc", ABBR_AMBIG), AB("i.e", ABBR_INNER), AB("incl", ABBR_INNER),
    AB("pp", ABBR_NUMBER), AB("viz", ABBR_INNER), AB("vs", ABBR_INNER),
};

/* Words that open sentences far more often than they appear capitalised
 * inside one. */
static const char *const STARTERS[] = {
    "A", "According", "After", "All", "Also", "Although", "An", "And", "As", "At", "Because",
    "Before", "Both", "But", "Despite", "During", "Each", "Earlier", "Even", "Every", "For",
    "From", "Furthermore", "He", "Her", "Here", "His", "How", "However", "I", "If", "In",
    "Indeed", "Instead", "It", "Its", "Last", "Later", "Many", "Meanwhile", "Moreover", "Most",
    "My", "Neither", "Nevertheless", "Next", "No", "None", "Nonetheless", "Now", "On", "Only",
    "Or", "Our", "Separately", "She", "Since", "So", "Some", "Still", "Such", "That", "The",
    "Their", "Then", "There", "Therefore", "These", "They", "This", "Those", "Though", "Thus",
    "Today", "Under", "Until", "We", "What", "When", "Where", "Whether", "Which", "While",
    "Who", "Why", "With", "Yesterday", "Yet", "You", "Your",
};

/* Capitalised words that can only start a clause: inside a sentence,
 * after a plain word, they mark a sub-heading glued to the next sentence. */
static const char *const SUBHEAD_WORDS[] = {
    "According", "Additionally", "Afterwards", "Although", "Consequently", "Currently",
    "Despite", "During", "Earlier", "Following", "Furthermore", "However", "Instead", "Later",
    "Meanwhile", "Moreover", "Nevertheless", "Nonetheless", "Overall", "Previously",
    "Separately", "Subsequently", "Therefore",
};
#define SUBHEAD_MIN_LEN 5    /* the length of the shortest of them: keep in step */

/* Verbs of saying and doing that follow a speaker named after a glued
 * quoted phrase ('... friend of the Chinese people" Xi asked Lavrov'). */
static const char *const REPORT_VERBS[] = {
    "added", "announced", "asked", "asks", "called", "congratulated", "conveyed", "declared",
    "expressed", "hailed", "insisted", "invited", "noted", "pledged", "praised", "promised",
    "recalled", "replied", "said", "says", "stressed", "tells", "thanked", "told", "urged",
    "warned", "welcomed",
};

/* Day and month names: capitalised inside sentences all the time. */
static const char *const CALENDAR[] = {
    "April", "August", "December", "February", "Friday", "January", "July", "June", "March",
    "May", "Monday", "November", "October", "Saturday", "September", "Sunday", "Thursday",
    "Tuesday", "Wednesday",
};

#define COUNT(t) (sizeof(t) / sizeof((t)[0]))

/* True when w[0..len) spells `entry` exactly or in all capitals. */
static inline int spells(const char *w, size_t len, const char *entry)
{
    char e0 = entry[0];
    if (w[0] != e0 && w[0] != ((e0 >= 'a' && e0 <= 'z') ? e0 - 'a' + 'A' : e0)) return 0;
    if (strlen(entry) != len) return 0;
    if (memcmp(w, entry, len) == 0) return 1;
    for (size_t i = 0; i < len; i++) {
        char e = entry[i];
        char up = (e >= 'a' && e <= 'z') ? (char)(e - 'a' + 'A') : e;
        if (w[i] != up) return 0;
    }
    return 1;
}

/* Compares w[0..len) with the NUL-terminated entry, both with ASCII
 * letters in lower case: <0, 0 or >0, as strcmp (w holds no NUL). */
static inline int fold_cmp(const char *w, size_t len, const char *entry)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char a = (unsigned char)w[i], b = (unsigned char)entry[i];
        a = (unsigned char)(a >= 'A' && a <= 'Z' ? a | 0x20 : a);
        b = (unsigned char)(b >= 'A' && b <= 'Z' ? b | 0x20 : b);
        if (a != b) return a < b ? -1 : 1;       /* also at the entry's end */
    }
    return entry[len] ? -1 : 0;
}

/* Index of the entry of the word list that w[0..len) matches up to case,
 * or -1.  Lists are sorted by fold_cmp (binary search) and have no two
 * entries that differ only in case; ABBREVS are found the same way by
 * their .word, hence the stride. */
static inline long find_folded(const void *list, size_t n, size_t stride, const char *w,
                               size_t len)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const char *entry = *(const char *const *)((const char *)list + mid * stride);
        int c = fold_cmp(w, len, entry);
        if (c == 0) return (long)mid;
        if (c < 0) hi = mid; else lo = mid + 1;
    }
    return -1;
}

/* True when w[0..len) is in the word list (see spells()). */
static int in_list(const char *const *list, size_t n, const char *w, size_t len)
{
    long k = find_folded(list, n, sizeof *list, w, len);
    return k >= 0 && spells(w, len, list[k]);
}

static int is_alpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
static int is_digit(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_space(unsigned char c) { return c == ' ' || c == '\n'; }

/* True for "U.S", "a.m", "U.S.A": single letters joined by periods. */
static int is_dotted(const char *w, size_t len)
{
    if (len < 3 || len % 2 == 0) return 0;
    for (size_t i = 0; i < len; i++)
        if (i % 2 ? w[i] != '.' : !is_alpha((unsigned char)w[i])) return 0;
    return 1;
}

/* True when w[0..len) is exactly one non-ASCII letter. */
static int is_single_letter(const char *w, size_t len)
{
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)w, (utf8proc_ssize_t)len, &cp);
    if (k <= 0 || (size_t)k != len) return 0;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LL;
}

/* The class of w[0..len) in table tab (sorted as word lists are), or
 * ABBR_NONE. */
static abbrev_class lookup_abbrev(const abbrev *tab, size_t n, const char *w, size_t len)
{
    if (len > 6) return ABBR_NONE;
    long k = find_folded(tab, n, sizeof *tab, w, len);
    return k >= 0 && spells(w, len, tab[k].word) ? (abbrev_class)tab[k].cls : ABBR_NONE;
}

abbrev_class split_abbrev_class(const char *w, size_t len)
{
    if (len == 0) return ABBR_NONE;
    if (len == 1) return is_alpha((unsigned char)w[0]) ? ABBR_INITIAL : ABBR_NONE;
    int lower = is_lower((unsigned char)w[0]), caps = is_upper((unsigned char)w[1]);
    abbrev_class c = lower ? ABBR_NONE : lookup_abbrev(ABBREVS, COUNT(ABBREVS), w, len);
    if (c == ABBR_NONE && (lower || caps))
        c = lookup_abbrev(ABBREVS_LOWER, COUNT(ABBREVS_LOWER), w, len);
    if (c != ABBR_NONE) return c;
    if (is_dotted(w, len)) return ABBR_ACRONYM;
    if ((unsigned char)w[0] >= 0x80 && len <= 4 && is_single_letter(w, len)) return ABBR_INITIAL;
    return ABBR_NONE;
}

int split_is_starter(const char *w, size_t len)
{
    return len > 0 && in_list(STARTERS, COUNT(STARTERS), w, len);
}

/* ------------------------------------------------------------------ */
/* The splitter.                                                       */

#define NONE ((size_t)-1)
#define MAX_LOOK 40          /* bytes looked at behind or ahead of a boundary */

typedef struct splitter {
    const char *t;
    size_t n;
    arena *a;
    sentence *v;             /* in the arena; grown by doubling */
    size_t len, cap;
    size_t start;            /* start of the current sentence */
    /* Words in it, and those in lower case: those that start it and those
     * after the gaps (spaces, single newlines) before `counted`; the gaps
     * from `counted` on are counted when needed (count_gaps). */
    int words, lower_words;
    size_t counted;
    size_t quote_open;       /* offset of an opening '"' in it, or NONE */
} splitter;

/* True when t[s..e) holds a letter or digit. */
static int has_word(const char *t, size_t s, size_t e)
{
    for (size_t i = s; i < e; i++) {
        unsigned char c = (unsigned char)t[i];
        if (is_alpha(c) || is_digit(c) || c >= 0x80) return 1;
    }
    return 0;
}

/* Closes the current sentence at `end` (trimmed) and starts the next one
 * at `next`.  Spans without a word are not kept. */
static void end_sentence(splitter *sp, size_t end, size_t next)
{
    size_t s = sp->start;
    while (s < end && is_space((unsigned char)sp->t[s])) s++;
    while (end > s && is_space((unsigned char)sp->t[end - 1])) end--;
    if (end > s && has_word(sp->t, s, end)) {
        if (sp->len == sp->cap) {
            size_t cap = 2 * sp->cap;
            sentence *v = arena_alloc(sp->a, cap * sizeof *v);
            memcpy(v, sp->v, sp->len * sizeof *v);
            sp->v = v;
            sp->cap = cap;
        }
        sentence *x = &sp->v[sp->len++];
        memset(x, 0, sizeof *x);
        x->start = (uint32_t)s;
        x->end = (uint32_t)end;
        x->duplicate_of = -1;
    }
    sp->start = next;
    sp->words = sp->lower_words = 0;
    sp->counted = next;
    sp->quote_open = NONE;
}

/* End of the word that starts at i (letters, digits, non-ASCII). */
static size_t word_end(const char *t, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && j - i < MAX_LOOK) {
        unsigned char c = (unsigned char)t[j];
        if (!(is_alpha(c) || is_digit(c) || c >= 0x80 || c == '-' || c == '\'')) break;
        j++;
    }
    return j;
}

/* Counts the word starting at i, if one does. */
static void count_word(splitter *sp, size_t i)
{
    if (i >= sp->n) return;
    unsigned char c = (unsigned char)sp->t[i];
    if (!(is_alpha(c) || is_digit(c) || c >= 0x80)) return;
    sp->words++;
    if (is_lower(c)) sp->lower_words++;
}

/* True for a character that opens a quotation or bracket. */
static int is_opener(unsigned char c)
{
    return c == '"' || c == '\'' || c == '(' || c == '[' || c == '{';
}

/* Case of the character at i: 'U' upper, 'l' lower, 'd' digit, 'o' other.
 * Non-ASCII letters without case (CJK ...) count as upper case. */
static char char_case(const char *t, size_t n, size_t i)
{
    unsigned char c = (unsigned char)t[i];
    if (is_upper(c)) return 'U';
    if (is_lower(c)) return 'l';
    if (is_digit(c)) return 'd';
    if (c < 0x80) return 'o';
    utf8proc_int32_t cp;
    if (utf8proc_iterate((const utf8proc_uint8_t *)t + i, (utf8proc_ssize_t)(n - i), &cp) <= 0)
        return 'o';
    if (utf8proc_islower(cp)) return 'l';
    utf8proc_category_t cat = utf8proc_category(cp);
    return (cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ? 'U' : 'o';
}

/* ------------------------------------------------------------------ */
/* Rule: glued sub-heading ("... greetings to Xi During the meeting").  */

/* At the gap i (a space or single newline): true when the word after it
 * is a clause-opening word glued to a sub-heading that ends in a plain
 * word.  The caller checks that the sub-heading has three words or more
 * and one in lower case (sentence case, not a Title Case headline). */
static int glued_subheading(const splitter *sp, size_t i)
{
    const char *t = sp->t;
    size_t b = i + 1;
    if (i == 0 || b >= sp->n || !is_upper((unsigned char)t[b])) return 0;
    unsigned char prev = (unsigned char)t[i - 1];
    if (!(is_alpha(prev) || is_digit(prev) || prev >= 0x80)) return 0;
    /* Sub-heading words are all letters, SUBHEAD_MIN_LEN or more. */
    if (b + SUBHEAD_MIN_LEN > sp->n) return 0;
    for (size_t k = 1; k < SUBHEAD_MIN_LEN; k++)
        if (!is_alpha((unsigned char)t[b + k])) return 0;
    size_t e = word_end(t, sp->n, b);
    int clause = (e < sp->n && t[e] == ',') ||
                 (e + 1 < sp->n && t[e] == ' ' && char_case(t, sp->n, e + 1) == 'l');
    return clause && e - b >= SUBHEAD_MIN_LEN &&
           in_list(SUBHEAD_WORDS, COUNT(SUBHEAD_WORDS), t + b, e - b);
}

/* Counts the words after the gaps in [sp->counted, i) (see splitter). */
static void count_gaps(splitter *sp, size_t i)
{
    const char *t = sp->t;
    for (size_t g = sp->counted; g < i; g++) {
        if (!is_space((unsigned char)t[g]) || g + 1 >= sp->n) continue;
        unsigned char c = (unsigned char)t[g + 1];
        if (is_alpha(c) || is_digit(c) || c >= 0x80) sp->words++;
        if (is_lower(c)) sp->lower_words++;
    }
    if (i > sp->counted) sp->counted = i;
}

/* Handles the gap at i before an upper-case letter: splits before a word
 * that ends a glued sub-heading.  (The gap's word is counted later, by
 * count_gaps, unless it starts the next sentence.) */
static void upper_gap(splitter *sp, size_t i)
{
    if (!glued_subheading(sp, i)) return;
    count_gaps(sp, i);
    if (sp->words < 3 || !sp->lower_words) return;
    end_sentence(sp, i, i + 1);
    sp->words = 1;
}

/* ------------------------------------------------------------------ */
/* Rule: glued quoted phrase ('a "long-time friend" Xi asked Lavrov'). */

/* Bounds of the word at i in [*s, *e); false if no word starts there. */
static int next_word(const char *t, size_t n, size_t i, size_t *s, size_t *e)
{
    if (i >= n || t[i] != ' ' || i + 1 >= n) return 0;
    *s = i + 1;
    *e = word_end(t, n, *s);
    return *e > *s;
}

/* True when at least `want` words lie in t[s..e) (stops counting there). */
static int has_words(const char *t, size_t s, size_t e, int want)
{
    int w = 1;
    for (size_t i = s; i < e && w < want; i++)
        if (t[i] == ' ') w++;
    return w >= want;
}

/* The closing quote at i ends a lower-case quoted phrase of three or more
 * words opened at o, glued to "Name verb Name" (a speaker, a verb of
 * saying or doing, an object): the phrase ends a sub-heading. */
static int glued_quote(const splitter *sp, size_t o, size_t i)
{
    const char *t = sp->t;
    size_t n = sp->n, bs, be, cs, ce, ds, de;
    if (!is_alpha((unsigned char)t[i - 1]) || !is_lower((unsigned char)t[o + 1])) return 0;
    if (!has_words(t, o + 1, i, 3)) return 0;
    if (!next_word(t, n, i + 1, &bs, &be) || !next_word(t, n, be, &cs, &ce) ||
        !next_word(t, n, ce, &ds, &de)) return 0;
    if (!is_upper((unsigned char)t[bs]) || !is_upper((unsigned char)t[ds])) return 0;
    if (in_list(CALENDAR, COUNT(CALENDAR), t + bs, be - bs) ||
        in_list(CALENDAR, COUNT(CALENDAR), t + ds, de - ds)) return 0;
    return in_list(REPORT_VERBS, COUNT(REPORT_VERBS), t + cs, ce - cs);
}

/* Handles a '"' at i: remembers an opening quote; at a closing one, splits
 * after a glued quoted phrase. */
static void quote_mark(splitter *sp, size_t i)
{
    const char *t = sp->t;
    int after_gap = i == sp->start || is_space((unsigned char)t[i - 1]) ||
                    is_opener((unsigned char)t[i - 1]);
    char next = i + 1 < sp->n ? char_case(t, sp->n, i + 1) : 'o';
    if (after_gap && next != 'o') { sp->quote_open = i; return; }
    size_t o = sp->quote_open;
    sp->quote_open = NONE;
    if (o != NONE && glued_quote(sp, o, i)) end_sentence(sp, i + 1, i + 1);
}

/* ------------------------------------------------------------------ */
/* Rule: . ! ? clusters.                                                */

/* End of the cluster of . ! ? at i and the closing quotes and brackets
 * after it (bounded). */
static size_t cluster_end(const char *t, size_t n, size_t i)
{
    size_t j = i;
    while (j < n && j - i < MAX_LOOK && (t[j] == '.' || t[j] == '!' || t[j] == '?')) j++;
    while (j < n && j - i < MAX_LOOK &&
           (t[j] == '"' || t[j] == '\'' || t[j] == ')' || t[j] == ']' || t[j] == '}')) j++;
    return j;
}

/* The word before the period at i: back to white space, without the
 * opening quotes or brackets in front of it.  Empty when too long. */
static void word_before(const splitter *sp, size_t i, size_t *s)
{
    size_t j = i;
    while (j > sp->start && !is_space((unsigned char)sp->t[j - 1]) && i - j <= MAX_LOOK) j--;
    if (i - j > MAX_LOOK) { *s = i; return; }
    while (j < i && is_opener((unsigned char)sp->t[j])) j++;
    *s = j;
}

/* True when the word at w opens a sentence: an opening quote or bracket
 * before it, or a common opener word. */
static int starts_sentence(const splitter *sp, size_t k, size_t w)
{
    if (w > k) return 1;
    size_t e = word_end(sp->t, sp->n, w);
    return split_is_starter(sp->t + w, e - w);
}

/* Decides whether the period at i, whose cluster ends at q, ends the
 * sentence, given the next word's start w (after openers at k..w). */
static int period_ends(const splitter *sp, size_t i, size_t k, size_t w)
{
    char next = char_case(sp->t, sp->n, w);
    if (i + 1 < sp->n && sp->t[i + 1] == '.')               /* ellipsis */
        return starts_sentence(sp, k, w);
    size_t s;
    word_before(sp, i, &s);
    switch (split_abbrev_class(sp->t + s, i - s)) {
    case ABBR_NONE: return 1;
    case ABBR_TITLE: case ABBR_INNER: return 0;
    case ABBR_NUMBER: return next != 'd';
    default: return next != 'd' && starts_sentence(sp, k, w);
    }
}

/* True when the cluster of . ! ? at [i, q) ends the sentence. */
static int cluster_ends(const splitter *sp, size_t i, size_t q)
{
    const char *t = sp->t;
    size_t n = sp->n;
    if (q >= n) return 1;
    if (!is_space((unsigned char)t[q])) return 0;
    size_t k = q;
    while (k < n && is_space((unsigned char)t[k])) k++;
    if (k >= n) return 1;
    size_t w = k;
    while (w < n && w - k < 8 && is_opener((unsigned char)t[w])) w++;
    if (w >= n) return 1;
    char next = char_case(t, n, w);
    if (next == 'l') return 0;
    if (next == 'o' && strchr(",;:-)]}", t[w])) return 0;
    if (t[i] != '.') return 1;
    return period_ends(sp, i, k, w);
}

/* ------------------------------------------------------------------ */
/* Length cap and the main loop.                                       */

/* Cuts the current sentence, which has reached the cap at i: at its last
 * space in the second half, else at the last character boundary. */
static void force_cut(splitter *sp, size_t i)
{
    size_t j = i;
    while (j > sp->start + SPLIT_MAX_SENTENCE / 2 && !is_space((unsigned char)sp->t[j])) j--;
    if (is_space((unsigned char)sp->t[j])) {
        end_sentence(sp, j, j + 1);
    } else {
        j = i;
        while (j > sp->start + 1 && ((unsigned char)sp->t[j] & 0xC0) == 0x80) j--;
        end_sentence(sp, j, j);
    }
    sp->counted = i;         /* the scan goes on from i */
}

/* The main loop stops at a newline, at . ! ? and '"', and at a space
 * before an upper-case ASCII letter (a possible glued sub-heading).
 * Other gaps only count words, which count_gaps() does when a rule needs
 * the count. */

/* True when the main loop stops at i (< n: t[n] is the text's NUL). */
static inline int stops_at(const unsigned char *t, size_t i)
{
    unsigned char c = t[i];
    if (c == ' ') return is_upper(t[i + 1]);
    return c == '\n' || c == '.' || c == '!' || c == '?' || c == '"';
}

/* The first i in [i, lim) where the main loop stops, or lim (lim <= n). */
static size_t next_stop(const unsigned char *t, size_t i, size_t lim)
{
    for (; i + 8 <= lim; i += 8) {                /* t[i + 8] is readable */
        uint64_t x = load8(t + i), next = x >> 8 | (uint64_t)t[i + 8] << 56;
        uint64_t y = x & LANES_LO, ascii = ~x & LANES_HI;
        uint64_t marks = ~(lanes_not(y, '\n') & lanes_not(y, '.') & lanes_not(y, '!') &
                           lanes_not(y, '?') & lanes_not(y, '"')) & ascii;
        uint64_t spaces = ~lanes_not(y, ' ') & ascii;
        uint64_t stop = marks | (spaces & lanes_upper(next));
        if (stop) return i + first_lane(stop);
    }
    while (i < lim && !stops_at(t, i)) i++;
    return i;
}

/* Handles the special byte at i; returns the offset to go on from. */
static size_t special(splitter *sp, size_t i)
{
    const char *t = sp->t;
    switch (t[i]) {
    case '\n':
        if (i + 1 < sp->n && t[i + 1] == '\n') {
            end_sentence(sp, i, i + 2);
            count_word(sp, i + 2);
            return i + 2;
        }
        if (i + 1 < sp->n && is_upper((unsigned char)t[i + 1])) upper_gap(sp, i);
        return i + 1;
    case ' ': upper_gap(sp, i); return i + 1;
    case '"': quote_mark(sp, i); return i + 1;
    default: {
        size_t q = cluster_end(t, sp->n, i);
        if (cluster_ends(sp, i, q)) end_sentence(sp, q, q);
        return q;
    }
    }
}

size_t split_sentences(arena *a, doc *d)
{
    splitter sp = {.a = a, .t = d->clean, .n = d->clean_len, .quote_open = NONE};
    const unsigned char *t = (const unsigned char *)sp.t;
    sp.cap = d->clean_len / 64 + 16;
    sp.v = arena_alloc(a, sp.cap * sizeof *sp.v);
    count_word(&sp, 0);
    for (size_t i = 0; i < sp.n; ) {
        size_t lim = sp.start + SPLIT_MAX_SENTENCE < sp.n ? sp.start + SPLIT_MAX_SENTENCE : sp.n;
        i = next_stop(t, i, lim);
        if (i >= sp.start + SPLIT_MAX_SENTENCE) force_cut(&sp, i);
        else if (i < sp.n) i = special(&sp, i);
    }
    end_sentence(&sp, sp.n, sp.n);
    d->sents = sp.v;
    d->n_sents = sp.len;
    return sp.len;
}
