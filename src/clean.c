/* clean.c — see clean.h.
 *
 * clean_text() is one forward pass over the story text.  Runs of printable
 * ASCII (with single spaces) are copied with memcpy; everything else goes
 * through a small state machine that holds back white space until the next
 * visible character (so runs collapse, line ends are trimmed and blank
 * lines become one paragraph break), and non-ASCII characters are either
 * looked up in a table (quotes, dashes, spaces, invisibles) or normalised
 * to NFC one cluster (a starter and its combining marks) at a time.
 *
 * The sentence pass (clean_sentences) is in the second half of the file:
 * boilerplate patterns over token keys, then duplicate detection with a
 * hash of word 6-grams.
 */
#include "clean.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "key.h"
#include "swar.h"

/* ------------------------------------------------------------------ */
/* Output buffer: cleaned bytes and their original offsets.            */

typedef struct sink {
    arena *a;
    char *buf;
    uint32_t *orig;
    size_t len, cap;
} sink;

/* Makes room for k more bytes (plus the final NUL / orig entry).  Grows
 * by doubling into fresh arena memory; the old arrays are abandoned. */
static void sink_reserve(sink *s, size_t k)
{
    if (s->len + k + 1 <= s->cap) return;
    size_t cap = s->cap * 2;
    if (cap < s->len + k + 1) cap = s->len + k + 1;
    char *buf = arena_alloc(s->a, cap);
    uint32_t *orig = arena_alloc(s->a, cap * sizeof *orig);
    memcpy(buf, s->buf, s->len);
    memcpy(orig, s->orig, s->len * sizeof *orig);
    s->buf = buf;
    s->orig = orig;
    s->cap = cap;
}

/* Appends n bytes that all map to original offset `at`. */
static void sink_put(sink *s, const char *p, size_t n, size_t at)
{
    sink_reserve(s, n);
    memcpy(s->buf + s->len, p, n);
    for (size_t k = 0; k < n; k++) s->orig[s->len + k] = (uint32_t)at;
    s->len += n;
}

/* Appends n bytes copied from the input at offset `at`, each mapping to
 * its own original byte. */
static void sink_copy(sink *s, const char *p, size_t n, size_t at)
{
    sink_reserve(s, n);
    memcpy(s->buf + s->len, p, n);
    uint32_t *o = s->orig + s->len;
    for (size_t k = 0; k < n; k++) o[k] = (uint32_t)(at + k);
    s->len += n;
}

/* ------------------------------------------------------------------ */
/* White space held back until the next visible character.            */

#define NONE ((size_t)-1)

typedef struct cleaner {
    const unsigned char *in;
    size_t n;
    sink out;
    size_t space_at;     /* original offset of a pending space, or NONE */
    int nl;              /* pending line breaks (counted up to 2) */
    size_t nl_at[2];     /* their original offsets */
} cleaner;

/* Records a space at original offset i (only the first of a run counts;
 * spaces after a pending line break are dropped: lines are trimmed). */
static void pend_space(cleaner *c, size_t i)
{
    if (c->nl == 0 && c->space_at == NONE) c->space_at = i;
}

/* Records a line break at original offset i; trailing spaces before it
 * are dropped. */
static void pend_newline(cleaner *c, size_t i)
{
    c->space_at = NONE;
    if (c->nl < 2) c->nl_at[c->nl] = i;
    if (c->nl < 2) c->nl++;
}

/* Emits the pending white space before a visible character: nothing at
 * the start of the text, "\n\n" for a blank line, "\n", or one space. */
static void flush_pending(cleaner *c)
{
    if (c->out.len > 0) {
        for (int k = 0; k < c->nl; k++) sink_put(&c->out, "\n", 1, c->nl_at[k]);
        if (c->nl == 0 && c->space_at != NONE) sink_put(&c->out, " ", 1, c->space_at);
    }
    c->nl = 0;
    c->space_at = NONE;
}

/* ------------------------------------------------------------------ */
/* ASCII.                                                              */

static int is_graph(unsigned char b) { return b > 0x20 && b < 0x7f; }

/* Skips, eight bytes at a time, the bytes from i that certainly belong
 * to a run of printable ASCII (a space only when a visible character
 * follows); returns where the byte-by-byte scan must take over.  Reads
 * in[j + 8], so it stops 9 bytes before n. */
