/* tree.c — see tree.h. */
#include "tree.h"

#include <string.h>

#include "tag.h"

/* Chains followed upwards are short in real sentences; the bound keeps a
 * malformed tree (a cycle cannot come from the parser, but cost nothing to
 * guard against) from looping. */
#define MAX_CHAIN 16

void tree_init(tree *t, arena *a, const token *toks, size_t n)
{
    t->toks = toks;
    t->n = (int)n;
    t->first_child = arena_alloc(a, (n + 1) * sizeof *t->first_child);
    t->next_sibling = arena_alloc(a, (n + 1) * sizeof *t->next_sibling);
    for (size_t i = 0; i < n; i++) t->first_child[i] = t->next_sibling[i] = -1;
    /* Right to left, so that each list ends up in text order. */
    for (size_t i = n; i-- > 0;) {
        int h = toks[i].head;
        if (h < 0 || h >= (int)n) continue;
        t->next_sibling[i] = t->first_child[h];
        t->first_child[h] = (int32_t)i;
    }
}

static dep_rel rel_of(const tree *t, int i) { return (dep_rel)t->toks[i].rel; }
static int head_of(const tree *t, int i) { return t->toks[i].head; }

int tree_is_clause(const tree *t)
{
    for (int i = 0; i < t->n; i++) {
        if (head_of(t, i) >= 0) continue;
        if (t->toks[i].pos == POS_VERB || t->toks[i].pos == POS_AUX) return 1;
        return tree_child(t, i, DEP_COP) >= 0 || tree_child(t, i, DEP_NSUBJ) >= 0 ||
               tree_child(t, i, DEP_NSUBJ_PASS) >= 0;
    }
    return 0;
}

int tree_child(const tree *t, int h, dep_rel r)
{
    if (h < 0) return -1;
    for (int c = t->first_child[h]; c >= 0; c = t->next_sibling[c])
        if (rel_of(t, c) == r) return c;
    return -1;
}

/* An article or a possessive: what a noun, never a verb, comes after. */
static int is_noun_marker(const token *k)
{
    static const char *const words[] = {"a", "an", "the", "his", "her", "its", "their", "our",
                                        "my", "your", NULL};
    if (k->kind == TOK_POSSESSIVE) return 1;
    for (const char *const *w = words; *w; w++)
        if (strcmp(k->key, *w) == 0) return 1;
    return 0;
}

int tree_is_verb(const tree *t, int v)
{
    if (t->toks[v].pos != POS_VERB) return 0;
    dep_rel r = rel_of(t, v);
    if (r == DEP_AMOD || r == DEP_COMPOUND) return 0;
    return v == 0 || !is_noun_marker(&t->toks[v - 1]);   /* "Jordan's visiting king" */
}

static int is_relative_pronoun(const tree *t, int i)
{
    const token *k = &t->toks[i];
    return (k->pos == POS_PRON || k->pos == POS_DET) && (k->lex & LEX_SUBORDINATE);
}

/* A name the parser hung on the verb with the catch-all "dep" before it,
 * and no preposition of its own: its subject in all but the label
 * ("Gollum in recent days did allow ..."). */
static int unlabelled_subject(const tree *t, int v)
{
    for (int c = t->first_child[v]; c >= 0 && c < v; c = t->next_sibling[c]) {
        uint8_t pos = t->toks[c].pos;
        if (rel_of(t, c) == DEP_OTHER && (pos == POS_PROPN || pos == POS_NOUN) &&
            tree_child(t, c, DEP_CASE) < 0)
            return c;
    }
    return -1;
}

/* v's own subject (active or passive), or -1. */
static int own_subject(const tree *t, int v)
{
    int s = tree_child(t, v, DEP_NSUBJ);
    if (s < 0) s = tree_child(t, v, DEP_NSUBJ_PASS);
    return s >= 0 ? s : unlabelled_subject(t, v);
}

int tree_subject(const tree *t, int v)
{
    for (int steps = 0; v >= 0 && steps < MAX_CHAIN; steps++) {
        int s = own_subject(t, v);
        int h = head_of(t, v);
        if (s >= 0) {
            if (rel_of(t, v) == DEP_ACL_RELCL && h >= 0 && is_relative_pronoun(t, s)) return h;
            return s;
        }
        switch (rel_of(t, v)) {
        case DEP_XCOMP: {
            int o = tree_child(t, h, DEP_OBJ);     /* object control: "urged Xi to" */
            if (o >= 0 && o < v) return o;
            v = h;
            break;
        }
        case DEP_CONJ:
        case DEP_ADVCL:                            /* "..., saying that" */
            v = h;
            break;
        case DEP_ACL:                              /* "ministers meeting in Beijing" */
        case DEP_ACL_RELCL:
            return h;
        case DEP_CCOMP: {
            /* "said the Kremlin president appreciated ...", parsed with
             * the subject as the object of "said" */
            int o = tree_child(t, h, DEP_OBJ);
            return o >= 0 && o < v ? o : -1;
        }
        default:
            return -1;
        }
    }
    return -1;
}

