/* quotes.c — see quotes.h. */
#include "quotes.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "key.h"

/* Verbs that report speech, in the forms news prose uses. */
static const char *const report_words[] = {
    "say", "says", "said", "saying", "tell", "tells", "told", "add", "adds", "added",
    "stress", "stresses", "stressed", "note", "notes", "noted", "state", "states", "stated",
    "declare", "declares", "declared", "announce", "announces", "announced", "reply",
    "replies", "replied", "insist", "insists", "insisted", "explain", "explains",
    "explained", "emphasize", "emphasizes", "emphasized", "emphasise", "emphasises",
    "emphasised", "underline", "underlines", "underlined", "argue", "argues", "argued",
    "claim", "claims", "claimed", "assert", "asserts", "asserted", "affirm", "affirms",
    "affirmed", "reiterate", "reiterates", "reiterated", "remark", "remarks", "remarked",
    "write", "writes", "wrote", "tweet", "tweets", "tweeted", "warn", "warns", "warned",
    NULL};

/* Verbs whose object is the one spoken to: "Lavrov told Xi ...". */
static const char *const address_words[] = {"tell", "tells", "told", "warn", "warns",
                                            "warned", NULL};

/* Words that may stand between a speaker and the verb: "Xi also noted",
 * "Xi went on to say", "the minister later added". */
static const char *const between_words[] = {"also", "further", "later", "then", "again",
                                            "went", "goes", "go", "on", "to", "has",
                                            "have", "had", "would", "will", NULL};

/* Words that may follow a trailing "..., Lavrov said": when, and to whom. */
static const char *const time_words[] = {
    "on", "in", "at", "today", "yesterday", "tonight", "monday", "tuesday", "wednesday",
    "thursday", "friday", "saturday", "sunday", "morning", "afternoon", "evening", "night",
    "this", "last", "week", "earlier", "later", "in", "a", "an", "the", "statement",
    "interview", "news", "conference", NULL};

static int in_list(const char *const *list, const char *w)
{
    for (; *list; list++)
        if (strcmp(*list, w) == 0) return 1;
    return 0;
}

/* The reporting words by hash: every token is asked, so the question must
 * cost one probe (the word lists are too long to scan for each). */
#define CUE_SLOTS 256
static uint32_t cue_hashes[CUE_SLOTS];
static pthread_once_t cue_once = PTHREAD_ONCE_INIT;

static void fill_cue_hashes(void)
{
    for (const char *const *w = report_words; *w; w++) {
        uint32_t h = key_hash(*w, strlen(*w)) | 1u;    /* 0 marks an empty slot */
        size_t i = h % CUE_SLOTS;
        while (cue_hashes[i]) i = (i + 1) % CUE_SLOTS;
        cue_hashes[i] = h;
    }
}

/* May t be a reporting word?  (A hash match; in_list confirms.) */
static int maybe_report_word(const token *t)
{
    pthread_once(&cue_once, fill_cue_hashes);
    uint32_t h = t->hash | 1u;
    for (size_t i = h % CUE_SLOTS; cue_hashes[i]; i = (i + 1) % CUE_SLOTS)
        if (cue_hashes[i] == h) return 1;
    return 0;
}

static int key_is(const token *t, const char *w) { return t->key && strcmp(t->key, w) == 0; }

typedef struct qctx {
    const doc *d;
    const mention_list *ml;
    int *mention_at;             /* doc token -> mention index, -1 */
    quote_list *out;
} qctx;

/* Reporting words that are nouns as often ("his claims", "a note"). */
static const char *const noun_forms[] = {"claim", "claims", "note", "notes", "state",
                                         "states", "remark", "remarks", "tweet", "tweets",
                                         "reply", "replies", "stress", NULL};

/* Is t a reporting verb?  The tags of sentences that were not parsed come
 * from the lexical tagger (tag.h), which calls "replied" a noun: only the
 * forms that are nouns as often need a verb tag. */
