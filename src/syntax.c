/* syntax.c — see syntax.h. */
#include "syntax.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "deprel.h"
#include "lemma.h"
#include "model.h"
#include "parser.h"
#include "tag.h"
#include "tagger.h"

#ifndef DYAD_MODEL_DIR
#define DYAD_MODEL_DIR "data/model"
#endif

#define MAX_LEMMA 256

struct syntax {
    tagger *tagger;
    parser *parser;
    parser_work *work;
    /* per-sentence scratch, grown to the longest sentence */
    const char **forms;
    const char **parse_forms;    /* the forms the parser sees (parser_forms) */
    const char **xpos_names;
    const char **alt_names;    /* the tagger's runner-up XPOS (tagger_tag_alt) */
    uint8_t *upos;
    uint16_t *xpos, *alt;
    int *heads, *labels;
    size_t cap;
    uint32_t *word_tok;        /* parser word -> sentence token */
    char *text;                /* NUL-separated forms of the sentence being parsed */
    size_t text_cap;
    uint8_t *label_rel;        /* parser label id -> dep_rel */
    uint8_t *shown_as_and;     /* a comma the parser saw as "and" (parser_forms) */
    /* the words of one part of a sentence parsed on its own (parse_subset) */
    uint32_t *part;            /* their positions in the sentence */
    uint8_t *part_of;          /* sentence word -> PART_MAIN, PART_OPENING ... */
    const char **g_forms, **g_xpos, **g_alt;
    uint8_t *g_upos;
    int *g_heads, *g_labels;
    int punct_label;           /* the parser's label id of "punct", or -1 */
    int advcl_label;           /* and of "advcl" */
    int parataxis_label;       /* and of "parataxis" */
};

const char *syntax_model_dir(const char *dir)
{
    if (dir && *dir) return dir;
    const char *env = getenv("DYAD_MODEL_DIR");
    return env && *env ? env : DYAD_MODEL_DIR;
}

static model *load_file(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char why[512] = "";
    model *m = model_load(path, why, sizeof why);
    if (!m) snprintf(err, errlen, "cannot load model %s: %s", path, why);
    return m;
}

syntax *syntax_load(const char *model_dir, char *err, size_t errlen)
{
    const char *dir = syntax_model_dir(model_dir);
    syntax *sx = xcalloc(1, sizeof *sx);
    /* The tagger and the parser copy what they need: each model file is
     * released before the next is read (lower peak memory). */
    model *m = load_file(dir, "dyad-tagger.model", err, errlen);
    if (m) sx->tagger = tagger_load(m, err, errlen);
    model_free(m);
    m = sx->tagger ? load_file(dir, "dyad-parser.model", err, errlen) : NULL;
    if (m) sx->parser = parser_from_model(m, err, errlen);
    model_free(m);
    if (!sx->parser) {
        syntax_free(sx);
        return NULL;
    }
    sx->work = parser_work_new();
    size_t nl = parser_n_labels(sx->parser);
    sx->label_rel = xcalloc(nl ? nl : 1, 1);
    sx->punct_label = sx->advcl_label = sx->parataxis_label = -1;
    for (size_t k = 0; k < nl; k++) {
        const char *name = parser_label_name(sx->parser, (int)k);
        sx->label_rel[k] = (uint8_t)deprel_from_name(name);
        if (strcmp(name, "punct") == 0) sx->punct_label = (int)k;
        if (strcmp(name, "advcl") == 0) sx->advcl_label = (int)k;
        if (strcmp(name, "parataxis") == 0) sx->parataxis_label = (int)k;
    }
    return sx;
}

void syntax_free(syntax *sx)
{
    if (!sx) return;
    if (sx->work) parser_work_free(sx->work);
    parser_free(sx->parser);
    tagger_free(sx->tagger);
    free(sx->forms);
    free(sx->parse_forms);
    free(sx->xpos_names);
    free(sx->alt_names);
    free(sx->upos);
    free(sx->xpos);
    free(sx->alt);
    free(sx->heads);
    free(sx->labels);
    free(sx->text);
    free(sx->word_tok);
    free(sx->label_rel);
    free(sx->shown_as_and);
    free(sx->part);
    free(sx->part_of);
    free(sx->g_forms);
    free(sx->g_xpos);
    free(sx->g_alt);
    free(sx->g_upos);
    free(sx->g_heads);
    free(sx->g_labels);
    free(sx);
}