int tree_opens_without_subject(const tree *t, int v)
{
    int top = tree_clause_top(t, v);
    if (rel_of(t, top) != DEP_ADVCL || own_subject(t, top) >= 0) return 0;
    int h = head_of(t, top);
    int s = h >= 0 ? own_subject(t, h) : -1;
    return s > top;
}

int tree_reporter(const tree *t, int v)
{
    int top = tree_clause_top(t, v);
    if (rel_of(t, top) == DEP_CONJ) top = tree_clause_top(t, head_of(t, top));
    if (rel_of(t, top) != DEP_CCOMP || head_of(t, top) < 0) return -1;
    return tree_subject(t, head_of(t, top));
}

/* A passive subject without a passive auxiliary is trusted only after a
 * form of "be" ("it was, they say, attacked"); "it should have acted"
 * with "it" taken for nsubj:pass is a misparse. */
int tree_is_passive(const tree *t, int v)
{
    /* obl:agent marks a passive's "by" phrase, also in a participle
     * clause with no auxiliary ("Rebuked by Eriador, Osgiliath ...") */
    if (tree_child(t, v, DEP_AUX_PASS) >= 0 || tree_child(t, v, DEP_OBL_AGENT) >= 0) return 1;
    if (tree_child(t, v, DEP_NSUBJ_PASS) < 0) return 0;
    for (int k = v - 1; k >= 0; k--) {
        if (tag_is_be_form(&t->toks[k])) return 1;
        if (t->toks[k].pos != POS_ADV && t->toks[k].kind == TOK_WORD) return 0;
    }
    return 0;
}

int tree_agent(const tree *t, int v)
{
    int a = tree_child(t, v, DEP_OBL_AGENT);
    return a >= 0 ? a : tree_oblique(t, v, "by");
}

int tree_oblique(const tree *t, int v, const char *prep)
{
    for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c]) {
        if (rel_of(t, c) != DEP_OBL) continue;
        int k = tree_child(t, c, DEP_CASE);
        if (k >= 0 && strcmp(t->toks[k].key, prep) == 0) return c;
    }
    return -1;
}

/* Follows v up while it is the xcomp of another verb, asking `has` of
 * each verb on the way. */
static int up_xcomp_chain(const tree *t, int v, int (*has)(const tree *, int))
{
    for (int steps = 0; v >= 0 && steps < MAX_CHAIN; steps++) {
        if (has(t, v)) return 1;
        if (rel_of(t, v) != DEP_XCOMP) return 0;
        v = head_of(t, v);
    }
    return 0;
}

static int has_negation(const tree *t, int v)
{
    for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c])
        if ((rel_of(t, c) == DEP_ADVMOD || rel_of(t, c) == DEP_OTHER) &&
            tag_is_negation(&t->toks[c]))
            return 1;
    return 0;
}

static int has_condition_mark(const tree *t, int v)
{
    for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c])
        if (rel_of(t, c) == DEP_MARK &&
            (strcmp(t->toks[c].key, "whether") == 0 || strcmp(t->toks[c].key, "if") == 0))
            return 1;
    return 0;
}

int tree_is_hypothetical(const tree *t, int v) { return up_xcomp_chain(t, v, has_condition_mark); }
int tree_is_negated(const tree *t, int v) { return up_xcomp_chain(t, v, has_negation); }
int tree_has_modal(const tree *t, int v) { return tree_modal(t, v) >= 0; }

int tree_modal(const tree *t, int v)
{
    for (int steps = 0; v >= 0 && steps < MAX_CHAIN; steps++) {
        for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c])
            if (rel_of(t, c) == DEP_AUX && tag_is_modal(&t->toks[c])) return c;
        if (rel_of(t, v) != DEP_XCOMP) return -1;
        v = head_of(t, v);
    }
    return -1;
}

int tree_is_perfect(const tree *t, int v)
{
    for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c])
        if (rel_of(t, c) == DEP_AUX && (strcmp(t->toks[c].key, "have") == 0 ||
                                        strcmp(t->toks[c].key, "has") == 0 ||
                                        strcmp(t->toks[c].key, "had") == 0 ||
                                        strcmp(t->toks[c].key, "'ve") == 0))
            return 1;
    return 0;
}
int tree_has_object(const tree *t, int v) { return tree_child(t, v, DEP_OBJ) >= 0; }

/* A bare noun oblique ("said today", "met Saturday"): obl:tmod or
 * obl:npmod, with no preposition of its own. */
static int is_bare_oblique(const tree *t, int c)
{
    return rel_of(t, c) == DEP_OBL && tree_child(t, c, DEP_CASE) < 0;
}

int tree_has_complement(const tree *t, int v)
{
    for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c]) {
        if (c < v) continue;
        switch (rel_of(t, c)) {
        case DEP_OBJ: case DEP_IOBJ: case DEP_OBL_AGENT: case DEP_NMOD:
        case DEP_CCOMP: case DEP_XCOMP:
            return 1;
        case DEP_OBL:
            if (!is_bare_oblique(t, c)) return 1;
            break;
        default:
            break;
        }
    }
    return 0;
}

static int push(int *out, int k, int max, int tok)
{
    if (k < max) out[k++] = tok;
    return k;
}

