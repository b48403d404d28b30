/* pipeline.c — see pipeline.h. */
#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clean.h"
#include "code.h"
#include "commas.h"
#include "quotes.h"
#include "resolve.h"
#include "split.h"
#include "tag.h"
#include "tokenize.h"

int pipeline_text(arena *a, const story *st, doc *d)
{
    memset(d, 0, sizeof *d);
    d->story = st;
    if (clean_text(a, d) != 0) return -1;
    split_sentences(a, d);
    tokenize(a, d);
    clean_sentences(a, d);
    return 0;
}

static int story_yyyymmdd(const story *st)
{
    return st->year * 10000 + st->month * 100 + st->day;
}

/* "STORY:N" for text and JSON input; the record id for PETRARCH XML. */
static const char *sentence_id(arena *a, const story *st, const sentence *s)
{
    if (st->is_record) return st->id;
    char buf[64];
    snprintf(buf, sizeof buf, ":%d", s->number);
    size_t n = strlen(st->id), m = strlen(buf);
    char *id = arena_alloc(a, n + m + 1);
    memcpy(id, st->id, n);
    memcpy(id + n, buf, m + 1);
    return id;
}

/* Byte span of tokens [first, first+n) in the sentence text and original. */
static span token_span(const doc *d, const sentence *s, uint32_t first, uint32_t n)
{
    span sp = {0, 0, 0, 0, 0};
    if (n == 0) return sp;
    const token *a = &d->tokens[first], *b = &d->tokens[first + n - 1];
    sp.present = 1;
    sp.start = a->start - s->start;
    sp.end = b->start + b->len - s->start;
    sp.orig_start = d->orig[a->start];
    sp.orig_end = d->orig[b->start + b->len];
    return sp;
}

static const char *span_text(arena *a, const doc *d, const sentence *s, const span *sp)
{
    if (!sp->present) return NULL;
    return arena_strndup(a, d->clean + s->start + sp->start, sp->end - sp->start);
}

static span mention_span(const doc *d, const sentence *s, const mention_list *ml, int k)
{
    span none = {0, 0, 0, 0, 0};
    if (k < 0) return none;
    return token_span(d, s, ml->items[k].first, ml->items[k].n);
}

/* Turns an internal event into the record of SPEC §3. */
static void fill_event(arena *a, const doc *d, const mention_list *ml, const event *e,
                       dyad_event *out)
{
    const story *st = d->story;
    const sentence *s = &d->sents[e->sent];
    memset(out, 0, sizeof *out);
    out->story_id = st->id;
    out->sentence_id = sentence_id(a, st, s);
    out->sentence_number = s->number;
    out->story_date = st->date;
    out->date = e->date;
    out->date_text = e->date_text;
    out->source = e->source;
    out->target = e->target;
    out->src = mention_span(d, s, ml, e->src);
    out->tgt = mention_span(d, s, ml, e->tgt);
    out->verb = token_span(d, s, e->verb_first, e->verb_n);
    out->source_text = span_text(a, d, s, &out->src);
    out->target_text = span_text(a, d, s, &out->tgt);
    out->verb_text = span_text(a, d, s, &out->verb);
    memcpy(out->code, e->code, sizeof out->code);
    memcpy(out->root, e->code, 2);
    out->cameo = cameo_lookup(e->code);
    out->loc_name = e->loc_name;
    out->loc_country = e->loc_country;
    out->lat = e->lat;
    out->lon = e->lon;
    out->has_coords = e->has_coords;
    out->text = arena_strndup(a, d->clean + s->start, s->end - s->start);
    out->dict_file = e->dict_file;
    out->dict_line = e->dict_line;
    out->mentions = e->mentions ? e->mentions : 1;
    out->n_sentence_ids = e->n_sents ? e->n_sents : 1;
    out->sentence_ids = arena_alloc(a, out->n_sentence_ids * sizeof *out->sentence_ids);
    int *numbers = arena_alloc(a, out->n_sentence_ids * sizeof *numbers);
    out->sentence_ids[0] = out->sentence_id;
    numbers[0] = s->number;
    for (uint32_t k = 1; k < e->n_sents; k++) {
        out->sentence_ids[k] = sentence_id(a, st, &d->sents[e->sents[k]]);
        numbers[k] = d->sents[e->sents[k]].number;
    }
    out->sentence_numbers = numbers;
}

/* Parses sentence s, each multi-word actor mention (ml->items[first..])
 * taken as one word (syntax.h). */