static size_t swar_graph_run(const unsigned char *in, size_t j, size_t n)
{
    while (j + 9 <= n) {
        uint64_t x = load8(in + j), next = x >> 8 | (uint64_t)in[j + 8] << 56;
        uint64_t printable = lanes_in(x & LANES_LO, 0x20, 0x7e) & ~x;
        uint64_t space = ~lanes_not(x & LANES_LO, ' ') & ~x & LANES_HI;
        uint64_t graph_next = lanes_in(next & LANES_LO, 0x21, 0x7e) & ~next;
        uint64_t bad = (~printable & LANES_HI) | (space & ~graph_next);
        if (bad) return j + first_lane(bad);
        j += 8;
    }
    return j;
}

/* Copies the run of printable ASCII starting at i (single spaces between
 * visible characters included) and returns where it stops. */
static size_t ascii_run(cleaner *c, size_t i)
{
    const unsigned char *in = c->in;
    size_t j = swar_graph_run(in, i, c->n), n = c->n;
    for (;;) {
        while (j < n && is_graph(in[j])) j++;
        if (j + 1 < n && in[j] == ' ' && is_graph(in[j + 1])) j += 2;
        else break;
    }
    flush_pending(c);
    sink_copy(&c->out, (const char *)in + i, j - i, i);
    return j;
}

/* Handles one ASCII white-space or control byte at i; returns the next
 * offset.  CR LF and lone CR are line breaks; \v and \f too; other
 * controls count as spaces. */
static size_t ascii_space(cleaner *c, size_t i)
{
    unsigned char b = c->in[i];
    if (b == '\n' || b == '\v' || b == '\f') pend_newline(c, i);
    else if (b == '\r') {
        pend_newline(c, i);
        if (i + 1 < c->n && c->in[i + 1] == '\n') return i + 2;
    } else pend_space(c, i);
    return i + 1;
}

/* ------------------------------------------------------------------ */
/* Non-ASCII: the table of characters utf8proc leaves alone.           */

typedef enum {
    MAP_NONE = 0,      /* not in the table: normalise as a cluster */
    MAP_TEXT,          /* replace with a fixed string */
    MAP_SPACE,         /* white space */
    MAP_NEWLINE,       /* line break */
    MAP_PARAGRAPH,     /* paragraph break */
    MAP_DROP,          /* invisible: remove */
    MAP_SPACED_DASH,   /* em dash: " - " */
} map_kind;

typedef struct char_map {
    int32_t cp;
    uint8_t kind;
    const char *text;
} char_map;

/* Sorted by code point (bsearch). */
static const char_map CHAR_MAP[] = {
    {0x0085, MAP_NEWLINE, NULL},
    {0x00A0, MAP_SPACE, NULL},
    {0x00AB, MAP_TEXT, "\""},          /* « */
    {0x00AD, MAP_DROP, NULL},          /* soft hyphen */
    {0x00BB, MAP_TEXT, "\""},          /* » */
    {0x1680, MAP_SPACE, NULL},
    {0x2000, MAP_SPACE, NULL}, {0x2001, MAP_SPACE, NULL}, {0x2002, MAP_SPACE, NULL},
    {0x2003, MAP_SPACE, NULL}, {0x2004, MAP_SPACE, NULL}, {0x2005, MAP_SPACE, NULL},
    {0x2006, MAP_SPACE, NULL}, {0x2007, MAP_SPACE, NULL}, {0x2008, MAP_SPACE, NULL},
    {0x2009, MAP_SPACE, NULL}, {0x200A, MAP_SPACE, NULL},
    {0x200B, MAP_DROP, NULL}, {0x200C, MAP_DROP, NULL}, {0x200D, MAP_DROP, NULL},
    {0x2010, MAP_TEXT, "-"},           /* hyphen */
    {0x2011, MAP_TEXT, "-"},           /* non-breaking hyphen */
    {0x2012, MAP_TEXT, "-"},           /* figure dash */
    {0x2013, MAP_TEXT, "-"},           /* en dash */
    {0x2014, MAP_SPACED_DASH, NULL},   /* em dash */
    {0x2015, MAP_SPACED_DASH, NULL},   /* horizontal bar */
    {0x2018, MAP_TEXT, "'"}, {0x2019, MAP_TEXT, "'"},
    {0x201A, MAP_TEXT, "'"}, {0x201B, MAP_TEXT, "'"},
    {0x201C, MAP_TEXT, "\""}, {0x201D, MAP_TEXT, "\""},
    {0x201E, MAP_TEXT, "\""}, {0x201F, MAP_TEXT, "\""},
    {0x2026, MAP_TEXT, "..."},         /* ellipsis */
    {0x2028, MAP_NEWLINE, NULL},
    {0x2029, MAP_PARAGRAPH, NULL},
    {0x202F, MAP_SPACE, NULL},
    {0x2032, MAP_TEXT, "'"},           /* prime */
    {0x2033, MAP_TEXT, "\""},          /* double prime */
    {0x2039, MAP_TEXT, "'"}, {0x203A, MAP_TEXT, "'"},
    {0x205F, MAP_SPACE, NULL},
    {0x2060, MAP_DROP, NULL},
    {0x2212, MAP_TEXT, "-"},           /* minus */
    {0x3000, MAP_SPACE, NULL},
    {0xFEFF, MAP_DROP, NULL},
};