static int is_cue(const token *t)
{
    if (t->kind != TOK_WORD || !maybe_report_word(t) || !in_list(report_words, t->key) ||
        t->pos == POS_PROPN)
        return 0;
    return !in_list(noun_forms, t->key) || (t->pos != POS_NOUN && t->pos != POS_ADJ);
}

static int mention_start(const qctx *c, int m) { return (int)c->ml->items[m].first; }
static int mention_end(const qctx *c, int m)
{
    return (int)(c->ml->items[m].first + c->ml->items[m].n);
}

/* Can mention m speak?  Not a place after "in", not a possessor. */
static int can_speak(const qctx *c, int m)
{
    const mention *x = &c->ml->items[m];
    return !x->locative && !x->possessive;
}

static int is_punct(const token *t) { return t->kind == TOK_PUNCT || t->kind == TOK_QUOTE; }

/* An opening quotation mark: a word follows it with no space between. */
static int opens_quote(const doc *d, uint32_t k, uint32_t end)
{
    const token *t = &d->tokens[k];
    if (t->kind != TOK_QUOTE || (t->flags & TOKF_SPACE_AFTER) || k + 1 >= end) return 0;
    return !is_punct(&d->tokens[k + 1]);
}

static quote *push_quote(quote_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    quote *q = &l->items[l->n++];
    memset(q, 0, sizeof *q);
    q->addressee = -1;
    return q;
}

/* The end of the words of a quote that starts at an opening mark at
 * `open`: its closing mark, searched up to `limit` (later sentences of
 * the story too); an unclosed mark, or one followed by another opening
 * first, runs to the end of its sentence `sent_end`. */
static uint32_t quote_close(const doc *d, uint32_t open, uint32_t sent_end, uint32_t limit)
{
    for (uint32_t k = open + 1; k < limit; k++) {
        if (d->tokens[k].kind != TOK_QUOTE) continue;
        if (opens_quote(d, k, limit)) return sent_end;
        return k;
    }
    return sent_end;
}

/* Trims punctuation and quotation marks from both ends of [*first, *end). */
static void trim_words(const doc *d, uint32_t *first, uint32_t *end)
{
    while (*first < *end && is_punct(&d->tokens[*first])) (*first)++;
    while (*end > *first && is_punct(&d->tokens[*end - 1])) (*end)--;
}

/* The last token of the kept sentences' text (for quotes that go on). */
static uint32_t story_token_limit(const doc *d) { return (uint32_t)d->n_tokens; }

static void add_quote(qctx *c, uint32_t s, uint32_t first, uint32_t end, int speaker,
                      int addressee, uint32_t cue)
{
    const doc *d = c->d;
    int direct = first < end && opens_quote(d, first, story_token_limit(d));
    if (direct) {
        const sentence *se = &d->sents[s];
        uint32_t close = quote_close(d, first, se->first_token + se->n_tokens,
                                     story_token_limit(d));
        if (close > end) end = close;
    }
    trim_words(d, &first, &end);
    if (first >= end) return;
    quote *q = push_quote(c->out);
    q->sent = s;
    q->first = first;
    q->end = end;
    q->speaker = speaker;
    q->addressee = addressee;
    q->cue = cue;
    q->direct = (uint8_t)direct;
}

/* The mention that ends right before token k, over words that may stand
 * between a speaker and its verb; -1 when none. */
static int speaker_before(const qctx *c, uint32_t first, uint32_t k)
{
    uint32_t p = k;
    for (int steps = 0; p > first && steps < 4; steps++) {
        const token *t = &c->d->tokens[p - 1];
        if (c->mention_at[p - 1] >= 0) break;
        if (!in_list(between_words, t->key) && t->pos != POS_ADV) return -1;
        p--;
    }
    if (p == first || c->mention_at[p - 1] < 0) return -1;
    int m = c->mention_at[p - 1];
    return mention_end(c, m) == (int)p && can_speak(c, m) ? m : -1;
}