static void parse_sentence(arena *a, syntax *sx, doc *d, size_t s, const mention_list *ml,
                           size_t first)
{
    uint32_t base = d->sents[s].first_token;
    word_span *names = arena_alloc(a, (ml->n - first + 1) * sizeof *names);
    size_t n = 0;
    for (size_t k = first; k < ml->n; k++)
        if (ml->items[k].n > 1) names[n++] = (word_span){ml->items[k].first - base, ml->items[k].n};
    syntax_parse_sentence(sx, d, s, names, n);
}

/* Tags (and parses), finds actors and codes every kept sentence.  Only a
 * sentence that can give an event is parsed (code_sentence_is_candidate);
 * one the parser cannot take (too long, out of memory) is coded by the
 * shallow rules. */
static void keep_dyads(event_list *ev);
static const char *apply_discards(arena *a, const dict *dc, doc *d);

static int has_comma(const doc *d, size_t s)
{
    const sentence *se = &d->sents[s];
    for (size_t i = 0; i < se->n_tokens; i++) {
        const token *t = &d->tokens[se->first_token + i];
        if (t->len == 1 && d->clean[t->start] == ',') return 1;
    }
    return 0;
}

/* The comma_* options (commas.h): with the parser the sentence is parsed
 * whole first, so that a comma inside a noun phrase is known; when a
 * clause is left out, the sentence's mentions are forgotten (their tokens
 * moved) and the sentence is tagged again: returns 1 then, else 0. */
static int leave_out_commas(arena *a, syntax *sx, const dyad_coder_options *opt, doc *d,
                            size_t s, mention_list *ml, size_t first)
{
    comma_limits lim = {opt->comma_min, opt->comma_max, opt->comma_bmin,
                        opt->comma_bmax, opt->comma_emin, opt->comma_emax};
    if (!commas_active(&lim) || !has_comma(d, s)) return 0;
    if (sx) parse_sentence(a, sx, d, s, ml, first);
    if (commas_leave_out(d, s, &lim) == 0) return 0;
    d->sents[s].parsed = 0;
    ml->n = first;
    tag_sentence(d, s);
    return 1;
}

static void code_story(arena *a, const dict *dc, syntax *sx, const dyad_coder_options *opt,
                       doc *d, mention_list *ml, event_list *ev)
{
    int date = story_yyyymmdd(d->story);
    for (size_t s = 0; s < d->n_sents; s++) {
        if (d->sents[s].status != SENT_KEPT) continue;
        tag_sentence(d, s);
        size_t first = actors_find(a, dc, d, s, date, opt->unknown_agents, ml);
        if (leave_out_commas(a, sx, opt, d, s, ml, first))
            first = actors_find(a, dc, d, s, date, opt->unknown_agents, ml);
        int new_actors = opt->new_actor_length > 0;
        if (sx && code_sentence_is_candidate(dc, d, s, ml, first, !new_actors)) {
            parse_sentence(a, sx, d, s, ml, first);
            if (new_actors) actors_add_new(a, d, s, (size_t)opt->new_actor_length, ml, first);
        }
        code_sentence(a, dc, d, s, ml, first, opt, ev);
    }
    if (opt->require_dyad) keep_dyads(ev);
    resolve_events(a, d, ev);
    resolve_merge_repeats(a, d, ev);
}

/* The words of mention m in the cleaned text, or NULL. */
static const char *mention_words(arena *a, const doc *d, const mention_list *ml, int m)
{
    if (m < 0) return NULL;
    const mention *x = &ml->items[m];
    const token *f = &d->tokens[x->first], *l = &d->tokens[x->first + x->n - 1];
    return arena_strndup(a, d->clean + f->start, l->start + l->len - f->start);
}

/* The words that name a speaker: for "he", "she" or a description ("the
 * Russian diplomat"), those of the person it stands for. */
static const char *speaker_name(arena *a, const doc *d, const mention_list *ml, int m)
{
    if (m >= 0 && ml->items[m].antecedent >= 0) m = ml->items[m].antecedent;
    return mention_words(a, d, ml, m);
}

static void fill_quote(arena *a, const doc *d, const mention_list *ml, const quote *q,
                       dyad_quote *out)
{
    const token *f = &d->tokens[q->first], *l = &d->tokens[q->end - 1];
    memset(out, 0, sizeof *out);
    out->story_id = d->story->id;
    out->sentence_id = sentence_id(a, d->story, &d->sents[q->sent]);
    out->sentence_number = d->sents[q->sent].number;
    out->direct = q->direct;
    out->speaker = mention_words(a, d, ml, q->speaker);
    out->speaker_name = speaker_name(a, d, ml, q->speaker);
    out->speaker_code = ml->items[q->speaker].code;
    out->addressee = mention_words(a, d, ml, q->addressee);
    out->addressee_code = q->addressee >= 0 ? ml->items[q->addressee].code : NULL;
    out->text = arena_strndup(a, d->clean + f->start, l->start + l->len - f->start);
    out->orig_start = d->orig[f->start];
    out->orig_end = d->orig[l->start + l->len];
}