/* The table entry for cp, or NULL. */
static const char_map *lookup_map(int32_t cp)
{
    size_t lo = 0, hi = sizeof CHAR_MAP / sizeof CHAR_MAP[0];
    if (cp < 0x85 || cp > 0xFEFF) return NULL;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (CHAR_MAP[mid].cp == cp) return &CHAR_MAP[mid];
        if (CHAR_MAP[mid].cp < cp) lo = mid + 1;
        else hi = mid;
    }
    return NULL;
}

/* Applies a table entry for the character at original offset i, len
 * bytes long.  The space after a dash maps to the next character, so that
 * the dash's own bytes stay its span in the original. */
static void apply_map(cleaner *c, const char_map *m, size_t i, size_t len)
{
    switch ((map_kind)m->kind) {
    case MAP_SPACE: pend_space(c, i); break;
    case MAP_NEWLINE: pend_newline(c, i); break;
    case MAP_PARAGRAPH: pend_newline(c, i); pend_newline(c, i); break;
    case MAP_DROP: break;
    case MAP_SPACED_DASH:
        pend_space(c, i);
        flush_pending(c);
        sink_put(&c->out, "-", 1, i);
        pend_space(c, i + len);
        break;
    case MAP_TEXT:
        flush_pending(c);
        sink_put(&c->out, m->text, strlen(m->text), i);
        break;
    case MAP_NONE: break;
    }
}

/* ------------------------------------------------------------------ */
/* Non-ASCII: NFC one cluster at a time.                               */

/* Longest cluster normalised at once (Unicode's stream-safe format allows
 * 30 non-starters); longer runs of marks are cut, which keeps utf8proc's
 * canonical ordering from going quadratic on hostile input. */
#define MAX_CLUSTER_CPS 32

/* Decodes the code point at i; invalid bytes decode as -1 with length 1. */
static size_t decode(const unsigned char *in, size_t n, size_t i, int32_t *cp)
{
    utf8proc_int32_t c;
    utf8proc_ssize_t k = utf8proc_iterate(in + i, (utf8proc_ssize_t)(n - i), &c);
    if (k <= 0) { *cp = -1; return 1; }
    *cp = c;
    return (size_t)k;
}

/* True when cp can combine with what precedes it (combining marks and
 * Hangul medial vowels and final consonants). */
static int is_nonstarter(int32_t cp)
{
    if (cp >= 0x1160 && cp <= 0x11FF) return 1;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    if (p->combining_class != 0) return 1;
    return p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
           p->category == UTF8PROC_CATEGORY_ME;
}

/* True when the single code point cp is already in NFC form for sure
 * (it has no canonical decomposition). */
static int nfc_stable(int32_t cp)
{
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->decomp_seqindex == UINT16_MAX || p->decomp_type != 0;
}

/* End of the cluster that starts at i: the character there and the
 * non-starters after it. */
static size_t cluster_end(cleaner *c, size_t i)
{
    int32_t cp;
    size_t j = i + decode(c->in, c->n, i, &cp);
    for (int k = 1; k < MAX_CLUSTER_CPS && j < c->n && c->in[j] >= 0x80; k++) {
        size_t len = decode(c->in, c->n, j, &cp);
        if (cp < 0 || lookup_map(cp) || !is_nonstarter(cp)) break;
        j += len;
    }
    return j;
}

/* Emits the NFC form of in[i..j): unchanged bytes map one to one; a
 * cluster that changes maps every output byte to its start. */