static void reserve(syntax *sx, size_t n)
{
    if (n <= sx->cap) return;
    sx->cap = n * 2;
    sx->forms = xrealloc(sx->forms, sx->cap * sizeof *sx->forms);
    sx->parse_forms = xrealloc(sx->parse_forms, sx->cap * sizeof *sx->parse_forms);
    sx->xpos_names = xrealloc(sx->xpos_names, sx->cap * sizeof *sx->xpos_names);
    sx->alt_names = xrealloc(sx->alt_names, sx->cap * sizeof *sx->alt_names);
    sx->upos = xrealloc(sx->upos, sx->cap * sizeof *sx->upos);
    sx->xpos = xrealloc(sx->xpos, sx->cap * sizeof *sx->xpos);
    sx->alt = xrealloc(sx->alt, sx->cap * sizeof *sx->alt);
    sx->heads = xrealloc(sx->heads, sx->cap * sizeof *sx->heads);
    sx->labels = xrealloc(sx->labels, sx->cap * sizeof *sx->labels);
    sx->word_tok = xrealloc(sx->word_tok, sx->cap * sizeof *sx->word_tok);
    sx->shown_as_and = xrealloc(sx->shown_as_and, sx->cap);
    sx->part = xrealloc(sx->part, sx->cap * sizeof *sx->part);
    sx->part_of = xrealloc(sx->part_of, sx->cap);
    sx->g_forms = xrealloc(sx->g_forms, sx->cap * sizeof *sx->g_forms);
    sx->g_xpos = xrealloc(sx->g_xpos, sx->cap * sizeof *sx->g_xpos);
    sx->g_alt = xrealloc(sx->g_alt, sx->cap * sizeof *sx->g_alt);
    sx->g_upos = xrealloc(sx->g_upos, sx->cap);
    sx->g_heads = xrealloc(sx->g_heads, sx->cap * sizeof *sx->g_heads);
    sx->g_labels = xrealloc(sx->g_labels, sx->cap * sizeof *sx->g_labels);
}

/* Does the form hold a hyphen between letters ("Saudi-led")? */
static int is_hyphenated(const char *form)
{
    const char *h = strchr(form, '-');
    return h && h > form && h[1] != '\0' && isalpha((unsigned char)h[1]) &&
           isalpha((unsigned char)h[-1]);
}

/* The treebank splits hyphenated words ("US - based"), so the tagger never
 * saw "Saudi-led" or "Iranian-backed" whole and takes them for verbs; a
 * hyphenated word before a noun or an adjective is a compound modifier,
 * an adjective (JJ, as the Penn Treebank tags it). */
static void retag_compound_modifiers(syntax *sx, size_t n)
{
    for (size_t i = 0; i + 1 < n; i++) {
        uint8_t next = sx->upos[i + 1];
        if (sx->upos[i] == POS_VERB && is_hyphenated(sx->forms[i]) &&
            (next == POS_NOUN || next == POS_PROPN || next == POS_ADJ)) {
            sx->upos[i] = POS_ADJ;
            sx->xpos_names[i] = sx->alt_names[i] = "JJ";
        }
    }
}

static int xpos_is(const syntax *sx, size_t i, const char *name)
{
    return sx->xpos_names[i] && strcmp(sx->xpos_names[i], name) == 0;
}

static int is_finite(const syntax *sx, size_t i)
{
    return xpos_is(sx, i, "VBD") || xpos_is(sx, i, "VBZ") || xpos_is(sx, i, "VBP") ||
           xpos_is(sx, i, "MD");
}

static int is_noun_phrase_word(uint8_t upos)
{
    return upos == POS_DET || upos == POS_ADJ || upos == POS_NOUN || upos == POS_PROPN ||
           upos == POS_NUM || upos == POS_PRON;
}

