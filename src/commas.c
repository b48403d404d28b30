/* commas.c — see commas.h. */
#include "commas.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "deprel.h"
#include "tag.h"

int commas_active(const comma_limits *lim)
{
    return lim->max > 0 || lim->bmax > 0 || lim->emax > 0;
}

static int is_comma(const doc *d, const token *t)
{
    return t->kind == TOK_PUNCT && t->len == 1 && d->clean[t->start] == ',';
}

/* PETRARCH counts as words the tokens that begin with a letter. */
static int is_word(const token *t)
{
    return t->key && isalpha((unsigned char)t->key[0]);
}

static int is_nominal(uint8_t pos)
{
    return pos == POS_NOUN || pos == POS_PROPN || pos == POS_PRON || pos == POS_NUM ||
           pos == POS_ADJ;
}

/* Relations that stay inside a noun phrase. */
static int inside_noun_phrase(uint8_t rel)
{
    switch (rel) {
    case DEP_NMOD: case DEP_NMOD_POSS: case DEP_APPOS: case DEP_COMPOUND: case DEP_FLAT:
    case DEP_AMOD: case DEP_CONJ: case DEP_CC: case DEP_CASE: case DEP_DET: case DEP_OTHER:
        return 1;
    default:
        return 0;
    }
}

/* With a parse: the comma at c lies inside a noun phrase when words on
 * both sides of it hang from one nominal through noun-phrase relations
 * ("Dagolath, its biggest partner, officials said": the first comma is
 * inside; "complete, full diplomatic ties"; "Arnor, Gondor and Rohan").
 * A clause hung on a noun (acl, a relative clause) is not followed, so
 * "The minister, who arrived on Monday, said" has two delimiters. */
static void mark_inside_nouns(const token *t, size_t n, uint8_t *inside)
{
    int *lo = malloc(n * sizeof *lo), *hi = malloc(n * sizeof *hi);
    if (!lo || !hi) {
        free(lo);
        free(hi);
        return;
    }
    for (size_t i = 0; i < n; i++) lo[i] = hi[i] = (int)i;
    for (size_t i = 0; i < n; i++) {
        size_t child = i;
        for (size_t steps = 0; steps < n; steps++) {
            int h = t[child].head;
            if (h < 0 || (size_t)h >= n || !inside_noun_phrase(t[child].rel) ||
                !is_nominal(t[h].pos))
                break;
            if ((int)i < lo[h]) lo[h] = (int)i;
            if ((int)i > hi[h]) hi[h] = (int)i;
            child = (size_t)h;
        }
    }
    for (size_t h = 0; h < n; h++)
        for (int c = lo[h] + 1; c < hi[h]; c++) inside[c] = 1;
    free(lo);
    free(hi);
}

/* Without a parse: only a comma between two adjectives is inside a noun
 * phrase. */
static void mark_between_adjectives(const token *t, size_t n, uint8_t *inside)
{
    for (size_t c = 1; c + 1 < n; c++)
        if (t[c - 1].pos == POS_ADJ && t[c + 1].pos == POS_ADJ) inside[c] = 1;
}

static size_t count_words(const token *t, const uint8_t *gone, size_t from, size_t to)
{
    size_t k = 0;
    for (size_t i = from; i < to; i++) k += !gone[i] && is_word(&t[i]);
    return k;
}

static int within(size_t k, int lo, int hi)
{
    return hi > 0 && (long)k >= (long)lo && (long)k <= (long)hi;
}

static void drop(uint8_t *gone, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++) gone[i] = 1;
}

static int is_coordinator(const token *t)
{
    static const char *const words[] = {"and", "but", "or", "nor", "yet", NULL};
    for (const char *const *w = words; *w; w++)
        if (t->key && strcmp(t->key, *w) == 0) return 1;
    return 0;
}

/* The clause-delimiting commas still in the sentence, in order.  A comma
 * before "and", "but" ... joins what follows rather than setting it off:
 * "Arnor criticized Gondor, and Rohan attacked Osgiliath" keeps both
 * clauses, "Arnor, Rohan, and Gondor" its last name. */