static void emit_nfc(cleaner *c, size_t i, size_t j)
{
    /* Marks on a symbol, punctuation, space or nothing are left as they are: NFC may
     * reorder them, and the tokenizer cuts such a cluster in two, so the
     * pieces could no longer be traced to their own bytes. */
    int32_t base;
    decode(c->in, j, i, &base);
    utf8proc_category_t cat = base >= 0 ? utf8proc_category(base) : UTF8PROC_CATEGORY_CN;
    int letter = cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
    int number = cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO;
    if (!letter && !number) {
        sink_copy(&c->out, (const char *)c->in + i, j - i, i);
        return;
    }
    utf8proc_uint8_t *nfc = NULL;
    utf8proc_ssize_t n = utf8proc_map(c->in + i, (utf8proc_ssize_t)(j - i), &nfc,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0) sink_put(&c->out, "\xEF\xBF\xBD", 3, i);
    else if ((size_t)n == j - i && memcmp(nfc, c->in + i, j - i) == 0)
        sink_copy(&c->out, (const char *)c->in + i, j - i, i);
    else sink_put(&c->out, (const char *)nfc, (size_t)n, i);
    free(nfc);
}

/* Handles the non-ASCII character at i (and its cluster); returns the
 * next offset.  A combining mark right after an ASCII letter takes that
 * letter back out of the output so they compose together. */
static size_t non_ascii(cleaner *c, size_t i)
{
    int32_t cp;
    size_t len = decode(c->in, c->n, i, &cp);
    if (cp < 0) {                                   /* invalid: U+FFFD */
        flush_pending(c);
        sink_put(&c->out, "\xEF\xBF\xBD", 3, i);
        return i + 1;
    }
    if (cp < 0xA0 && cp != 0x85) { pend_space(c, i); return i + len; }  /* C1 */
    const char_map *m = lookup_map(cp);
    if (m) { apply_map(c, m, i, len); return i + len; }
    size_t start = i;
    if (i > 0 && c->out.len > 0 && c->out.orig[c->out.len - 1] == i - 1 &&
        is_graph(c->in[i - 1]) && is_nonstarter(cp)) {
        c->out.len--;
        start = i - 1;
    }
    size_t end = cluster_end(c, i);
    flush_pending(c);
    if (start == i && end == i + len && nfc_stable(cp))
        sink_copy(&c->out, (const char *)c->in + i, len, i);
    else emit_nfc(c, start, end);
    return end;
}

int clean_text(arena *a, doc *d)
{
    cleaner c = {0};
    c.in = (const unsigned char *)d->story->text;
    c.n = d->story->text_len;
    c.out.a = a;
    c.out.cap = c.n + 64;
    c.out.buf = arena_alloc(a, c.out.cap);
    c.out.orig = arena_alloc(a, c.out.cap * sizeof *c.out.orig);
    c.space_at = NONE;
    for (size_t i = 0; i < c.n; ) {
        unsigned char b = c.in[i];
        if (is_graph(b)) i = ascii_run(&c, i);
        else if (b < 0x80) i = ascii_space(&c, i);
        else i = non_ascii(&c, i);
    }
    c.out.buf[c.out.len] = '\0';
    c.out.orig[c.out.len] = (uint32_t)c.n;
    d->clean = c.out.buf;
    d->clean_len = c.out.len;
    d->orig = c.out.orig;
    return c.out.len ? 0 : -1;
}

/* ================================================================== */
/* Sentence pass: boilerplate.                                         */

/* Patterns over a sentence's token keys, quotes left out: a word or
 * punctuation key, "#" for any number; "^" first anchors the pattern at
 * the sentence start, "$" last means only punctuation may follow.
 * Unanchored patterns match anywhere.  Only sentences of at most
 * BOILER_MAX_TOKENS tokens are checked: credits and links are short, and
 * a long sentence that happens to start "With the contribution of ..."
 * is news. */
typedef struct bpattern {
    size_t max_tokens;       /* 0: BOILER_MAX_TOKENS */
    const char *items[14];   /* NULL-terminated */
} bpattern;

#define P(...) {0, {__VA_ARGS__, NULL}}
/* Credits that read like the start of a news sentence ("With the
 * contribution of Iran and Turkey, the talks ...") only count when the
 * whole sentence is this short. */
#define SHORT_CREDIT 12
#define PS(...) {SHORT_CREDIT, {__VA_ARGS__, NULL}}

