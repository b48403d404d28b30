/* dict_verbs.c — the verb dictionary (PETRARCH CAMEO.*.txt format).
 *
 *   &CURRENCY                 a synset: '+' lines follow; plurals made
 *   +DOLLAR                   (DOLLARS) unless the label or the phrase
 *   +CASH_                    ends in '_'; "+&OTHER" copies a set
 *   --- MEET [040] ---        a block: its code is the verbs' default
 *   MEET {MEETS MET MEETING}  a verb with all its forms given
 *   VISIT [042]               a verb with its own code; forms made
 *   +CORDON_OFF               a multi-word verb, '+' on the verb word
 *   - $ * (WITH +) [040]      a pattern of the verbs listed above it
 *   ~ a (a b X) SAY = a b 1   a transformation: read and ignored
 *
 * A verb group is the run of verb lines since the last block header or
 * pattern; the patterns that follow belong to every verb of the group.
 * Of two definitions of one verb form the first is kept (as PETRARCH).
 */
#include <stdlib.h>
#include <string.h>

#include "dict_internal.h"

#define MAX_FORM_WORDS 64

typedef struct rawword { const char *s; size_t len; } rawword;

typedef struct vstate {
    int in_block;               /* a "---" header has been read */
    const char *block_code;
    long group;                 /* current verb group, -1 for none */
    int last_pattern;           /* the previous line was a pattern */
    long synset;                /* set taking '+' lines; -1 none, -2 ignore them */
    verb_pattern *pend;         /* patterns of the open group */
    size_t n_pend, cap_pend;
    pattern_elem *el;           /* elements of the pattern being read */
    size_t n_el, cap_el;
    wvec w;                     /* word ids of the phrase being read */
    int under;                  /* the last delimiter read was '_' */
    int phrase_joined;          /* that phrase began right after a '_' */
} vstate;

/* Copies the ids into the arena. */
static const uint32_t *copy_ids(dict *d, const wvec *w)
{
    uint32_t *p = arena_alloc(d->mem, (w->n ? w->n : 1) * sizeof *p);
    if (w->n) memcpy(p, w->v, w->n * sizeof *p);
    return p;
}

/* Checks a code written between [ ] and returns it (interned), or NULL
 * after reporting why it is unusable. */
static const char *read_code(loadctx *c, const char *s, size_t len)
{
    dict_trim(&s, &len);
    if (!len) { dict_problem(c, "empty [code]"); return NULL; }
    if (dict_has_blank(s, len)) { dict_problem(c, "[%.*s]: a code has no blanks", (int)len, s); return NULL; }
    return dict_intern_str(c->d, s, len);
}

/* ---- groups and blocks ---- */

/* Moves the open group's patterns into the arena. */
static void close_group(loadctx *c, vstate *v)
{
    if (v->group < 0) return;
    group_rec *g = &c->d->group[v->group];
    verb_pattern *p = arena_alloc(c->d->mem, (v->n_pend ? v->n_pend : 1) * sizeof *p);
    if (v->n_pend) memcpy(p, v->pend, v->n_pend * sizeof *p);
    g->pats = p;
    g->n = (uint32_t)v->n_pend;
    v->n_pend = 0;
    v->group = -1;
}

static void open_group(loadctx *c, vstate *v)
{
    close_group(c, v);
    group_rec *g = DICT_PUSH(c->d->group, c->d->n_groups, c->d->cap_groups);
    g->pats = NULL;
    g->n = 0;
    v->group = (long)(c->d->n_groups - 1);
}

/* "--- NAME [CODE] ---": starts a block (even when the line has problems,
 * so that its verbs do not join the block before). */
