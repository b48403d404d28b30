/* iso_countries.c — build tool: writes dyad's built-in country actor file
 * (PETRARCH actor format) from Debian's iso-codes data and the project's
 * hand-authored country knowledge.
 *
 *   iso_countries iso_3166-1.json countries.authored.txt > countries.actors.txt
 *
 * Every ISO 3166-1 entity gets one entry coded with its alpha-3 code: its
 * ISO names (name, common_name, official_name) followed by the authored
 * synonyms (adjectives, demonyms, short forms) of an authored entry with the
 * same code, and then the authored entries of its capital and seats of
 * government (codes CODE + more letters, e.g. RUSGOV).  Authored entries
 * whose code is not an ISO entity (KSV, Kosovo) follow at the end.
 *
 * An ISO name becomes a phrase this way: letters with diacritics lose them
 * (Türkiye -> TURKIYE), a parenthesis is dropped ("Holy See (Vatican City
 * State)" -> HOLY_SEE), a leading "the" is dropped, an inverted name is
 * turned round ("Korea, Republic of" -> REPUBLIC_OF_KOREA), any other name
 * with a comma keeps its part before the comma ("Saint Helena, Ascension
 * and Tristan da Cunha" -> SAINT_HELENA); words are upper case joined with
 * "_".  The authored file decides the rest:
 *   - a "-PHRASE" line under an entry leaves that ISO phrase out (JERSEY,
 *     which would code "New Jersey"; REUNION, an ordinary word);
 *   - an ISO phrase the authored file gives to another code is left out
 *     (CONGO is the Democratic Republic's, not the Republic's);
 *   - an ISO phrase derived for two entities is left out of both
 *     (VIRGIN_ISLANDS, British or U.S.?);
 *   - the authored entry's primary phrase is the entry's primary phrase.
 * Problems in the input (unreadable file, malformed line, a "-PHRASE" that
 * is not an ISO phrase of its code, an entity left with no phrase) are
 * reported as FILE:LINE: message and fail the build. */
#include <ctype.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PHRASE_MAX 160

typedef struct {
    char **items;
    size_t n, cap;
} strlist;

/* One entry of the authored file. */
typedef struct {
    char *primary;        /* without trailing '_' */
    char code[16];
    strlist synonyms;     /* "+" lines */
    strlist omit;         /* "-" lines */
    int line;
    int used;             /* merged into an ISO entity's entry */
} authored;

typedef struct {
    authored *items;
    size_t n, cap;
} authored_list;

/* One ISO entity and the phrases derived from its names. */
typedef struct {
    char code[4];
    strlist phrases;
} iso_entity;

static const char *program = "iso_countries";

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n);
    if (!q) {
        fprintf(stderr, "%s: out of memory\n", program);
        exit(1);
    }
    return q;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(xrealloc(NULL, n), s, n);
}

static void list_add(strlist *l, const char *s)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    l->items[l->n++] = xstrdup(s);
}

static int list_has(const strlist *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i], s) == 0) return 1;
    return 0;
}

static void list_free(strlist *l)
{
    for (size_t i = 0; i < l->n; i++) free(l->items[i]);
    free(l->items);
}

/* ---- the authored file ---- */

/* Strips a comment and trailing blanks from line, in place. */
static void strip_line(char *line)
{
    char *hash = strchr(line, '#');
    if (hash) *hash = '\0';
    size_t n = strlen(line);
    while (n && isspace((unsigned char)line[n - 1])) line[--n] = '\0';
}

/* Parses "PHRASE_ [CODE]" into e; 0 on success. */
static int parse_primary(char *line, authored *e)
{
    char *open = strchr(line, '[');
    char *close = open ? strchr(open, ']') : NULL;
    if (!open || !close || close[1] || close - open - 1 <= 0 ||
        (size_t)(close - open - 1) >= sizeof e->code)
        return -1;
    memcpy(e->code, open + 1, (size_t)(close - open - 1));
    e->code[close - open - 1] = '\0';
    for (const char *c = e->code; *c; c++)
        if (!isupper((unsigned char)*c)) return -1;
    char *end = open;
    while (end > line && (isspace((unsigned char)end[-1]) || end[-1] == '_')) end--;
    if (end == line) return -1;
    *end = '\0';
    e->primary = xstrdup(line);
    return 0;
}

static void read_authored(const char *path, authored_list *out)
{
    FILE *in = fopen(path, "r");
    if (!in) {
        perror(path);
        exit(1);
    }
    char line[512];
    int lineno = 0, bad = 0;
    while (fgets(line, sizeof line, in)) {
        lineno++;
        strip_line(line);
        if (!*line) continue;
        authored *cur = out->n ? &out->items[out->n - 1] : NULL;
        if ((line[0] == '+' || line[0] == '-') && cur && line[1]) {
            list_add(line[0] == '+' ? &cur->synonyms : &cur->omit, line + 1);
            continue;
        }
        if (out->n == out->cap) {
            out->cap = out->cap ? 2 * out->cap : 256;
            out->items = xrealloc(out->items, out->cap * sizeof *out->items);
        }
        authored *e = &out->items[out->n];
        memset(e, 0, sizeof *e);
        e->line = lineno;
        if (line[0] == '+' || line[0] == '-' || parse_primary(line, e) != 0) {
            fprintf(stderr, "%s:%d: expected PHRASE_ [CODE], +SYNONYM or -OMITTED: %s\n", path,
                    lineno, line);
            bad++;
            continue;
        }
        out->n++;
    }
    fclose(in);
    if (bad) exit(1);
}