static const bpattern BOILERPLATE[] = {
    PS("^", "with", "the", "contribution", "of"),
    PS("^", "with", "the", "contributions", "of"),
    PS("^", "with", "contributions", "from"),
    PS("^", "with", "contribution", "from"),
    PS("^", "with", "inputs", "from"),
    PS("^", "with", "input", "from"),
    P("^", "(", "with", "inputs", "from"),
    P("^", "(", "with", "input", "from"),
    PS("^", "with", "agency", "inputs"),
    PS("^", "with", "agencies", "$"),
    P("^", "agencies", "$"),
    P("^", "source", ":", "agencies"),
    P("^", "agencies", "contributed"),
    P("contributed", "to", "this", "report"),
    P("^", "additional", "reporting", "by"),
    PS("^", "with", "additional", "reporting", "by"),
    P("^", "(", "additional", "reporting", "by"),
    P("^", "(", "with", "additional", "reporting"),
    P("^", "(", "reporting", "by"),
    P("^", "(", "writing", "by"),
    P("^", "(", "editing", "by"),
    P("^", "(", "compiled", "by"),
    P(";", "editing", "by"),
    P(";", "writing", "by"),
    P("^", "this", "story", "has", "been", "published", "from", "a", "wire", "agency", "feed"),
    P("^", "this", "article", "was", "originally", "published"),
    P("^", "read", "more"),
    P("^", "read", "also"),
    P("^", "also", "read"),
    P("^", "see", "also", ":"),
    P("^", "related", ":"),
    P("^", "click", "here"),
    P("^", "copyright", "#"),
    P("^", "copyright", "\xc2\xa9"),
    P("^", "\xc2\xa9"),
    P("^", "(", "c", ")", "#"),
    P("all", "rights", "reserved"),
    P("^", "follow", "us", "on"),
    P("^", "like", "us", "on", "facebook"),
    P("^", "subscribe", "to", "our"),
    P("^", "sign", "up", "for", "our"),
    P("^", "advertisement", "$"),
};

#define BOILER_MAX_TOKENS 40

/* Words allowed lower-case in a byline's names. */
static const char *const NAME_PARTICLES[] = {
    "and", "in", "de", "van", "von", "der", "da", "al", "bin", "la", "le", "du",
};

typedef struct tokview {
    const doc *d;
    uint32_t ix[BOILER_MAX_TOKENS];   /* the sentence's tokens, quotes left out */
    size_t n;
} tokview;

static const token *tv_at(const tokview *v, size_t p) { return &v->d->tokens[v->ix[p]]; }

/* True when the pattern item matches token k. */
static int item_matches(const char *item, const token *k)
{
    if (item[0] == '#' && item[1] == '\0') return k->kind == TOK_NUMBER;
    return k->key[0] == item[0] && strcmp(k->key, item) == 0;
}

/* True when the items (from the first after any "^") match from token p. */
static int match_from(const tokview *v, size_t p, const char *const *items)
{
    for (; *items; items++, p++) {
        if (strcmp(*items, "$") == 0) {
            while (p < v->n && tv_at(v, p)->kind == TOK_PUNCT) p++;
            return p == v->n;
        }
        if (p >= v->n || !item_matches(*items, tv_at(v, p))) return 0;
    }
    return 1;
}

/* True when the pattern matches the sentence (anchored or anywhere). */
static int pattern_matches(const tokview *v, const bpattern *pat)
{
    if (strcmp(pat->items[0], "^") == 0) return match_from(v, 0, pat->items + 1);
    for (size_t p = 0; p < v->n; p++)
        if (match_from(v, p, pat->items)) return 1;
    return 0;
}

/* Lead-ins of a credit line made only of names. */
static const bpattern CREDIT_LEADS[] = {
    P("by"), P("written", "by"), P("reporting", "by"), P("writing", "by"),
    P("editing", "by"), P("compiled", "by"), P("additional", "reporting", "by"),
};

/* True when token k may be part of a name in a byline: a capitalised
 * word or a particle such as "and", "de". */
static int is_name_word(const token *k)
{
    if (k->kind != TOK_WORD) return 0;
    if (k->flags & TOKF_CAPITALIZED) return 1;
    for (size_t m = 0; m < sizeof NAME_PARTICLES / sizeof NAME_PARTICLES[0]; m++)
        if (strcmp(NAME_PARTICLES[m], k->key) == 0) return 1;
    return 0;
}

/* True for a sentence that is only a byline or credit: a capitalised
 * lead-in ("By", "Reporting by", ...) and one to six name words (and
 * punctuation), no numbers: "By Jane Doe", "Reporting by Jane Doe and
 * John Roe". */
static int is_byline(const tokview *v)
{
    if (v->n < 2 || !(tv_at(v, 0)->flags & TOKF_CAPITALIZED)) return 0;
    size_t lead = 0;
    for (size_t c = 0; c < sizeof CREDIT_LEADS / sizeof CREDIT_LEADS[0] && !lead; c++)
        if (match_from(v, 0, CREDIT_LEADS[c].items)) {
            while (CREDIT_LEADS[c].items[lead]) lead++;
        }
    if (!lead) return 0;
    int words = 0;
    for (size_t p = lead; p < v->n; p++) {
        const token *k = tv_at(v, p);
        if (k->kind == TOK_PUNCT) continue;
        if (!is_name_word(k) || ++words > 6) return 0;
    }
    return words >= 1;
}