static void block_header(loadctx *c, vstate *v)
{
    close_group(c, v);
    v->in_block = 1;
    v->block_code = "---";
    const char *s = c->buf;
    while (*s == '-') s++;
    const char *open = strchr(s, '[');
    if (!open) {
        if (strchr(s, ']')) dict_problem(c, "unbalanced ']' in block header");
        return;
    }
    const char *close = strchr(open, ']');
    if (!close || memchr(open + 1, '[', (size_t)(close - open - 1))) {
        dict_problem(c, "unbalanced '[' in block header");
        return;
    }
    const char *code = read_code(c, open + 1, (size_t)(close - open - 1));
    if (code) v->block_code = code;
    const char *rest = close + 1;
    while (*rest && (dict_is_blank(*rest) || *rest == '-')) rest++;
    if (*rest == '[') dict_problem(c, "block header has more than one [code]; the first is used");
    else if (*rest) dict_problem(c, "unexpected text after the block's [code]");
}

/* ---- synsets ---- */

/* "&NAME" or "&NAME_" (no plurals): starts a synset. */
static void synset_label(loadctx *c, vstate *v)
{
    dict *d = c->d;
    const char *name = c->buf + 1;
    size_t len = strlen(name);
    int noplural = 0;
    while (len && name[len - 1] == '_') { len--; noplural = 1; }
    v->synset = -2;
    if (!len || dict_has_blank(name, len) || strpbrk(name, "{}[]()*&")) {
        dict_problem(c, "bad synset label");
        return;
    }
    if (dict_name(c, d->synset_names, name, len, NULL)) {
        dict_problem(c, "synset &%.*s is defined twice; the first definition is kept",
                     (int)len, name);
        return;
    }
    uint32_t node;
    dict_name(c, d->synset_names, name, len, &node);
    synset_rec *s = DICT_PUSH(d->synset, d->n_synsets, d->cap_synsets);
    s->name = dict_strdup(c, name, len);
    s->root = dict_new_node(d);
    s->first_phrase = (uint32_t)d->n_sphrases;
    s->n_phrases = 0;
    s->noplural = (uint8_t)noplural;
    d->node[node].a = (uint32_t)d->n_synsets;
    d->st.synsets++;
    v->synset = (long)(d->n_synsets - 1);
}

/* Adds the phrase of ids to synset v->synset. */
static void synset_add(loadctx *c, vstate *v, const uint32_t *wids, size_t n)
{
    dict *d = c->d;
    synset_rec *s = &d->synset[v->synset];
    uint32_t node = dict_insert(d, s->root, wids, n);
    if (d->node[node].a) return;          /* already there */
    d->node[node].a = 1;
    phrase_rec *p = DICT_PUSH(d->sphrase, d->n_sphrases, d->cap_sphrases);
    p->wids = wids;
    p->n = (uint32_t)n;
    s->n_phrases++;
}

/* "+&OTHER": every phrase of an earlier synset. */
static void synset_copy(loadctx *c, vstate *v, const char *name, size_t len)
{
    dict *d = c->d;
    while (len && name[len - 1] == '_') len--;
    uint32_t id = len ? dict_name(c, d->synset_names, name, len, NULL) : 0;
    if (!id) {
        dict_problem(c, "undefined synset &%.*s", (int)len, name);
        return;
    }
    if ((long)id - 1 == v->synset) return;
    const synset_rec *other = &d->synset[id - 1];
    for (uint32_t k = 0; k < other->n_phrases; k++) {
        const phrase_rec p = d->sphrase[other->first_phrase + k];
        synset_add(c, v, p.wids, p.n);
    }
}

/* "+PHRASE" under a synset label. */
static void synset_member(loadctx *c, vstate *v)
{
    if (v->synset < 0) return;            /* members of a rejected label */
    const char *s = c->buf + 1;
    size_t len = strlen(s);
    dict_trim(&s, &len);
    if (len && s[0] == '&') { synset_copy(c, v, s + 1, len - 1); return; }
    if (strpbrk(s, "{}[]*")) {
        dict_problem(c, "a synset phrase has only words");
        return;
    }
    int noplural = c->d->synset[v->synset].noplural || (len && s[len - 1] == '_');
    v->w.n = 0;
    if (!dict_add_phrase(c, s, len, &v->w)) {
        dict_problem(c, "empty synset phrase");
        return;
    }
    synset_add(c, v, copy_ids(c->d, &v->w), v->w.n);
    size_t plen = noplural ? 0 : dict_plural(c, s, len);
    if (!plen) return;
    v->w.n = 0;
    dict_add_phrase(c, c->tbuf, plen, &v->w);
    synset_add(c, v, copy_ids(c->d, &v->w), v->w.n);
}

