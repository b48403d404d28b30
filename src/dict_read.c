/* dict_read.c — what the dictionary readers share: problems, the line
 * reader (comments, blank lines, line numbers) and the turning of
 * dictionary words into the words the tokenizer makes of text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dict_internal.h"
#include "key.h"

/* ---- problems ---- */

static void vproblem(loadctx *c, long line, const char *fmt, va_list ap)
{
    char msg[512];
    vsnprintf(msg, sizeof msg, fmt, ap);
    c->problems++;
    if (c->warn) c->warn(c->wctx, c->file, line, msg);
}

void dict_problem(loadctx *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(c, c->line, fmt, ap);
    va_end(ap);
}

void dict_problem_at(loadctx *c, long line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vproblem(c, line, fmt, ap);
    va_end(ap);
}

/* ---- small string helpers ---- */

int dict_is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\f' || ch == '\v' || ch == '\n';
}

int dict_has_blank(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (dict_is_blank(s[i])) return 1;
    return 0;
}

void dict_trim(const char **s, size_t *len)
{
    while (*len && dict_is_blank(**s)) { (*s)++; (*len)--; }
    while (*len && dict_is_blank((*s)[*len - 1])) (*len)--;
}

const char *dict_strdup(loadctx *c, const char *s, size_t len)
{
    return arena_strndup(c->d->mem, s, len);
}

/* Makes c->buf hold at least n bytes. */
static void buf_reserve(char **buf, size_t *cap, size_t n)
{
    if (n > *cap) *buf = dict_grow(*buf, cap, n, 1);
}

uint32_t dict_name(loadctx *c, uint32_t root, const char *name, size_t len, uint32_t *made)
{
    buf_reserve(&c->nbuf, &c->nbuf_cap, len + 1);
    for (size_t i = 0; i < len; i++) {
        char ch = name[i];
        c->nbuf[i] = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
    }
    uint32_t wid = dict_intern(c->d, c->nbuf, len);
    uint32_t node = made ? dict_insert(c->d, root, &wid, 1) : dict_child(c->d, root, wid);
    if (made) *made = node;
    return node ? c->d->node[node].a : 0;
}

/* ---- the line reader ---- */

/* Takes the next raw line into c->buf (without its line end, NUL bytes
 * made blanks) and numbers it.  Returns 0 at the end of the text. */
static int raw_line(loadctx *c)
{
    if (c->p >= c->end) return 0;
    const char *s = c->p, *e = memchr(s, '\n', (size_t)(c->end - s));
    if (!e) e = c->end;
    c->p = e < c->end ? e + 1 : e;
    size_t len = (size_t)(e - s);
    if (len && s[len - 1] == '\r') len--;
    buf_reserve(&c->buf, &c->buf_cap, len + 1);
    for (size_t i = 0; i < len; i++) c->buf[i] = s[i] ? s[i] : ' ';
    c->buf[len] = '\0';
    c->line = c->next_no++;
    return 1;
}

/* Removes <!-- ... --> from c->buf; an opening with no close on the line
 * truncates it there and starts a multi-line comment. */
static void strip_xml_comments(loadctx *c)
{
    char *open;
    while ((open = strstr(c->buf, "<!--")) != NULL) {
        char *close = strstr(open + 4, "-->");
        if (!close) {
            *open = '\0';
            c->in_comment = 1;
            c->comment_line = c->line;
            return;
        }
        memmove(open, close + 3, strlen(close + 3) + 1);
    }
}

/* Handles the line when it is part of, or starts, a comment; returns 1 if
 * the whole line is to be skipped. */
static int skip_comment_line(loadctx *c)
{
    if (c->in_comment) {
        if (strstr(c->buf, "-->")) c->in_comment = 0;
        return 1;
    }
    const char *s = c->buf;
    while (dict_is_blank(*s)) s++;
    if (s[0] == '<' && s[1] == '!') {
        /* PETRARCH skips a line that starts "<!" (even "<! -- x -->"). */
        if (strncmp(s, "<!--", 4) == 0 && !strstr(s + 4, "-->")) {
            c->in_comment = 1;
            c->comment_line = c->line;
        }
        return 1;
    }
    return 0;
}

/* dyad's marker, invisible to PETRARCH: "NAME_ [CODE]  # organization
 * ..." says an entry with dated codes is an organization, not a person. */
static int is_org_comment(const char *s)
{
    while (*s == ' ' || *s == '\t') s++;
    return strncmp(s, "organization", 12) == 0;
}

int dict_next_line(loadctx *c)
{
    while (raw_line(c)) {
        if (skip_comment_line(c)) continue;
        strip_xml_comments(c);
        char *comment = c->buf + strcspn(c->buf, "#;");   /* '#' comments, TABARI ';' too */
        c->org_comment = comment[0] == '#' && is_org_comment(comment + 1);
        *comment = '\0';
        const char *s = c->buf;
        size_t len = strlen(s);
        dict_trim(&s, &len);
        if (!len) continue;
        memmove(c->buf, s, len);
        c->buf[len] = '\0';
        return 1;
    }
    if (c->in_comment) {
        dict_problem_at(c, c->comment_line, "unterminated <!-- comment");
        c->in_comment = 0;
    }
    return 0;
}