static size_t parenthetical_end(const syntax *sx, size_t n, size_t c);

/* "Russian forces attacked Ukraine on Monday, officials said": the tagger,
 * trained on web text, often takes a newswire sentence's first verb for a
 * participle (VBN, a reduced relative).  A clause needs a finite verb: a
 * VBN right after the sentence's opening noun phrase (and any aside after
 * it: "Russian forces, it seems, shelled"), before a noun phrase, with no
 * finite verb up to the next comma, is the past tense.  A
 * real reduced relative is followed by its own verb ("Weapons seized last
 * year were returned") or by "by", "in" ... ("forces deployed in"). */
static void retag_opening_past(syntax *sx, size_t n)
{
    size_t i = 0;
    for (;;) {
        while (i < n && (is_noun_phrase_word(sx->upos[i]) || sx->upos[i] == POS_CCONJ ||
                         (sx->upos[i] == POS_ADP && strcmp(sx->forms[i], "of") == 0) ||
                         (sx->upos[i] == POS_PUNCT && strcmp(sx->forms[i], "-") == 0)))
            i++;
        size_t aside = i < n ? parenthetical_end(sx, n, i) : 0;   /* "The talks, it seems," */
        if (!aside) break;
        i = aside + 1;
    }
    if (i == 0 || i + 1 >= n || !xpos_is(sx, i, "VBN") || !is_noun_phrase_word(sx->upos[i + 1]))
        return;
    for (size_t k = i + 1; k < n && strcmp(sx->forms[k], ",") != 0; k++)
        if (is_finite(sx, k)) return;
    sx->xpos_names[i] = sx->alt_names[i] = "VBD";
}

/* Is the word a count above one: "two", "12", "1,500"; not "one", and
 * not a year ("In 2020 Russia attacks")? */
static int is_plural_count(const char *w)
{
    static const char *const words[] = {"two", "three", "four", "five", "six", "seven",
                                        "eight", "nine", "ten", "dozens", "hundreds",
                                        "thousands", "several", "many", NULL};
    for (const char *const *k = words; *k; k++)
        if (strcasecmp(w, *k) == 0) return 1;
    size_t digits = 0, len = strlen(w);
    for (const char *c = w; *c; c++) {
        if (isdigit((unsigned char)*c)) digits++;
        else if (*c != ',') return 0;
    }
    if (digits == 0 || (len == 4 && digits == 4)) return 0;
    return !(digits == 1 && w[0] == '1');
}

/* A verb form that may take an object: not a gerund ("the resulting two
 * scores determines"). */
static int is_verb_before_object(const syntax *sx, size_t i)
{
    return xpos_is(sx, i, "VBD") || xpos_is(sx, i, "VBZ") || xpos_is(sx, i, "VBP") ||
           xpos_is(sx, i, "VB") || xpos_is(sx, i, "VBN");
}

/* The -s forms of "be", "have" and "do", which are no plural nouns. */
static int is_auxiliary_form(const char *w)
{
    static const char *const words[] = {"is", "has", "does", "was", "'s", NULL};
    for (const char *const *k = words; *k; k++)
        if (strcasecmp(w, *k) == 0) return 1;
    return 0;
}

/* "fired two artillery shells near": a verb's object that opens with a
 * count above one is plural, so the word the tagger read as an -s verb
 * (VBZ) after the count and its nouns is the plural noun they modify
 * (NNS).  Not after a gerund, nor for a subject ("two days makes"). */
static void retag_counted_plurals(syntax *sx, size_t n)
{
    for (size_t i = 2; i < n; i++) {
        if (!xpos_is(sx, i, "VBZ") || is_auxiliary_form(sx->forms[i])) continue;
        size_t k = i;
        while (k > 0 && i - k < 3 && (xpos_is(sx, k - 1, "NN") || xpos_is(sx, k - 1, "NNS")))
            k--;
        if (k < 2 || !xpos_is(sx, k - 1, "CD") || !is_plural_count(sx->forms[k - 1]) ||
            !is_verb_before_object(sx, k - 2))
            continue;
        sx->upos[i] = POS_NOUN;
        sx->xpos_names[i] = sx->alt_names[i] = "NNS";
    }
}