/* ---- verbs ---- */

/* Splits a verb form ("MEET", "+CORDON_OFF", "WIRE_+TAP") into its raw
 * words (the '+' dropped) in out[0..*n); returns the index of the verb
 * word, or -1 after reporting a problem. */
static int parse_form(loadctx *c, const char *s, size_t len, rawword *out, size_t *n)
{
    size_t i = 0, plus = 0;
    int head = 0;
    *n = 0;
    while (i < len) {
        while (i < len && s[i] == '_') i++;
        size_t start = i;
        while (i < len && s[i] != '_') i++;
        if (i == start) break;
        const char *w = s + start;
        size_t wl = i - start;
        if (*w == '+') { w++; wl--; plus++; head = (int)*n; }
        if (!wl || memchr(w, '+', wl)) {
            dict_problem(c, "verb form %.*s: misplaced '+'", (int)len, s);
            return -1;
        }
        if (*n == MAX_FORM_WORDS) {
            dict_problem(c, "verb form %.*s has too many words", (int)len, s);
            return -1;
        }
        out[(*n)++] = (rawword){ w, wl };
    }
    if (!*n) { dict_problem(c, "empty verb form"); return -1; }
    if (plus > 1 || (*n > 1 && plus == 0)) {
        dict_problem(c, "multi-word verb %.*s needs one '+' before its verb word",
                     (int)len, s);
        return -1;
    }
    return head;
}