/* ---- words ---- */

/* Appends the id of the match key of w[0..len). */
static void add_key(loadctx *c, const char *w, size_t len, wvec *out)
{
    size_t n;
    for (;;) {
        n = c->kbuf_cap ? match_key_buf(w, len, c->kbuf, c->kbuf_cap) : (size_t)-1;
        if (n != (size_t)-1) break;
        buf_reserve(&c->kbuf, &c->kbuf_cap, c->kbuf_cap ? c->kbuf_cap * 2 : 4 * len + 64);
    }
    wvec_push(out, dict_intern(c->d, c->kbuf, n));
}

static int ends_with_ci(const char *w, size_t len, const char *suffix)
{
    size_t n = strlen(suffix);
    if (len < n) return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = w[len - n + i];
        if (ch >= 'a' && ch <= 'z') ch = (char)(ch - 'a' + 'A');
        if (ch != suffix[i]) return 0;
    }
    return 1;
}

/* Length of a suffix the tokenizer splits off ('s n't 're 've 'll 'd 'm,
 * or a bare ') that ends the core word w[0..len), or 0. */
static size_t contraction_len(const char *w, size_t len)
{
    static const char *const SUFFIXES[] = { "N'T", "'S", "'RE", "'VE", "'LL", "'D", "'M" };
    for (size_t k = 0; k < sizeof SUFFIXES / sizeof *SUFFIXES; k++) {
        size_t n = strlen(SUFFIXES[k]);
        if (len > n && ends_with_ci(w, len, SUFFIXES[k])) return n;
    }
    if (len > 1 && w[len - 1] == '\'') return 1;
    return 0;
}

size_t dict_add_raw_word(loadctx *c, const char *w, size_t len, wvec *out)
{
    size_t before = out->n, lead = 0, trail = len;
    while (lead < len && len - lead > 1 && strchr("([\"", w[lead])) lead++;
    while (trail > lead + 1 && strchr(")]\",;:!?", w[trail - 1])) trail--;
    for (size_t i = 0; i < lead; i++) add_key(c, w + i, 1, out);
    size_t suffix = contraction_len(w + lead, trail - lead);
    add_key(c, w + lead, trail - lead - suffix, out);
    if (suffix) add_key(c, w + trail - suffix, suffix, out);
    for (size_t i = trail; i < len; i++) add_key(c, w + i, 1, out);
    return out->n - before;
}

size_t dict_add_phrase(loadctx *c, const char *s, size_t len, wvec *out)
{
    size_t before = out->n, i = 0;
    while (i < len) {
        while (i < len && (s[i] == '_' || dict_is_blank(s[i]))) i++;
        size_t start = i;
        while (i < len && s[i] != '_' && !dict_is_blank(s[i])) i++;
        if (i > start) dict_add_raw_word(c, s + start, i - start, out);
    }
    return out->n - before;
}

size_t dict_add_noun_phrase(loadctx *c, const char *s, size_t len, wvec *out)
{
    size_t before = out->n, i = 0;
    while (i < len && (s[i] == '_' || dict_is_blank(s[i]))) i++;
    while (i < len) {
        size_t start = i;
        while (i < len && s[i] != '_' && !dict_is_blank(s[i])) i++;
        dict_add_raw_word(c, s + start, i - start, out);
        int blank = 0;
        while (i < len && (s[i] == '_' || dict_is_blank(s[i]))) {
            if (dict_is_blank(s[i]) && s[i - 1] != '_' ) blank = 1;
            if (s[i] == '_') blank = 0;
            i++;
        }
        if (i < len && blank) wvec_push(out, c->d->gap_word);
    }
    return out->n - before;
}

static int is_letter(char ch)
{
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z');
}

static int is_vowel(char ch)
{
    return ch && strchr("AEIOUaeiou", ch) != NULL;
}

size_t dict_plural(loadctx *c, const char *s, size_t len)
{
    while (len && (s[len - 1] == '_' || dict_is_blank(s[len - 1]))) len--;
    size_t w = len;
    while (w && s[w - 1] != '_' && !dict_is_blank(s[w - 1])) w--;
    if (!len || !is_letter(s[len - 1]) || contraction_len(s + w, len - w)) return 0;
    buf_reserve(&c->tbuf, &c->tbuf_cap, len + 4);
    memcpy(c->tbuf, s, len);
    char last = s[len - 1], prev = len > 1 ? s[len - 2] : '\0';
    int lower = last >= 'a' && last <= 'z';
    char up = lower ? (char)(last - 'a' + 'A') : last;
    char pu = (prev >= 'a' && prev <= 'z') ? (char)(prev - 'a' + 'A') : prev;
    const char *add = "S";
    size_t n = len;
    if (up == 'Y' && len > 1 && !is_vowel(prev)) { n--; add = "IES"; }
    else if (up == 'S' || up == 'X' || up == 'Z' || (up == 'H' && (pu == 'C' || pu == 'S')))
        add = "ES";
    for (size_t i = 0; add[i]; i++)
        c->tbuf[n++] = lower ? (char)(add[i] - 'A' + 'a') : add[i];
    c->tbuf[n] = '\0';
    return n;
}