/* "The government condemned the attack and promised aid to the
 * villages": after "and" or "but", a participle (VBN) before a noun phrase
 * is read as a modifier ("promised aid") when the sentence already has its
 * past-tense verb.  A second predicate is likelier: the participle is a
 * past tense too when a VBD comes before the conjunction and the word
 * before the conjunction is no adjective or participle ("new and improved
 * products"). */
static void retag_coordinated_past(syntax *sx, size_t n)
{
    int past_before = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        if (xpos_is(sx, i, "VBD")) past_before = 1;
        if (!past_before || i < 2 || sx->upos[i - 1] != POS_CCONJ || !xpos_is(sx, i, "VBN"))
            continue;
        if (strcmp(sx->forms[i - 1], "and") != 0 && strcmp(sx->forms[i - 1], "but") != 0)
            continue;
        uint8_t before = sx->upos[i - 2];
        if (before == POS_ADJ || xpos_is(sx, i - 2, "VBN") || before == POS_ADV) continue;
        uint8_t next = sx->upos[i + 1];
        if (next == POS_DET || next == POS_NOUN || next == POS_PROPN || next == POS_NUM ||
            (next == POS_ADJ && i + 2 < n && sx->upos[i + 2] != POS_PUNCT))
            sx->xpos_names[i] = sx->alt_names[i] = "VBD";
    }
}

static int is_weekday(const char *w)
{
    static const char *const days[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
                                       "Friday", "Saturday", "Sunday", NULL};
    for (const char *const *d = days; *d; d++)
        if (strcmp(w, *d) == 0) return 1;
    return 0;
}

/* "said Wednesday that ...": news puts a bare weekday after the verb,
 * which the web-text treebank hardly does, and the parser takes the day
 * for the verb's subject or object.  The parser is shown "today" (which
 * it attaches as a time modifier) in its place; the words themselves are
 * unchanged. */
static void parser_forms(syntax *sx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        sx->parse_forms[i] = sx->forms[i];
        size_t k = i;                          /* over one adverb: "said here Friday" */
        if (k > 1 && sx->upos[k - 1] == POS_ADV) k--;
        if (k > 0 && sx->upos[k - 1] == POS_VERB && is_weekday(sx->forms[i])) {
            sx->parse_forms[i] = "today";
            sx->upos[i] = POS_NOUN;
            sx->xpos_names[i] = sx->alt_names[i] = "NN";
        }
    }
}

/* The parts of a sentence parsed on their own (mark_parts): the words
 * of each are marked in sx->part_of. */
enum { PART_MAIN, PART_OPENING, PART_COMMA, PART_ASIDE };

/* The main clause's word before word i, over an aside and its commas
 * ("restore, it seems, complete, full ties": "restore"); -1 if none. */
static int main_word_before(const syntax *sx, size_t i)
{
    int k = (int)i - 1;
    while (k >= 0 && (sx->part_of[k] == PART_ASIDE || sx->part_of[k] == PART_COMMA)) k--;
    return k;
}

/* "restore complete, full diplomatic ties": right after a verb, with no
 * determiner, the parser takes the first of two adjectives split by a
 * comma for the verb's complement.  A comma between two adjectives
 * (JJ) there, the second followed by more adjectives and a noun, is shown to
 * the parser as "and", the coordination it stands for; its label is
 * punct again after the parse. */
static void parser_forms_coordinate_adjectives(syntax *sx, size_t n)
{
    for (size_t i = 1; i + 2 < n; i++) {
        if (strcmp(sx->forms[i], ",") != 0 || !xpos_is(sx, i - 1, "JJ") ||
            !xpos_is(sx, i + 1, "JJ"))
            continue;
        int v = main_word_before(sx, i - 1);
        if (v < 0 || sx->upos[v] != POS_VERB) continue;
        size_t k = i + 1;
        while (k < n && sx->upos[k] == POS_ADJ) k++;
        if (k == n || (sx->upos[k] != POS_NOUN && sx->upos[k] != POS_PROPN)) continue;
        sx->parse_forms[i] = "and";
        sx->upos[i] = POS_CCONJ;
        sx->xpos_names[i] = sx->alt_names[i] = "CC";
        sx->shown_as_and[i] = 1;
    }
}