/* The key hashes of the words that can start a boilerplate sentence
 * (first words of the anchored patterns and of the credit lead-ins) and
 * of the first words of the unanchored patterns, built once.  A hash
 * match only lets the sentence through to the real patterns. */
#define MAX_LEADS (sizeof BOILERPLATE / sizeof BOILERPLATE[0] + \
                   sizeof CREDIT_LEADS / sizeof CREDIT_LEADS[0])
static uint32_t lead_hashes[MAX_LEADS], inner_hashes[MAX_LEADS];
static size_t n_lead_hashes, n_inner_hashes;
static uint64_t inner_bloom;      /* bit (hash & 63) of each inner word */
static pthread_once_t lead_once = PTHREAD_ONCE_INIT;

static uint32_t word_key_hash(const char *w) { return key_hash(w, strlen(w)); }

static void build_leads(void)
{
    for (size_t p = 0; p < sizeof BOILERPLATE / sizeof BOILERPLATE[0]; p++) {
        const char *const *it = BOILERPLATE[p].items;
        if (strcmp(it[0], "^") == 0) lead_hashes[n_lead_hashes++] = word_key_hash(it[1]);
        else {
            inner_hashes[n_inner_hashes] = word_key_hash(it[0]);
            inner_bloom |= 1ull << (inner_hashes[n_inner_hashes++] & 63);
        }
    }
    for (size_t c = 0; c < sizeof CREDIT_LEADS / sizeof CREDIT_LEADS[0]; c++)
        lead_hashes[n_lead_hashes++] = word_key_hash(CREDIT_LEADS[c].items[0]);
}

static int hash_in(uint32_t h, const uint32_t *set, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (set[k] == h) return 1;
    return 0;
}

/* True when a pattern could match sentence s: it is short enough, and its
 * first word starts an anchored pattern or a credit, or it holds the first
 * word of an unanchored one.  Most sentences fail this cheap test, made
 * on the tokens' key hashes. */
static int may_be_boilerplate(const doc *d, const sentence *s)
{
    pthread_once(&lead_once, build_leads);
    const token *first = NULL;
    size_t words = 0;
    int inner = 0;
    for (uint32_t k = 0; k < s->n_tokens; k++) {
        const token *t = &d->tokens[s->first_token + k];
        if (t->kind == TOK_QUOTE) continue;
        if (++words > BOILER_MAX_TOKENS) return 0;
        if (!first) first = t;
        if ((inner_bloom >> (t->hash & 63)) & 1)
            inner |= hash_in(t->hash, inner_hashes, n_inner_hashes);
    }
    return first && (inner || hash_in(first->hash, lead_hashes, n_lead_hashes));
}

/* True when sentence s is boilerplate. */
static int is_boilerplate(const doc *d, const sentence *s)
{
    if (!may_be_boilerplate(d, s)) return 0;
    tokview v = {.d = d, .n = 0};
    for (uint32_t k = 0; k < s->n_tokens; k++)
        if (d->tokens[s->first_token + k].kind != TOK_QUOTE) v.ix[v.n++] = s->first_token + k;
    if (is_byline(&v)) return 1;
    for (size_t p = 0; p < sizeof BOILERPLATE / sizeof BOILERPLATE[0]; p++)
        if ((!BOILERPLATE[p].max_tokens || v.n <= BOILERPLATE[p].max_tokens) &&
            pattern_matches(&v, &BOILERPLATE[p])) return 1;
    return 0;
}

/* ================================================================== */
/* Sentence pass: duplicates.                                          */

/* A sentence's words are its tokens other than punctuation and quotes,
 * each reduced to a 64-bit hash of its key.  Sentences are visited
 * longest first (earliest first among equals); each is compared only with
 * sentences already kept, so duplicate_of always names a kept sentence
 * that is longer or as long and earlier:
 *   - exact: the same word sequence (whole-sequence hash, then verified);
 *   - contained: the sentence's words, at least DUP_GRAM of them, occur
 *     as a contiguous run in a kept sentence; or, with up to DUP_EDGE
 *     words dropped from its edges (leading and trailing together), the
 *     remaining words, at least DUP_CUT_CORE of them, do ("Sergei
 *     Lavrov's visit ... trip." inside "Lavrov's visit ... trip after
 *     ...").  A short sentence with a different edge word ("Putin said
 *     the two leaders met") says something else and is kept.  Candidates come from a hash table of the word 6-grams of
 *     kept sentences, at most DUP_PROBES per lookup, and the word
 *     comparisons of the whole story are bounded by DUP_BUDGET, so the
 *     pass stays linear in the story's length. */