static size_t delimiters(const doc *d, const token *t, size_t n, const uint8_t *inside,
                         const uint8_t *gone, size_t *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!gone[i] && !inside[i] && is_comma(d, &t[i]) &&
            !(i + 1 < n && is_coordinator(&t[i + 1])))
            out[k++] = i;
    return k;
}

/* The end of the sentence's words: before its final punctuation. */
static size_t words_end(const token *t, size_t n)
{
    size_t e = n;
    while (e > 0 && t[e - 1].kind == TOK_PUNCT && !isalpha((unsigned char)t[e - 1].key[0]))
        e--;
    return e;
}

static void mark_clauses(const doc *d, const token *t, size_t n, const comma_limits *lim,
                         const uint8_t *inside, uint8_t *gone, size_t *commas)
{
    size_t end = words_end(t, n);
    size_t nc = delimiters(d, t, n, inside, gone, commas);
    if (nc == 0) return;
    /* "After Rohan criticized Osgiliath, Gondor arrested Arnor": what
     * follows an opening adverbial clause is the main clause */
    size_t main_from = tag_opens_adverbial_clause(t[0].key) ? commas[0] : n;
    if (lim->bmax > 0 && within(count_words(t, gone, 0, commas[0]), lim->bmin, lim->bmax))
        drop(gone, 0, commas[0]);
    size_t last = commas[nc - 1];
    if (lim->emax > 0 && last < end && last != main_from &&
        within(count_words(t, gone, last + 1, end), lim->emin, lim->emax))
        drop(gone, last + 1, end);
    if (lim->max > 0)
        for (size_t k = 0; k + 1 < nc; k++)
            if (commas[k] != main_from &&
                within(count_words(t, gone, commas[k] + 1, commas[k + 1]), lim->min, lim->max))
                drop(gone, commas[k] + 1, commas[k + 1]);
    /* a comma with no word left before it, or after it, goes too */
    while ((nc = delimiters(d, t, n, inside, gone, commas)) > 0) {
        if (count_words(t, gone, 0, commas[0]) == 0) gone[commas[0]] = 1;
        else if (count_words(t, gone, commas[nc - 1] + 1, n) == 0) gone[commas[nc - 1]] = 1;
        else break;
    }
}

/* Removes the marked tokens of sentence s and closes the gap. */
static size_t compact(doc *d, size_t s, const uint8_t *gone)
{
    sentence *se = &d->sents[s];
    token *t = d->tokens + se->first_token;
    size_t n = se->n_tokens, k = 0;
    for (size_t i = 0; i < n; i++)
        if (!gone[i]) t[k++] = t[i];
    size_t removed = n - k;
    if (!removed) return 0;
    size_t tail = d->n_tokens - (se->first_token + n);
    memmove(t + k, t + n, tail * sizeof *t);
    d->n_tokens -= removed;
    se->n_tokens = (uint32_t)k;
    for (size_t r = s + 1; r < d->n_sents; r++)
        if (d->sents[r].first_token >= se->first_token + n)
            d->sents[r].first_token -= (uint32_t)removed;
    return removed;
}

size_t commas_leave_out(doc *d, size_t s, const comma_limits *lim)
{
    sentence *se = &d->sents[s];
    size_t n = se->n_tokens;
    if (n == 0 || !commas_active(lim)) return 0;
    const token *t = d->tokens + se->first_token;
    uint8_t *inside = calloc(n, 1), *gone = calloc(n, 1);
    size_t *commas = malloc(n * sizeof *commas);
    size_t removed = 0;
    if (inside && gone && commas) {
        if (se->parsed) mark_inside_nouns(t, n, inside);
        else mark_between_adjectives(t, n, inside);
        mark_clauses(d, t, n, lim, inside, gone, commas);
        removed = compact(d, s, gone);
    }
    free(inside);
    free(gone);
    free(commas);
    return removed;
}