/* Puts back what parser_forms changed for the parser alone. */
static void restore_commas(syntax *sx, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!sx->shown_as_and[i]) continue;
        sx->upos[i] = POS_PUNCT;
        sx->xpos_names[i] = sx->alt_names[i] = ",";
        if (sx->punct_label >= 0) sx->labels[i] = sx->punct_label;
    }
}

static int has_verb(const syntax *sx, size_t from, size_t to)
{
    for (size_t i = from; i < to; i++)
        if (sx->upos[i] == POS_VERB) return 1;
    return 0;
}

static int opens_with_conjunction(const syntax *sx)
{
    return tag_opens_adverbial_clause(sx->forms[0]) &&
           (sx->upos[0] == POS_SCONJ || sx->upos[0] == POS_ADV);
}

/* "Rebuked by Rohan, Gondor ...", "Speaking in Moscow, Lavrov said":
 * a participle (not "including", "according", which head no clause). */
static int opens_with_participle(const syntax *sx)
{
    return sx->upos[0] == POS_VERB &&
           (xpos_is(sx, 0, "VBN") || xpos_is(sx, 0, "VBG") || xpos_is(sx, 0, "VBD")) &&
           strcasecmp(sx->forms[0], "including") != 0 &&
           strcasecmp(sx->forms[0], "according") != 0;
}

/* "After Russia attacked Ukraine, Germany sent weapons": the greedy
 * parser, trained on web text, often runs the opening clause's object
 * into the main clause ("Ukraine" the subject of "sent", "Germany" its
 * apposition); an opening participle ("Rebuked by Rohan, Gondor
 * criticized Arnor") it makes the root, "criticized" hanging on it.  A
 * sentence that opens with a subordinating conjunction or a participle
 * and has a verb on both sides of its first comma is parsed as two: the
 * opening clause, then the main clause, whose root the opening clause's
 * root hangs on (advcl); the comma hangs on the opening clause's root
 * (punct), as the treebank has it.  Returns the comma's
 * index, or 0 when the sentence is parsed whole. */
static size_t opening_clause_end(const syntax *sx, size_t n)
{
    int participle = opens_with_participle(sx);
    if (n < 5 || !(opens_with_conjunction(sx) || participle)) return 0;
    for (size_t k = 2; k + 2 < n; k++) {
        if (strcmp(sx->forms[k], ",") != 0) continue;
        /* after a participle, a subject must follow: not "..., and" */
        if (participle && !is_noun_phrase_word(sx->upos[k + 1])) return 0;
        return has_verb(sx, 0, k) && has_verb(sx, k + 1, n) ? k : 0;
    }
    return 0;
}

/* Verbs that report or hedge in a parenthetical: "the attack,
 * officials said, killed", "is about to restore, it seems, full ties". */
static int is_parenthetical_verb(const syntax *sx, size_t i)
{
    static const char *const lemmas[] = {
        "say", "tell", "add", "note", "report", "claim", "insist", "seem", "appear",
        "believe", "think", "argue", "explain", "warn", "stress", "admit", "acknowledge",
        "write", "state", "suggest", "confirm", "announce", NULL};
    if (sx->upos[i] != POS_VERB ||
        !(xpos_is(sx, i, "VBD") || xpos_is(sx, i, "VBZ") || xpos_is(sx, i, "VBP")))
        return 0;
    char buf[MAX_LEMMA];
    const char *l = lemma_of(sx->forms[i], POS_VERB, sx->xpos_names[i], buf, sizeof buf);
    for (const char *const *k = lemmas; l && *k; k++)
        if (strcmp(l, *k) == 0) return 1;
    return 0;
}

/* When the comma at c opens a parenthetical (", officials said,", ", it
 * seems,": a short subject and a verb of saying or seeming, perhaps an
 * adverb, then a comma that goes on with the sentence), the index of its
 * closing comma, else 0.  Parsed with the sentence, such an aside takes
 * over its verb ("officials said" becomes the root, "killed" its
 * complement). */