#define DUP_GRAM 6
#define DUP_EDGE 2
#define DUP_CUT_CORE 10
#define DUP_PROBES 64
#define DUP_BUDGET 20000000L

typedef struct gram_entry {
    uint64_t h;        /* 0: empty */
    uint32_t sent, pos;
} gram_entry;

typedef struct dedup {
    doc *d;
    uint64_t *words;   /* word hashes of every sentence, back to back */
    size_t *off;       /* sentence k's words: words[off[k] .. off[k+1]) */
    gram_entry *grams; /* open addressing, mask + 1 slots */
    size_t gmask;
    gram_entry *whole; /* whole-sentence hashes of kept sentences */
    size_t wmask;
    long budget;
} dedup;

/* A word's 64-bit hash, spread from the token's 32-bit key hash. */
static uint64_t word_hash(const token *t)
{
    return (((uint64_t)t->hash << 32) | t->hash) * 0x9E3779B97F4A7C15ULL;
}

/* Polynomial hash of n word hashes (mod 2^64), never 0.  Being
 * polynomial, the hash of each 6-gram of a sentence follows from the one
 * before in three operations (index_kept). */
#define GRAM_BASE 0x100000001b3ULL
static uint64_t hash_words(const uint64_t *w, size_t n)
{
    uint64_t h = 0;
    for (size_t i = 0; i < n; i++) h = h * GRAM_BASE + w[i];
    return h ? h : 1;
}

static size_t n_words(const dedup *x, size_t k) { return x->off[k + 1] - x->off[k]; }
static const uint64_t *words_of(const dedup *x, size_t k) { return x->words + x->off[k]; }

/* Smallest power of two above 2n, minus one. */
static size_t table_mask(size_t n)
{
    size_t size = 16;
    while (size < 2 * n) size *= 2;
    return size - 1;
}

/* Fills x->words and x->off from the tokens. */
static void collect_words(arena *a, dedup *x)
{
    doc *d = x->d;
    x->off = arena_alloc(a, (d->n_sents + 1) * sizeof *x->off);
    x->words = arena_alloc(a, (d->n_tokens ? d->n_tokens : 1) * sizeof *x->words);
    size_t w = 0;
    for (size_t k = 0; k < d->n_sents; k++) {
        x->off[k] = w;
        const sentence *s = &d->sents[k];
        for (uint32_t t = 0; t < s->n_tokens && s->status != SENT_BOILERPLATE; t++) {
            const token *tk = &d->tokens[s->first_token + t];
            if (tk->kind != TOK_PUNCT && tk->kind != TOK_QUOTE) x->words[w++] = word_hash(tk);
        }
    }
    x->off[d->n_sents] = w;
}

/* Inserts an entry into an open-addressing table. */
static void table_put(gram_entry *t, size_t mask, uint64_t h, uint32_t sent, uint32_t pos)
{
    size_t i = (size_t)h & mask;
    while (t[i].h) i = (i + 1) & mask;
    t[i] = (gram_entry){h, sent, pos};
}

/* True when the m words a[0..m) equal kept sentence t's words from pos. */
static int run_equal(dedup *x, const uint64_t *a, size_t m, size_t t, size_t pos)
{
    if (pos + m > n_words(x, t)) return 0;
    const uint64_t *b = words_of(x, t) + pos;
    for (size_t i = 0; i < m; i++) {
        if (--x->budget < 0 || a[i] != b[i]) return 0;
    }
    return 1;
}

/* A kept sentence with exactly the words of sentence k, or -1. */
static int find_exact(dedup *x, size_t k)
{
    size_t m = n_words(x, k);
    uint64_t h = hash_words(words_of(x, k), m);
    for (size_t i = (size_t)h & x->wmask; x->whole[i].h; i = (i + 1) & x->wmask) {
        const gram_entry *e = &x->whole[i];
        if (e->h == h && n_words(x, e->sent) == m && run_equal(x, words_of(x, k), m, e->sent, 0))
            return (int)e->sent;
    }
    return -1;
}