/* The code of the authored phrase s (primary or synonym), or NULL. */
static const char *authored_code_of(const authored_list *a, const char *s)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i].primary, s) == 0 || list_has(&a->items[i].synonyms, s))
            return a->items[i].code;
    return NULL;
}

/* ---- ISO names to phrases ---- */

/* The ASCII letter for a Latin-1 letter with a diacritic (U+00C0..U+00FF,
 * two UTF-8 bytes 0xC3 xx), or 0. */
static char latin1_base(unsigned char second)
{
    static const char base[] = "AAAAAAACEEEEIIII" "DNOOOOO*OUUUUYTs"
                               "aaaaaaaceeeeiiii" "dnooooo/ouuuuyty";
    unsigned cp = 0xC0u + (second & 0x3Fu);
    if (second < 0x80 || second > 0xBF) return 0;
    char c = base[cp - 0xC0u];
    return isalpha((unsigned char)c) ? c : 0;
}

/* Folds name to upper-case ASCII in out; returns -1 when a character has
 * no ASCII form. */
static int fold_ascii(const char *name, char *out, size_t cap)
{
    size_t n = 0;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        char c = (char)*p;
        if (*p >= 0x80) {
            if (*p != 0xC3 || !(c = latin1_base(p[1]))) return -1;
            p++;
        }
        if (n + 1 >= cap) return -1;
        out[n++] = (char)toupper((unsigned char)c);
    }
    out[n] = '\0';
    return 0;
}

/* Drops " (...)" from s, in place. */
static void drop_parenthesis(char *s)
{
    char *open = strchr(s, '(');
    if (!open) return;
    char *close = strchr(open, ')');
    char *rest = close ? close + 1 : open + strlen(open);
    while (open > s && open[-1] == ' ') open--;
    memmove(open, rest, strlen(rest) + 1);
}

static int ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), m = strlen(tail);
    return n >= m && strcmp(s + n - m, tail) == 0;
}

/* Turns "KOREA, REPUBLIC OF" round; keeps the part before any other comma. */
static void resolve_comma(char *s)
{
    char *comma = strchr(s, ',');
    if (!comma) return;
    char *after = comma + 1;
    while (*after == ' ') after++;
    if (ends_with(after, " OF") || ends_with(after, " OF THE")) {
        /* "X, Y" becomes "Y X": no longer than the original. */
        char turned[PHRASE_MAX];
        size_t x = (size_t)(comma - s), y = strlen(after);
        memcpy(turned, after, y);
        turned[y] = ' ';
        memcpy(turned + y + 1, s, x);
        turned[y + 1 + x] = '\0';
        strcpy(s, turned);
    } else {
        *comma = '\0';
    }
}

/* The phrase for an ISO name in out (upper case, words joined with "_");
 * returns -1 when the name gives none. */
static int iso_phrase(const char *name, char *out, size_t cap)
{
    char s[PHRASE_MAX];
    if (fold_ascii(name, s, sizeof s) != 0) return -1;
    drop_parenthesis(s);
    resolve_comma(s);
    const char *p = s;
    if (strncmp(p, "THE ", 4) == 0) p += 4;
    size_t n = 0;
    for (; *p && n + 1 < cap; p++) out[n++] = *p == ' ' ? '_' : *p;
    out[n] = '\0';
    return n ? 0 : -1;
}

static void read_iso(const char *path, iso_entity **out, size_t *n_out)
{
    json_error_t jerr;
    json_t *root = json_load_file(path, 0, &jerr);
    json_t *list = root ? json_object_get(root, "3166-1") : NULL;
    if (!json_is_array(list)) {
        fprintf(stderr, "%s:%d: %s\n", path, jerr.line,
                root ? "no \"3166-1\" array" : jerr.text);
        exit(1);
    }
    size_t n = json_array_size(list);
    iso_entity *es = xrealloc(NULL, (n ? n : 1) * sizeof *es);
    static const char *const fields[] = {"common_name", "name", "official_name"};
    for (size_t i = 0; i < n; i++) {
        json_t *rec = json_array_get(list, i);
        const char *code = json_string_value(json_object_get(rec, "alpha_3"));
        if (!code || strlen(code) != 3) {
            fprintf(stderr, "%s: record %zu has no alpha_3 code\n", path, i + 1);
            exit(1);
        }
        memset(&es[i], 0, sizeof es[i]);
        strcpy(es[i].code, code);
        for (size_t f = 0; f < sizeof fields / sizeof *fields; f++) {
            const char *name = json_string_value(json_object_get(rec, fields[f]));
            char phrase[PHRASE_MAX];
            if (name && iso_phrase(name, phrase, sizeof phrase) == 0 &&
                !list_has(&es[i].phrases, phrase))
                list_add(&es[i].phrases, phrase);
        }
    }
    json_decref(root);
    *out = es;
    *n_out = n;
}