static size_t parenthetical_end(const syntax *sx, size_t n, size_t c)
{
    if (c == 0 || strcmp(sx->forms[c], ",") != 0) return 0;
    size_t k = c + 1;
    while (k < n && k - c <= 4 && is_noun_phrase_word(sx->upos[k])) k++;
    if (k == c + 1 || k >= n || !is_parenthetical_verb(sx, k)) return 0;
    k++;
    if (k < n && sx->upos[k] == POS_ADV) k++;
    if (k + 1 >= n || strcmp(sx->forms[k], ",") != 0 || sx->upos[k + 1] == POS_CCONJ ||
        sx->upos[k + 1] == POS_PUNCT)
        return 0;
    return k;
}

/* Parses the m words of the sentence at sx->part[0..m) on their own;
 * their heads and labels go to their places in the sentence, heads
 * numbered over the whole sentence.  *root: the (first) word the part's
 * parse made its root, as a sentence index. */
static int parse_subset(syntax *sx, size_t m, int *root)
{
    for (size_t k = 0; k < m; k++) {
        size_t i = sx->part[k];
        sx->g_forms[k] = sx->parse_forms[i];
        sx->g_upos[k] = sx->upos[i];
        sx->g_xpos[k] = sx->xpos_names[i];
        sx->g_alt[k] = sx->alt_names[i];
    }
    if (parser_parse(sx->parser, sx->work, m, sx->g_forms, sx->g_upos, sx->g_xpos, sx->g_alt,
                     sx->g_heads, sx->g_labels) != 0)
        return -1;
    *root = -1;
    for (size_t k = 0; k < m; k++) {
        size_t i = sx->part[k];
        int h = sx->g_heads[k];
        sx->heads[i] = h ? (int)sx->part[h - 1] + 1 : 0;
        sx->labels[i] = sx->g_labels[k];
        if (!h && *root < 0) *root = (int)i;
    }
    return 0;
}

/* Parses the words of [from, to) marked `which` in sx->part_of as one
 * part (parse_subset); *root is -1 when there is none. */
static int parse_marked(syntax *sx, size_t from, size_t to, int which, int *root)
{
    size_t m = 0;
    for (size_t i = from; i < to; i++)
        if (sx->part_of[i] == which) sx->part[m++] = (uint32_t)i;
    return m ? parse_subset(sx, m, root) : (*root = -1, 0);
}

static void attach(syntax *sx, int dep, int head, int label)
{
    sx->heads[dep] = head + 1;
    sx->labels[dep] = label;
}

/* Marks the parts of the sentence parsed on their own: an opening
 * adverbial clause and its comma (opening_clause_end), and asides between
 * two commas in the rest (parenthetical_end).  Returns whether there is
 * any. */
static int mark_parts(syntax *sx, size_t n)
{
    memset(sx->part_of, PART_MAIN, n);
    if (sx->punct_label < 0) return 0;
    int any = 0;
    size_t from = 0;
    size_t open = sx->advcl_label >= 0 ? opening_clause_end(sx, n) : 0;
    if (open) {
        memset(sx->part_of, PART_OPENING, open);
        sx->part_of[open] = PART_COMMA;
        from = open + 1;
        any = 1;
    }
    for (size_t c = from; sx->parataxis_label >= 0 && c < n; c++) {
        size_t end = parenthetical_end(sx, n, c);
        if (!end) continue;
        sx->part_of[c] = sx->part_of[end] = PART_COMMA;
        memset(sx->part_of + c + 1, PART_ASIDE, end - c - 1);
        any = 1;
        c = end;
    }
    return any;
}

/* Parses the sentence, a part at a time when it has an opening clause or
 * asides: the main clause, then each of the others hung on its root (an
 * opening clause as advcl, an aside as parataxis), with its commas. */