static int is_letter(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static char upper(char ch)
{
    return (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
}

/* The regular inflection `which` (0: -s, 1: -ed, 2: -ing) of verb w into
 * c->tbuf; returns its length, or 0 when w does not end in a letter.
 *   -s:   -es after s x z ch sh and consonant + o; consonant + y -> -ies;
 *         else -s
 *   -ed:  -d after e; consonant + y -> -ied; else -ed
 *   -ing: ie -> -ying; e after a consonant is dropped; else -ing
 * PETRARCH's rules, except that it also turns vowel + y into -ies and
 * never makes -ied, -ches, -shes, -oes or -ying; nothing doubles a consonant. */
static size_t inflect(loadctx *c, const char *w, size_t len, int which)
{
    if (!len || !is_letter(w[len - 1])) return 0;
    char last = upper(w[len - 1]), prev = len > 1 ? upper(w[len - 2]) : '\0';
    int lower = w[len - 1] >= 'a' && w[len - 1] <= 'z';
    int cons_y = last == 'Y' && len > 1 && is_letter(prev) && !strchr("AEIOU", prev);
    size_t keep = len;
    const char *add;
    if (which == 0) {
        add = "S";
        if (strchr("SXZ", last) || (last == 'H' && (prev == 'C' || prev == 'S')) ||
            (last == 'O' && len > 1 && is_letter(prev) && !strchr("AEIOU", prev)))
            add = "ES";
        else if (cons_y) { keep--; add = "IES"; }
    } else if (which == 1) {
        add = last == 'E' ? "D" : "ED";
        if (cons_y) { keep--; add = "IED"; }
    } else {
        add = "ING";
        if (last == 'E' && prev == 'I') { keep -= 2; add = "YING"; }
        else if (last == 'E' && len > 2 && !strchr("AEIOU", prev)) keep--;
    }
    size_t need = keep + strlen(add) + 1;
    if (need > c->tbuf_cap) c->tbuf = dict_grow(c->tbuf, &c->tbuf_cap, need, 1);
    memcpy(c->tbuf, w, keep);
    size_t n = keep;
    for (size_t i = 0; add[i]; i++) c->tbuf[n++] = lower ? (char)(add[i] - 'A' + 'a') : add[i];
    c->tbuf[n] = '\0';
    return n;
}

/* A verb defined again in a later block ("--- SHOT [---] ---" ... "---
 * SHOT [223] ---") keeps the first block's code, and the later block's
 * patterns are tried too: they are chained from the first. */
static void chain_same_name(dict *d, uint32_t first, uint32_t verb)
{
    if (first == verb || strcmp(d->verb[first].name, d->verb[verb].name) != 0) return;
    uint32_t k = first;
    while (d->verb[k].same_name) {
        if (d->verb[k].same_name == verb + 1) return;
        k = d->verb[k].same_name - 1;
    }
    d->verb[k].same_name = verb + 1;
}

/* Stores one form of verb `verb`: the raw words with the verb word
 * (index head) written as hw[0..hl).  The first verb to claim a form
 * keeps it. */
static void add_form(loadctx *c, vstate *v, uint32_t verb, const rawword *rw, size_t n,
                     size_t head, const char *hw, size_t hl)
{
    dict *d = c->d;
    size_t head_at = 0;
    v->w.n = 0;
    for (size_t k = 0; k < n; k++) {
        if (k == head) {
            head_at = v->w.n;
            dict_add_raw_word(c, hw, hl, &v->w);
        } else {
            dict_add_raw_word(c, rw[k].s, rw[k].len, &v->w);
        }
    }
    uint32_t node = dict_insert(d, d->verb_root, v->w.v, v->w.n);
    if (d->node[node].a) {
        chain_same_name(d, d->node[node].a - 1, verb);
        return;
    }
    d->node[node].a = verb + 1;
    d->node[node].b = (uint32_t)head_at;
    d->st.verb_forms++;
}

/* Stores the form s[0..len) (already checked by parse_form), and when
 * `regular`, its regular inflections too. */
static void add_forms(loadctx *c, vstate *v, uint32_t verb, const char *s, size_t len,
                      int regular)
{
    rawword rw[MAX_FORM_WORDS];
    size_t n;
    int head = parse_form(c, s, len, rw, &n);
    if (head < 0) return;
    add_form(c, v, verb, rw, n, (size_t)head, rw[head].s, rw[head].len);
    for (int which = 0; regular && which < 3; which++) {
        size_t fl = inflect(c, rw[head].s, rw[head].len, which);
        if (fl) add_form(c, v, verb, rw, n, (size_t)head, c->tbuf, fl);
    }
}

/* Next form in a {...} list (separated by blanks or commas): sets *s and
 * *len; returns 0 when there is none left. */
static int next_listed(const char **p, const char *end, const char **s, size_t *len)
{
    while (*p < end && (dict_is_blank(**p) || **p == ',')) (*p)++;
    if (*p >= end) return 0;
    *s = *p;
    while (*p < end && !dict_is_blank(**p) && **p != ',') (*p)++;
    *len = (size_t)(*p - *s);
    return 1;
}

/* The parts of a verb line: "HEAD {FORMS} [CODE]". */
typedef struct verbline {
    const char *head, *forms, *code;
    size_t head_len, forms_len, code_len;
    int has_forms, has_code;
} verbline;

/* A multi-word verb written with blanks ("LASH OUT" in a block of
 * PETRARCH's validation dictionary): read as the same words joined with
 * '_', the verb word being the first unless a '+' marks another, as
 * "+LASH_OUT".  (The format documents '_' and '+'; PETRARCH2's reader
 * takes the blank-separated words one by one, which never matches the
 * phrase.)  vl->head then points into the arena. */
static void join_spaced_verb(loadctx *c, verbline *vl)
{
    char *out = arena_alloc(c->d->mem, vl->head_len + 2);
    size_t n = 0;
    if (!memchr(vl->head, '+', vl->head_len)) out[n++] = '+';
    for (size_t i = 0; i < vl->head_len; i++) {
        char ch = vl->head[i];
        if (dict_is_blank(ch)) {
            if (n && out[n - 1] != '_') out[n++] = '_';
        } else {
            out[n++] = ch;
        }
    }
    out[n] = '\0';
    vl->head = out;
    vl->head_len = n;
}

/* Splits the verb line in c->buf; returns 0 after reporting a problem. */
static int split_verb_line(loadctx *c, verbline *vl)
{
    memset(vl, 0, sizeof *vl);
    vl->forms = vl->code = "";
    const char *s = c->buf;
    size_t hl = strcspn(s, "{[");
    vl->head = s;
    vl->head_len = hl;
    dict_trim(&vl->head, &vl->head_len);
    if (memchr(s, '}', hl) || memchr(s, ']', hl)) {
        dict_problem(c, "unbalanced '}' or ']' in verb line");
        return 0;
    }
    for (const char *p = s + hl; *p;) {
        if (dict_is_blank(*p)) { p++; continue; }
        char open = *p, shut = open == '{' ? '}' : ']';
        const char *close = (open == '{' || open == '[') ? strchr(p, shut) : NULL;
        if (!close) {
            if (open == '{' || open == '[') dict_problem(c, "unbalanced '%c' in verb line", open);
            else dict_problem(c, "unexpected text after the verb: %.20s", p);
            return 0;
        }
        if (strcspn(p + 1, "{}[]") < (size_t)(close - p - 1) ||
            (open == '{' ? vl->has_forms : vl->has_code)) {
            dict_problem(c, "bad {forms} or [code] in verb line");
            return 0;
        }
        if (open == '{') { vl->forms = p + 1; vl->forms_len = (size_t)(close - p - 1); vl->has_forms = 1; }
        else { vl->code = p + 1; vl->code_len = (size_t)(close - p - 1); vl->has_code = 1; }
        p = close + 1;
    }
    if (!vl->head_len) { dict_problem(c, "verb line without a verb"); return 0; }
    if (dict_has_blank(vl->head, vl->head_len)) join_spaced_verb(c, vl);
    return 1;
}

/* Checks every form of the line before anything is stored. */
static int check_forms(loadctx *c, const verbline *vl)
{
    rawword rw[MAX_FORM_WORDS];
    size_t n;
    if (parse_form(c, vl->head, vl->head_len, rw, &n) < 0) return 0;
    const char *p = vl->forms, *end = vl->forms + vl->forms_len, *s;
    size_t len;
    while (vl->has_forms && next_listed(&p, end, &s, &len))
        if (parse_form(c, s, len, rw, &n) < 0) return 0;
    return 1;
}

/* The verb's name: its first form without '+'. */
static const char *verb_name(loadctx *c, const char *s, size_t len)
{
    char *name = arena_alloc(c->d->mem, len + 1);
    size_t n = 0;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '+') name[n++] = s[i];
    name[n] = '\0';
    return name;
}

static void verb_line(loadctx *c, vstate *v)
{
    dict *d = c->d;
    if (!v->in_block) {
        dict_problem(c, "verb before the first '---' block header");
        return;
    }
    if (v->group < 0 || v->last_pattern) open_group(c, v);
    v->last_pattern = 0;
    verbline vl;
    if (!split_verb_line(c, &vl) || !check_forms(c, &vl)) return;
    const char *code = v->block_code;
    if (vl.has_code && !(code = read_code(c, vl.code, vl.code_len))) return;
    verb_rec *r = DICT_PUSH(d->verb, d->n_verbs, d->cap_verbs);
    r->name = verb_name(c, vl.head, vl.head_len);
    r->code = code;
    r->file = c->file;
    r->line = c->line;
    r->group = (uint32_t)v->group;
    r->same_name = 0;
    uint32_t id = (uint32_t)(d->n_verbs - 1);
    d->st.verbs++;
    add_forms(c, v, id, vl.head, vl.head_len, !vl.has_forms);
    const char *p = vl.forms, *end = vl.forms + vl.forms_len, *s;
    size_t len;
    while (vl.has_forms && next_listed(&p, end, &s, &len)) add_forms(c, v, id, s, len, 0);
}

/* ---- patterns ---- */

static int pattern_fail(loadctx *c, const char *what)
{
    dict_problem(c, "pattern: %s", what);
    return 0;
}

static int push_elem(loadctx *c, vstate *v, uint8_t kind, uint32_t synset)
{
    if (v->n_el >= UINT16_MAX) return pattern_fail(c, "too many elements");
    pattern_elem *e = DICT_PUSH(v->el, v->n_el, v->cap_el);
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->synset = synset;
    return 1;
}

/* Ends the run of consecutive words being read: one PE_PHRASE. */
static int flush_phrase(loadctx *c, vstate *v)
{
    if (!v->w.n) return 1;
    if (v->w.n > UINT16_MAX) return pattern_fail(c, "phrase too long");
    if (!push_elem(c, v, PE_PHRASE, 0)) return 0;
    const char **words = arena_alloc(c->d->mem, v->w.n * sizeof *words);
    uint32_t *hashes = arena_alloc(c->d->mem, v->w.n * sizeof *hashes);
    for (size_t k = 0; k < v->w.n; k++) {
        words[k] = c->d->word[v->w.v[k]];
        hashes[k] = c->d->word_hash[v->w.v[k]];
    }
    pattern_elem *e = &v->el[v->n_el - 1];
    e->n_words = (uint16_t)v->w.n;
    e->words = words;
    e->hashes = hashes;
    e->joined = (uint8_t)v->phrase_joined;
    v->w.n = 0;
    return 1;
}

static int is_delim(char ch)
{
    return dict_is_blank(ch) || strchr("_(){}*[]", ch) != NULL;
}

/* "&NAME..." at s[0..len): the longest defined synset name that is all
 * of the atom or ends before one of its '_' (so "&TIETYPES_RELATIONS" is
 * &TIETYPES then RELATIONS).  Returns the bytes used, or 0 (problem). */
static size_t synset_ref(loadctx *c, vstate *v, const char *s, size_t len)
{
    size_t end = 1;
    while (end < len && !dict_is_blank(s[end]) && !strchr("(){}*[]", s[end])) end++;
    size_t full = end;
    while (full > 1 && s[full - 1] == '_') full--;
    for (size_t k = full; k > 1; k--) {
        if (k != full && s[k] != '_') continue;
        uint32_t id = dict_name(c, c->d->synset_names, s + 1, k - 1, NULL);
        if (id) return push_elem(c, v, PE_SYNSET, id - 1) ? (k == full ? end : k) : 0;
    }
    if (full <= 1) pattern_fail(c, "'&' without a synset name");
    else dict_problem(c, "pattern: undefined synset &%.*s", (int)(full - 1), s + 1);
    return 0;
}

/* A one-character element ("$", "+", "^", "%"), or 0 for a word. */
static uint8_t slot_kind(const char *s, size_t len)
{
    if (len != 1) return 0;
    switch (*s) {
    case '$': return PE_SOURCE;
    case '+': return PE_TARGET;
    case '^': return PE_SKIP;
    case '%': return PE_COMPOUND;
    default: return 0;
    }
}

/* Reads the pattern body s[0..len) into v->el; returns 0 after a problem. */
static int lex_pattern(loadctx *c, vstate *v, const char *s, size_t len)
{
    int brace = 0, depth = 0, verbs = 0;
    v->n_el = 0;
    v->w.n = 0;
    v->under = v->phrase_joined = 0;
    for (size_t i = 0; i < len;) {
        char ch = s[i];
        if (dict_is_blank(ch) || ch == '_') {
            if (ch != '_' && !brace && !flush_phrase(c, v)) return 0;
            v->under = ch == '_';
            i++;
            continue;
        }
        if (ch == '[' || ch == ']') return pattern_fail(c, "unbalanced '[' or ']'");
        if (strchr("(){}*", ch)) {
            if (!flush_phrase(c, v)) return 0;
            if (brace && ch != '}') return pattern_fail(c, "only words and synsets go in {...}");
            if (ch == '{') brace = 1;
            else if (ch == '}' && !brace) return pattern_fail(c, "unbalanced '}'");
            else if (ch == '}') brace = 0;
            else if (ch == ')' && !depth) return pattern_fail(c, "unbalanced ')'");
            else if (!push_elem(c, v, ch == '(' ? PE_OPEN : ch == ')' ? PE_CLOSE : PE_VERB, 0))
                return 0;
            depth += ch == '(' ? 1 : ch == ')' ? -1 : 0;
            verbs += ch == '*';
            if (ch == '*') v->el[v->n_el - 1].joined = (uint8_t)v->under;   /* "WERE_*" */
            v->under = 0;
            i++;
            continue;
        }
        size_t j = i;
        while (j < len && !is_delim(s[j])) j++;
        uint8_t slot = slot_kind(s + i, j - i);
        if (ch == '&' || slot) {
            if (!flush_phrase(c, v)) return 0;
            if (slot && brace) return pattern_fail(c, "only words and synsets go in {...}");
            size_t used = slot ? (push_elem(c, v, slot, 0) ? 1 : 0) : synset_ref(c, v, s + i, len - i);
            if (!used) return 0;
            if (!slot) v->el[v->n_el - 1].joined = (uint8_t)v->under;
            v->under = 0;
            i += used;
            continue;
        }
        if (!v->w.n) v->phrase_joined = v->under;
        v->under = 0;
        dict_add_raw_word(c, s + i, j - i, &v->w);
        i = j;
    }
    if (brace) return pattern_fail(c, "unbalanced '{'");
    if (depth) return pattern_fail(c, "unbalanced '('");
    if (!flush_phrase(c, v)) return 0;
    if (verbs != 1) return pattern_fail(c, "needs exactly one '*'");
    return 1;
}

/* "- WORDS * WORDS [CODE]": a pattern of the open verb group. */
static void pattern_line(loadctx *c, vstate *v)
{
    v->last_pattern = 1;
    if (v->group < 0) { dict_problem(c, "pattern with no verb before it"); return; }
    const char *s = c->buf + 1;
    const char *open = strrchr(s, '[');
    if (!open) { pattern_fail(c, "no [code]"); return; }
    const char *close = strchr(open, ']');
    if (!close) { pattern_fail(c, "unbalanced '['"); return; }
    for (const char *p = close + 1; *p; p++)
        if (!dict_is_blank(*p)) { pattern_fail(c, "text after the [code]"); return; }
    const char *code = read_code(c, open + 1, (size_t)(close - open - 1));
    if (!code || !lex_pattern(c, v, s, (size_t)(open - s))) return;
    pattern_elem *el = arena_alloc(c->d->mem, v->n_el * sizeof *el);
    memcpy(el, v->el, v->n_el * sizeof *el);
    verb_pattern *p = DICT_PUSH(v->pend, v->n_pend, v->cap_pend);
    p->elems = el;
    p->n_elems = (uint16_t)v->n_el;
    p->verb_index = 0;
    for (size_t k = 0; k < v->n_el; k++)
        if (el[k].kind == PE_VERB) p->verb_index = (uint16_t)k;
    p->code = code;
    p->file = c->file;
    p->line = c->line;
    c->d->st.patterns++;
}

/* ---- the file ---- */

void dict_read_verbs(loadctx *c)
{
    vstate v;
    memset(&v, 0, sizeof v);
    v.group = -1;
    v.synset = -1;
    v.block_code = "---";
    while (dict_next_line(c)) {
        char ch = c->buf[0];
        if (ch == '+' && v.synset != -1) { synset_member(c, &v); continue; }
        v.synset = -1;
        if (strncmp(c->buf, "---", 3) == 0) block_header(c, &v);
        else if (ch == '-') pattern_line(c, &v);
        else if (ch == '&') synset_label(c, &v);
        else if (ch == '~') continue;              /* transformations: not used */
        else verb_line(c, &v);
    }
    close_group(c, &v);
    free(v.pend);
    free(v.el);
    free(v.w.v);
}