/* A kept sentence containing the words a[0..m) as a run, or -1. */
static int find_run(dedup *x, const uint64_t *a, size_t m)
{
    uint64_t h = hash_words(a, DUP_GRAM);
    int probes = 0;
    for (size_t i = (size_t)h & x->gmask; x->grams[i].h && probes < DUP_PROBES;
         i = (i + 1) & x->gmask) {
        const gram_entry *e = &x->grams[i];
        if (e->h != h) continue;
        probes++;
        if (run_equal(x, a, m, e->sent, e->pos)) return (int)e->sent;
    }
    return -1;
}

/* A kept sentence that contains sentence k less at most DUP_EDGE edge
 * words, or -1. */
static int find_container(dedup *x, size_t k)
{
    size_t m = n_words(x, k);
    const uint64_t *w = words_of(x, k);
    for (size_t cut = 0; cut <= DUP_EDGE; cut++) {
        for (size_t lead = 0; lead <= cut; lead++) {
            if (m < cut + (cut ? DUP_CUT_CORE : DUP_GRAM) || x->budget < 0) return -1;
            int t = find_run(x, w + lead, m - cut);
            if (t >= 0) return t;
        }
    }
    return -1;
}

/* Records sentence k as kept: its whole hash and its 6-grams. */
static void index_kept(dedup *x, size_t k)
{
    size_t m = n_words(x, k);
    const uint64_t *w = words_of(x, k);
    table_put(x->whole, x->wmask, hash_words(w, m), (uint32_t)k, 0);
    if (m < DUP_GRAM) return;
    uint64_t top = 1;                      /* GRAM_BASE^(DUP_GRAM-1) */
    for (int i = 1; i < DUP_GRAM; i++) top *= GRAM_BASE;
    uint64_t h = 0;
    for (size_t i = 0; i < DUP_GRAM; i++) h = h * GRAM_BASE + w[i];
    for (size_t p = 0;; p++) {
        table_put(x->grams, x->gmask, h ? h : 1, (uint32_t)k, (uint32_t)p);
        if (p + DUP_GRAM >= m) break;
        h = (h - w[p] * top) * GRAM_BASE + w[p + DUP_GRAM];
    }
}

typedef struct by_len {
    size_t words, index;
} by_len;

/* Longest first, then earliest first. */
static int cmp_by_len(const void *pa, const void *pb)
{
    const by_len *a = pa, *b = pb;
    if (a->words != b->words) return a->words > b->words ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Sorts longest first: insertion sort for the usual few dozen sentences
 * (qsort's setup costs more there), qsort beyond. */
static void sort_by_len(by_len *v, size_t n)
{
    if (n > 64) { qsort(v, n, sizeof *v, cmp_by_len); return; }
    for (size_t i = 1; i < n; i++) {
        by_len x = v[i];
        size_t j = i;
        for (; j > 0 && cmp_by_len(&v[j - 1], &x) > 0; j--) v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Marks duplicates among the sentences that are not boilerplate. */
static void mark_duplicates(arena *a, doc *d)
{
    dedup x = {.d = d, .budget = DUP_BUDGET};
    collect_words(a, &x);
    x.gmask = table_mask(x.off[d->n_sents]);
    x.grams = arena_calloc(a, x.gmask + 1, sizeof *x.grams);
    x.wmask = table_mask(d->n_sents);
    x.whole = arena_calloc(a, x.wmask + 1, sizeof *x.whole);
    by_len *order = arena_alloc(a, (d->n_sents ? d->n_sents : 1) * sizeof *order);
    for (size_t k = 0; k < d->n_sents; k++) order[k] = (by_len){n_words(&x, k), k};
    sort_by_len(order, d->n_sents);
    for (size_t r = 0; r < d->n_sents && order[r].words > 0; r++) {
        size_t k = order[r].index;
        int t = find_exact(&x, k);
        if (t < 0) t = find_container(&x, k);
        if (t >= 0) {
            d->sents[k].status = SENT_DUPLICATE;
            d->sents[k].duplicate_of = t;
        } else index_kept(&x, k);
    }
}

size_t clean_sentences(arena *a, doc *d)
{
    for (size_t k = 0; k < d->n_sents; k++) {
        sentence *s = &d->sents[k];
        s->status = is_boilerplate(d, s) ? SENT_BOILERPLATE : SENT_KEPT;
        s->duplicate_of = -1;
        s->number = 0;
    }
    mark_duplicates(a, d);
    int n = 0;
    for (size_t k = 0; k < d->n_sents; k++)
        if (d->sents[k].status == SENT_KEPT) d->sents[k].number = ++n;
    return (size_t)n;
}