static int parse_words(syntax *sx, size_t n, int parts)
{
    if (!parts)
        return parser_parse(sx->parser, sx->work, n, sx->parse_forms, sx->upos, sx->xpos_names,
                            sx->alt_names, sx->heads, sx->labels);
    int main_root, root;
    if (parse_marked(sx, 0, n, PART_MAIN, &main_root) != 0) return -1;
    if (main_root < 0) main_root = 0;
    for (size_t i = 0; i < n;) {
        if (sx->part_of[i] != PART_OPENING && sx->part_of[i] != PART_ASIDE) {
            i++;
            continue;
        }
        int which = sx->part_of[i];
        size_t end = i;
        while (end < n && sx->part_of[end] == which) end++;
        if (parse_marked(sx, i, end, which, &root) != 0) return -1;
        if (root >= 0) {
            attach(sx, root, main_root,
                   which == PART_OPENING ? sx->advcl_label : sx->parataxis_label);
            /* the commas around it hang on its root, as the treebank has them */
            if (i > 0 && sx->part_of[i - 1] == PART_COMMA) attach(sx, (int)i - 1, root, sx->punct_label);
            if (end < n && sx->part_of[end] == PART_COMMA) attach(sx, (int)end, root, sx->punct_label);
        }
        i = end;
    }
    return 0;
}

/* Tags and parses the n words of sx->forms into sx->upos, xpos,
 * xpos_names, heads and labels; 0 or -1 (out of memory). */
static int tag_and_parse(syntax *sx, size_t n)
{
    if (parser_reads_tagger_doubt(sx->parser))
        tagger_tag_alt(sx->tagger, sx->forms, n, sx->upos, sx->xpos, sx->alt);
    else
        tagger_tag(sx->tagger, sx->forms, n, sx->upos, sx->xpos);
    for (size_t i = 0; i < n; i++) {
        sx->xpos_names[i] = tagger_xpos_name(sx->tagger, sx->xpos[i]);
        sx->alt_names[i] = parser_reads_tagger_doubt(sx->parser)
                               ? tagger_xpos_name(sx->tagger, sx->alt[i])
                               : sx->xpos_names[i];
    }
    retag_compound_modifiers(sx, n);
    retag_opening_past(sx, n);
    retag_coordinated_past(sx, n);
    retag_counted_plurals(sx, n);
    memset(sx->shown_as_and, 0, n);
    parser_forms(sx, n);
    int parts = mark_parts(sx, n);
    parser_forms_coordinate_adjectives(sx, n);
    if (parse_words(sx, n, parts) != 0) return -1;
    restore_commas(sx, n);
    return 0;
}

int syntax_analyze(syntax *sx, arena *a, ud_word *words, size_t n)
{
    if (n == 0) return 0;
    reserve(sx, n);
    for (size_t i = 0; i < n; i++) sx->forms[i] = words[i].form;
    if (tag_and_parse(sx, n) != 0) return -1;
    for (size_t i = 0; i < n; i++) {
        char lemma[MAX_LEMMA];
        ud_word *w = &words[i];
        w->upos = sx->upos[i];
        w->xpos = sx->xpos_names[i];
        w->head = sx->heads[i];
        w->deprel = parser_label_name(sx->parser, sx->labels[i]);
        const char *l = lemma_of(w->form, w->upos, w->xpos, lemma, sizeof lemma);
        w->lemma = arena_strdup(a, l ? l : w->form);
    }
    return 0;
}

/* Chooses the words the parser sees: every token except the ones of a
 * name before its last.  Fills sx->word_tok (word -> sentence token) and
 * returns the number of words. */
static size_t select_words(syntax *sx, size_t n, const word_span *names, size_t n_names)
{
    size_t m = 0, k = 0;
    for (size_t i = 0; i < n; i++) {
        while (k < n_names && names[k].first + names[k].n <= i) k++;
        int inside = k < n_names && i >= names[k].first && i + 1 < names[k].first + names[k].n;
        if (!inside) sx->word_tok[m++] = (uint32_t)i;
    }
    return m;
}

/* Copies the forms of the m chosen tokens into sx->text, each
 * NUL-terminated, and points sx->forms at them. */