/* In "A conveyed greetings ... and said ...", the subject of the first
 * verb: the first mention of the sentence, when it opens a clause. */
static int shared_subject(const qctx *c, uint32_t first, uint32_t k)
{
    if (k == first || !key_is(&c->d->tokens[k - 1], "and")) return -1;
    for (uint32_t p = first; p < k; p++) {
        int m = c->mention_at[p];
        if (m < 0) continue;
        int opens = p == first || is_punct(&c->d->tokens[p - 1]) ||
                    c->d->tokens[p - 1].pos == POS_DET;
        return opens && can_speak(c, m) ? m : -1;
    }
    return -1;
}

/* Do tokens [k, end) hold nothing but when it was said (and
 * punctuation)? */
static int only_when(const qctx *c, uint32_t k, uint32_t end)
{
    for (; k < end; k++) {
        const token *t = &c->d->tokens[k];
        if (is_punct(t) || t->kind == TOK_NUMBER) continue;
        if (!in_list(time_words, t->key)) return 0;
    }
    return 1;
}

/* "..., SPEAKER said [to X] [on Tuesday]." and "..., said SPEAKER.": the
 * words before the comma (or closing quotation mark) are the quote. */
static int code_trailing(qctx *c, uint32_t s, uint32_t first, uint32_t end, uint32_t k)
{
    const doc *d = c->d;
    int addressee = -1;
    uint32_t after = k + 1;
    int speaker = speaker_before(c, first, k);
    if (speaker < 0 && after < end && c->mention_at[after] >= 0 &&
        mention_start(c, c->mention_at[after]) == (int)after) {
        speaker = c->mention_at[after];               /* ", said Lavrov." */
        after = (uint32_t)mention_end(c, speaker);
        if (!can_speak(c, speaker)) return 0;
        uint32_t before = k;
        if (before == first || !is_punct(&d->tokens[before - 1])) return 0;
        if (!only_when(c, after, end)) return 0;
        add_quote(c, s, first, before - 1, speaker, -1, k);
        return 1;
    }
    if (speaker < 0) return 0;
    if (in_list(address_words, d->tokens[k].key) && after < end && c->mention_at[after] >= 0) {
        addressee = c->mention_at[after];
        after = (uint32_t)mention_end(c, addressee);
    }
    if (!only_when(c, after, end)) return 0;
    uint32_t sp = (uint32_t)mention_start(c, speaker);
    while (sp > first && d->tokens[sp - 1].pos == POS_DET) sp--;
    if (sp == first || !is_punct(&d->tokens[sp - 1])) return 0;
    add_quote(c, s, first, sp, speaker, addressee, k);
    return 1;
}

/* "SPEAKER said [that] ...", "SPEAKER told X ...", "He replied: ...". */
static int code_leading(qctx *c, uint32_t s, uint32_t first, uint32_t end, uint32_t k)
{
    const doc *d = c->d;
    int speaker = speaker_before(c, first, k);
    if (speaker < 0) speaker = shared_subject(c, first, k);
    if (speaker < 0) return 0;
    uint32_t from = k + 1;
    int addressee = -1;
    if (in_list(address_words, d->tokens[k].key) && from < end && c->mention_at[from] >= 0) {
        addressee = c->mention_at[from];
        from = (uint32_t)mention_end(c, addressee);
    }
    while (from < end && (key_is(&d->tokens[from], "that") || key_is(&d->tokens[from], ":") ||
                          key_is(&d->tokens[from], ",")))
        from++;
    if (from >= end) return 0;
    add_quote(c, s, from, end, speaker, addressee, k);
    return 1;
}