/* Reports each "-PHRASE" that is not an ISO phrase of its entry's code (a
 * typo, or a name iso-codes no longer has); returns the number reported. */
static int check_omissions(const iso_entity *es, size_t n, const authored_list *a,
                           const char *path)
{
    int bad = 0;
    for (size_t i = 0; i < a->n; i++) {
        const authored *e = &a->items[i];
        const iso_entity *match = NULL;
        for (size_t k = 0; k < n && !match; k++)
            if (strcmp(es[k].code, e->code) == 0) match = &es[k];
        for (size_t k = 0; k < e->omit.n; k++)
            if (!match || !list_has(&match->phrases, e->omit.items[k])) {
                fprintf(stderr, "%s:%d: -%s is not an ISO name of %s\n", path, e->line,
                        e->omit.items[k], e->code);
                bad++;
            }
    }
    return bad;
}

/* ---- merging ---- */

/* True when phrase was derived for an entity other than es[self]. */
static int derived_elsewhere(const iso_entity *es, size_t n, size_t self, const char *phrase)
{
    for (size_t i = 0; i < n; i++)
        if (i != self && list_has(&es[i].phrases, phrase)) return 1;
    return 0;
}

/* True when the ISO phrase of es[self] is kept (see the file comment). */
static int keep_iso_phrase(const iso_entity *es, size_t n, size_t self, const char *phrase,
                           const authored_list *a)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->items[i].code, es[self].code) == 0 && list_has(&a->items[i].omit, phrase))
            return 0;
    const char *owner = authored_code_of(a, phrase);
    if (owner && strcmp(owner, es[self].code) != 0) return 0;
    return !derived_elsewhere(es, n, self, phrase);
}

static void emit_entry(const authored *e)
{
    printf("\n%s_ [%s]\n", e->primary, e->code);
    for (size_t k = 0; k < e->synonyms.n; k++) printf("+%s\n", e->synonyms.items[k]);
}

/* Writes the merged entry of es[self] and its seats of government; returns
 * -1 when the entity is left with no phrase. */
static int emit_entity(const iso_entity *es, size_t n, size_t self, authored_list *a)
{
    strlist phrases = {0};
    for (size_t i = 0; i < a->n; i++) {
        authored *e = &a->items[i];
        if (strcmp(e->code, es[self].code) != 0) continue;
        e->used = 1;
        if (!list_has(&phrases, e->primary)) list_add(&phrases, e->primary);
    }
    for (size_t k = 0; k < es[self].phrases.n; k++) {
        const char *p = es[self].phrases.items[k];
        if (keep_iso_phrase(es, n, self, p, a) && !list_has(&phrases, p)) list_add(&phrases, p);
    }
    for (size_t i = 0; i < a->n; i++) {
        const authored *e = &a->items[i];
        if (strcmp(e->code, es[self].code) != 0) continue;
        for (size_t k = 0; k < e->synonyms.n; k++)
            if (!list_has(&phrases, e->synonyms.items[k])) list_add(&phrases, e->synonyms.items[k]);
    }
    if (phrases.n == 0) {
        fprintf(stderr, "%s: ISO entity %s has no usable name\n", program, es[self].code);
        return -1;
    }
    printf("\n%s_ [%s]\n", phrases.items[0], es[self].code);
    for (size_t k = 1; k < phrases.n; k++) printf("+%s\n", phrases.items[k]);
    list_free(&phrases);
    for (size_t i = 0; i < a->n; i++) {
        authored *e = &a->items[i];
        if (strlen(e->code) > 3 && strncmp(e->code, es[self].code, 3) == 0 && !e->used) {
            e->used = 1;
            emit_entry(e);
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s ISO_3166-1.JSON COUNTRIES.AUTHORED.TXT\n", program);
        return 2;
    }
    iso_entity *es;
    size_t n;
    authored_list a = {0};
    read_iso(argv[1], &es, &n);
    read_authored(argv[2], &a);
    if (check_omissions(es, n, &a, argv[2])) return 1;
    printf("# countries.actors.txt - generated by tools/iso_countries.c from\n"
           "# %s (Debian iso-codes, ISO 3166-1) and\n# %s.  Do not edit: edit the latter.\n",
           argv[1], argv[2]);
    int failed = 0;
    for (size_t i = 0; i < n; i++) failed |= emit_entity(es, n, i, &a) != 0;
    /* Entries for codes outside ISO 3166-1, with their seats of government. */
    for (size_t i = 0; i < a.n; i++)
        if (!a.items[i].used) emit_entry(&a.items[i]);
    for (size_t i = 0; i < a.n; i++) {
        free(a.items[i].primary);
        list_free(&a.items[i].synonyms);
        list_free(&a.items[i].omit);
    }
    free(a.items);
    for (size_t i = 0; i < n; i++) list_free(&es[i].phrases);
    free(es);
    return failed;
}