static void sentence_forms(syntax *sx, const doc *d, const token *toks, size_t m)
{
    size_t need = 0;
    for (size_t w = 0; w < m; w++) need += toks[sx->word_tok[w]].len + 1;
    if (need > sx->text_cap) {
        sx->text_cap = need * 2;
        sx->text = xrealloc(sx->text, sx->text_cap);
    }
    char *p = sx->text;
    for (size_t w = 0; w < m; w++) {
        const token *t = &toks[sx->word_tok[w]];
        memcpy(p, d->clean + t->start, t->len);
        p[t->len] = '\0';
        sx->forms[w] = p;
        p += t->len + 1;
    }
}

/* The tokens of a name before its last hang from the last one. */
static void attach_names(token *toks, const word_span *names, size_t n_names)
{
    for (size_t k = 0; k < n_names; k++) {
        uint32_t last = names[k].first + names[k].n - 1;
        for (uint32_t i = names[k].first; i < last; i++) {
            toks[i].head = (int32_t)last;
            toks[i].rel = DEP_FLAT;
        }
    }
}

int syntax_parse_sentence(syntax *sx, doc *d, size_t s, const word_span *names,
                          size_t n_names)
{
    sentence *se = &d->sents[s];
    size_t n = se->n_tokens;
    if (n == 0 || n > SYNTAX_MAX_TOKENS) return 0;
    token *toks = d->tokens + se->first_token;
    reserve(sx, n);
    size_t m = select_words(sx, n, names, n_names);
    sentence_forms(sx, d, toks, m);
    if (tag_and_parse(sx, m) != 0) return -1;
    for (size_t w = 0; w < m; w++) {
        token *t = &toks[sx->word_tok[w]];
        t->pos = sx->upos[w];
        t->head = sx->heads[w] ? (int32_t)sx->word_tok[sx->heads[w] - 1] : -1;
        t->rel = sx->label_rel[sx->labels[w]];
    }
    attach_names(toks, names, n_names);
    se->parsed = 1;
    return 1;
}

/* ---- evaluation ---- */


static double seconds_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Counts of correct answers over the words scored so far. */
typedef struct tally {
    size_t upos, xpos, lemma, head, label;
} tally;

static void score_sentence(const ud_sentence *gold, const ud_word *got, tally *t)
{
    for (size_t i = 0; i < gold->n; i++) {
        const ud_word *g = &gold->words[i], *w = &got[i];
        t->upos += g->upos == w->upos;
        t->xpos += strcmp(g->xpos, w->xpos) == 0;
        t->lemma += strcmp(g->lemma, w->lemma) == 0;
        if (g->head == w->head) {
            t->head++;
            t->label += deprel_same_universal(g->deprel, w->deprel);
        }
    }
}

int syntax_evaluate(syntax *sx, const treebank *gold, syntax_scores *out)
{
    memset(out, 0, sizeof *out);
    arena *a = arena_new();
    tally t = {0, 0, 0, 0, 0};
    double busy = 0;
    for (size_t s = 0; s < gold->n_sents; s++) {
        const ud_sentence *gs = &gold->sents[s];
        if (gs->n == 0) continue;
        ud_word *copy = arena_alloc(a, gs->n * sizeof *copy);
        for (size_t i = 0; i < gs->n; i++) copy[i] = (ud_word){gs->words[i].form, NULL, 0, NULL, -1, NULL, NULL};
        double t0 = seconds_now();
        int rc = syntax_analyze(sx, a, copy, gs->n);
        busy += seconds_now() - t0;
        if (rc != 0) { arena_free(a); return -1; }
        score_sentence(gs, copy, &t);
        out->sentences++;
        out->words += gs->n;
        arena_reset(a);
    }
    arena_free(a);
    double n = out->words ? (double)out->words : 1.0;
    out->upos = 100.0 * (double)t.upos / n;
    out->xpos = 100.0 * (double)t.xpos / n;
    out->lemma = 100.0 * (double)t.lemma / n;
    out->uas = 100.0 * (double)t.head / n;
    out->las = 100.0 * (double)t.label / n;
    out->seconds = busy;
    return 0;
}