/* "According to SPEAKER, ..." and "..., according to SPEAKER." */
static int code_according(qctx *c, uint32_t s, uint32_t first, uint32_t end, uint32_t k)
{
    const doc *d = c->d;
    if (k + 1 >= end || !key_is(&d->tokens[k + 1], "to")) return 0;
    uint32_t p = k + 2;
    if (p < end && d->tokens[p].pos == POS_DET) p++;
    if (p >= end || c->mention_at[p] < 0) return 0;
    int speaker = c->mention_at[p];
    uint32_t after = (uint32_t)mention_end(c, speaker);
    if (k == first) {                                 /* "According to X, ..." */
        while (after < end && !key_is(&d->tokens[after], ",")) after++;
        add_quote(c, s, after, end, speaker, -1, k);
    } else {                                          /* "..., according to X." */
        add_quote(c, s, first, k, speaker, -1, k);
    }
    return 1;
}

/* Finds the quote cue of kept sentence s, if any; 1 when a quote was added. */
static int code_sentence_quotes(qctx *c, uint32_t s)
{
    const sentence *se = &c->d->sents[s];
    uint32_t first = se->first_token, end = first + se->n_tokens;
    for (uint32_t k = first; k < end; k++) {
        const token *t = &c->d->tokens[k];
        if (t->kind != TOK_WORD) continue;
        if (t->len == 9 && key_is(t, "according") && code_according(c, s, first, end, k))
            return 1;
        if (!is_cue(t)) continue;
        if (code_trailing(c, s, first, end, k) || code_leading(c, s, first, end, k)) return 1;
    }
    return 0;
}

/* A quotation in a sentence with no speaker of its own that follows a
 * direct quote goes on with that quote's speaker ("He replied: \"...\"
 * ... \"But we still consider it premature ...\""). */
static void continue_quote(qctx *c, uint32_t s, int prev_sent)
{
    const doc *d = c->d;
    const sentence *se = &d->sents[s];
    uint32_t first = se->first_token, end = first + se->n_tokens;
    if (c->out->n == 0 || prev_sent < 0) return;
    const quote *last = &c->out->items[c->out->n - 1];
    if (!last->direct || last->end < d->sents[prev_sent].first_token) return;
    for (uint32_t k = first; k < end; k++) {
        if (!opens_quote(d, k, end) || k < last->end) continue;
        uint32_t close = quote_close(d, k, end, story_token_limit(d));
        int speaker = last->speaker, cue = (int)last->cue;
        add_quote(c, s, k + 1, close, speaker, -1, (uint32_t)cue);
        c->out->items[c->out->n - 1].direct = 1;
        return;
    }
}

void quotes_find(const doc *d, const mention_list *ml, quote_list *out)
{
    qctx c = {d, ml, NULL, out};
    c.mention_at = xmalloc((d->n_tokens + 1) * sizeof *c.mention_at);
    for (size_t k = 0; k <= d->n_tokens; k++) c.mention_at[k] = -1;
    for (size_t m = 0; m < ml->n; m++)
        for (uint32_t k = ml->items[m].first; k < ml->items[m].first + ml->items[m].n; k++)
            c.mention_at[k] = (int)m;
    int prev = -1;
    for (size_t s = 0; s < d->n_sents; s++) {
        if (d->sents[s].status != SENT_KEPT) continue;
        uint32_t si = (uint32_t)s;
        int inside = 0;
        for (size_t q = 0; q < out->n && !inside; q++)
            inside = out->items[q].first <= d->sents[s].first_token &&
                     d->sents[s].first_token < out->items[q].end;
        if (!inside && !code_sentence_quotes(&c, si)) continue_quote(&c, si, prev);
        prev = (int)s;
    }
    free(c.mention_at);
}

int quotes_containing(const quote_list *q, uint32_t t)
{
    int best = -1;
    for (size_t k = 0; k < q->n; k++)
        if (q->items[k].first <= t && t < q->items[k].end &&
            (best < 0 || q->items[k].first >= q->items[best].first))
            best = (int)k;
    return best;
}