/* The noun a relative pronoun stands for ("the deal which Iran signed":
 * the deal), else the token itself. */
static int antecedent_of(const tree *t, int v, int tok)
{
    if (tok >= 0 && is_relative_pronoun(t, tok) && rel_of(t, v) == DEP_ACL_RELCL &&
        head_of(t, v) >= 0)
        return head_of(t, v);
    return tok;
}

/* An oblique that says when, not to whom: "after the crowds burned ...",
 * "since the war", "during talks". */
static int is_temporal_oblique(const tree *t, int c)
{
    static const char *const preps[] = {"after", "before", "since", "during", "until", NULL};
    for (int k = t->first_child[c]; k >= 0; k = t->next_sibling[k]) {
        if (rel_of(t, k) != DEP_CASE) continue;
        for (const char *const *p = preps; *p; p++)
            if (strcmp(t->toks[k].key, *p) == 0) return 1;
    }
    return 0;
}

/* Objects of one verb, without descending into an xcomp. */
static int verb_objects(const tree *t, int v, int *out, int k, int max)
{
    int obj = tree_child(t, v, DEP_OBJ);
    if (obj >= 0) k = push(out, k, max, antecedent_of(t, v, obj));
    int iobj = tree_child(t, v, DEP_IOBJ);
    if (iobj >= 0) k = push(out, k, max, iobj);
    /* The object's own modifiers before the verb's obliques: "restore ties
     * with Gondor five years after Calenardhon crowds ..." is about Gondor. */
    if (obj >= 0)
        for (int c = t->first_child[obj]; c >= 0; c = t->next_sibling[c])
            if (rel_of(t, c) == DEP_NMOD) k = push(out, k, max, c);
    /* An active verb has no passive agent: a "by" phrase the parser took
     * for one belongs to the object ("condemned an attack by Osgiliath
     * soldiers") and names the target. */
    int active = !tree_is_passive(t, v);
    for (int c = t->first_child[v]; c >= 0; c = t->next_sibling[c]) {
        dep_rel r = rel_of(t, c);
        if ((r == DEP_OBL && !is_temporal_oblique(t, c)) || (r == DEP_OBL_AGENT && active))
            k = push(out, k, max, c);
    }
    return k;
}

int tree_objects(const tree *t, int v, int *out, int max)
{
    int k = verb_objects(t, v, out, 0, max);
    int x = tree_child(t, v, DEP_XCOMP);
    if (x >= 0) k = verb_objects(t, x, out, k, max);
    /* The subject of a clause after the verb ("warned that Russia ...");
     * not of a reported clause before it ("Arnor signed ..., officials
     * said"), which is what was said, not to whom. */
    int cc = tree_child(t, v, DEP_CCOMP);
    int s = cc > v ? tree_child(t, cc, DEP_NSUBJ) : -1;
    if (s >= 0) k = push(out, k, max, s);
    return k;
}

/* Does the arc into c start a clause of its own? */
static int starts_own_clause(const tree *t, int c)
{
    dep_rel r = rel_of(t, c);
    return r == DEP_ACL_RELCL || r == DEP_CCOMP || r == DEP_PARATAXIS ||
           (r == DEP_CONJ && t->toks[c].pos == POS_VERB);
}

int tree_in_phrase(const tree *t, int h, int i)
{
    for (int steps = 0; i >= 0 && steps < t->n; steps++) {
        if (i == h) return 1;
        if (starts_own_clause(t, i)) return 0;
        i = head_of(t, i);
    }
    return 0;
}

int tree_clause_top(const tree *t, int v)
{
    for (int steps = 0; steps < MAX_CHAIN && rel_of(t, v) == DEP_XCOMP && head_of(t, v) >= 0;
         steps++)
        v = head_of(t, v);
    return v;
}

/* Does child c end its head's clause span: a clause of its own, an
 * adverbial clause, or punctuation (which no pattern or place needs)? */
static int starts_clause(const tree *t, int c)
{
    return starts_own_clause(t, c) || rel_of(t, c) == DEP_ADVCL || rel_of(t, c) == DEP_PUNCT;
}

/* Min and max token of the subtree of v, not entering the children for
 * which `skip` says so (NULL: none skipped). */
static void span_of(const tree *t, arena *a, int v, int (*skip)(const tree *, int), int *first,
                    int *end)
{
    int *stack = arena_alloc(a, (size_t)t->n * sizeof *stack);
    int sp = 0, lo = v, hi = v;
    stack[sp++] = v;
    while (sp > 0) {
        int x = stack[--sp];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
        for (int c = t->first_child[x]; c >= 0; c = t->next_sibling[c])
            if ((!skip || !skip(t, c)) && sp < t->n) stack[sp++] = c;
    }
    *first = lo;
    *end = hi + 1;
}

void tree_clause_span(const tree *t, arena *a, int v, int *first, int *end)
{
    span_of(t, a, v, starts_clause, first, end);
}

void tree_subtree_span(const tree *t, arena *a, int v, int *first, int *end)
{
    span_of(t, a, v, NULL, first, end);
}