/* A code that names an actor: not absent, not PETRARCH's null "---". */
static int is_known_code(const char *code)
{
    return code && *code && strcmp(code, "---") != 0;
}

/* require_dyad (dyad.h): keeps the events with both a source and a
 * target; "---GOV" (an official of unknown country) is a known actor. */
static void keep_dyads(event_list *ev)
{
    size_t n = 0;
    for (size_t k = 0; k < ev->n; k++)
        if (is_known_code(ev->items[k].source) && is_known_code(ev->items[k].target))
            ev->items[n++] = ev->items[k];
    ev->n = n;
}

/* "story discard \"typhoon\"": the reason a discard gives. */
static const char *discard_text(arena *a, const char *scope, const char *phrase)
{
    char buf[256];
    int n = snprintf(buf, sizeof buf, "%s discard \"%s\"", scope, phrase);
    return arena_strndup(a, buf, n < 0 ? 0 : (size_t)n < sizeof buf ? (size_t)n : sizeof buf - 1);
}

/* Applies the discards dictionary to the kept sentences: a story-level
 * phrase (written with '+') discards the story, a sentence-level one its
 * sentence.  Returns the reason when the story is discarded (a story
 * phrase, or every kept sentence discarded), else NULL. */
static const char *apply_discards(arena *a, const dict *dc, doc *d)
{
    const char *reason = NULL;
    size_t kept = 0;
    for (size_t s = 0; s < d->n_sents; s++) {
        sentence *se = &d->sents[s];
        if (se->status != SENT_KEPT) continue;
        const token *t = d->tokens + se->first_token;
        for (size_t i = 0; i < se->n_tokens && se->status == SENT_KEPT; i++) {
            int whole = 0;
            size_t len = dict_match_discard_scope(dc, t, se->n_tokens, i, &whole);
            if (!len) continue;
            const char *phrase = arena_strndup(a, d->clean + t[i].start,
                                               t[i + len - 1].start + t[i + len - 1].len - t[i].start);
            if (whole) return discard_text(a, "story", phrase);
            se->status = SENT_DISCARDED;
            reason = discard_text(a, "sentence", phrase);
        }
        kept += se->status == SENT_KEPT;
    }
    return kept ? NULL : reason;
}

static void count_sentences(struct dyad_result *r)
{
    for (size_t s = 0; s < r->d.n_sents; s++) {
        if (r->d.sents[s].status == SENT_KEPT) r->n_kept++;
        else r->n_dropped++;
    }
}

struct dyad_result *pipeline_run(arena *a, const dict *dc, syntax *sx,
                                 const dyad_coder_options *opt, const story *st)
{
    struct dyad_result *r = arena_calloc(a, 1, sizeof *r);
    r->st = st;
    if (pipeline_text(a, st, &r->d) != 0) {
        r->status = DYAD_DISCARDED;
        r->discard_reason = "no text after cleaning";
        return r;
    }
    dict_stamp_tokens(dc, r->d.tokens, r->d.n_tokens);
    const char *discard = apply_discards(a, dc, &r->d);
    count_sentences(r);
    if (discard) {
        r->status = DYAD_DISCARDED;
        r->discard_reason = discard;
        return r;
    }
    if (r->n_kept == 0) {
        r->status = DYAD_DISCARDED;
        r->discard_reason = "no sentences after cleaning";
        return r;
    }
    mention_list ml = {0};
    event_list ev = {0};
    quote_list ql = {0};
    code_story(a, dc, sx, opt, &r->d, &ml, &ev);
    quotes_find(&r->d, &ml, &ql);
    r->events = arena_calloc(a, ev.n ? ev.n : 1, sizeof *r->events);
    for (size_t k = 0; k < ev.n; k++) {
        fill_event(a, &r->d, &ml, &ev.items[k], &r->events[k]);
        int q = quotes_containing(&ql, ev.items[k].verb_first);
        if (q >= 0) {
            const quote *qu = &ql.items[q];
            r->events[k].quoted_by = speaker_name(a, &r->d, &ml, qu->speaker);
            r->events[k].quoted_by_code = ml.items[qu->speaker].code;
        }
    }
    r->n_events = ev.n;
    r->quotes = arena_calloc(a, ql.n ? ql.n : 1, sizeof *r->quotes);
    for (size_t k = 0; k < ql.n; k++) fill_quote(a, &r->d, &ml, &ql.items[k], &r->quotes[k]);
    r->n_quotes = ql.n;
    free(ml.items);
    free(ev.items);
    free(ql.items);
    return r;
}
