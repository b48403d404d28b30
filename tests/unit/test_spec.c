/* test_spec.c — runs the text front end on the examples of
 * tests/spec/clean.spec, split.spec and tokenize.spec and compares the
 * output with the expected block.  One harness test per example, named
 * "FILE:LINE" (the line of its ":: " title).
 *
 * Example format (described in full at the top of each spec file):
 *
 *   :: MODE: title          (clean.spec: text, map or sentences)
 *   input lines, with escapes
 *   .
 *   expected output lines, literally
 *   .
 *
 * Escapes in input: \n \r \t \\ \s (a space, to show trailing ones),
 * \xHH (one byte) and \u{HHHH} (a code point in UTF-8).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "arena.h"
#include "clean.h"
#include "doc.h"
#include "split.h"
#include "tokenize.h"

/* ------------------------------------------------------------------ */
/* Growing strings.                                                    */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static void buf_add(buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) {
        b->cap = (b->len + n + 1) * 2;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

static void buf_str(buf *b, const char *s) { buf_add(b, s, strlen(s)); }

static void buf_fmt_span(buf *b, const char *s, size_t n, int escape_newlines)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\') buf_str(b, "\\\\");
        else if (s[i] == '\n' && escape_newlines) buf_str(b, "\\n");
        else buf_add(b, s + i, 1);
    }
}

/* Appends "START-END" of cleaned bytes [s, e) in original offsets. */
static void buf_range(buf *b, const doc *d, size_t s, size_t e)
{
    char tmp[48];
    snprintf(tmp, sizeof tmp, "%u-%u", d->orig[s], d->orig[e]);
    buf_str(b, tmp);
}

/* ------------------------------------------------------------------ */
/* Escapes.                                                            */

static int hexval(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* Appends code point cp as UTF-8. */
static void buf_utf8(buf *b, unsigned long cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) { u[0] = (char)cp; n = 1; }
    else if (cp < 0x800) { u[0] = (char)(0xC0 | (cp >> 6)); u[1] = (char)(0x80 | (cp & 0x3F)); n = 2; }
    else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12)); u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F)); n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18)); u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); u[3] = (char)(0x80 | (cp & 0x3F)); n = 4;
    }
    buf_add(b, u, n);
}

/* Decodes the escapes of one input line into b. */
static void unescape(buf *b, const char *s)
{
    for (; *s; s++) {
        if (*s != '\\' || !s[1]) { buf_add(b, s, 1); continue; }
        char c = *++s;
        if (c == 'n') buf_str(b, "\n");
        else if (c == 'r') buf_str(b, "\r");
        else if (c == 't') buf_str(b, "\t");
        else if (c == 's') buf_str(b, " ");
        else if (c == 'x' && hexval(s[1]) >= 0 && hexval(s[2]) >= 0) {
            char byte = (char)(hexval(s[1]) * 16 + hexval(s[2]));
            buf_add(b, &byte, 1);
            s += 2;
        } else if (c == 'u' && s[1] == '{') {
            char *end;
            unsigned long cp = strtoul(s + 2, &end, 16);
            buf_utf8(b, cp);
            s = *end == '}' ? end : end - 1;
        } else buf_add(b, s, 1);
    }
}

/* ------------------------------------------------------------------ */
/* Running the stages and rendering their output.                      */

typedef struct example {
    const char *file;
    int line;
    char title[256];
    buf input, expected;
} example;

/* Runs clean (and with full, split + tokenize + clean_sentences). */
static void run_stages(arena *a, story *st, doc *d, const buf *input, int full)
{
    memset(st, 0, sizeof *st);
    memset(d, 0, sizeof *d);
    st->text = input->p ? input->p : "";
    st->text_len = input->len;
    d->story = st;
    clean_text(a, d);
    if (!full) return;
    split_sentences(a, d);
    tokenize(a, d);
    clean_sentences(a, d);
}

/* Cleaned text, newlines as lines. */
static void render_clean(const doc *d, buf *out)
{
    buf_fmt_span(out, d->clean, d->clean_len, 0);
}

/* Each white-space-separated chunk of the cleaned text with its range
 * in the original. */
static void render_map(const doc *d, buf *out)
{
    for (size_t i = 0; i < d->clean_len; ) {
        if (d->clean[i] == ' ' || d->clean[i] == '\n') { i++; continue; }
        size_t e = i;
        while (e < d->clean_len && d->clean[e] != ' ' && d->clean[e] != '\n') e++;
        if (out->len) buf_str(out, "\n");
        buf_fmt_span(out, d->clean + i, e - i, 1);
        buf_str(out, " ");
        buf_range(out, d, i, e);
        i = e;
    }
}

/* One sentence a line, with its status. */
static void render_sentences(const doc *d, buf *out, int with_status)
{
    for (size_t k = 0; k < d->n_sents; k++) {
        const sentence *s = &d->sents[k];
        char tag[64] = "";
        if (with_status && s->status == SENT_KEPT) snprintf(tag, sizeof tag, "%d: ", s->number);
        if (with_status && s->status == SENT_BOILERPLATE) snprintf(tag, sizeof tag, "boilerplate: ");
        if (with_status && s->status == SENT_DUPLICATE)
            snprintf(tag, sizeof tag, "dup of %d: ", d->sents[s->duplicate_of].number);
        if (k) buf_str(out, "\n");
        buf_str(out, tag);
        buf_fmt_span(out, d->clean + s->start, s->end - s->start, 1);
    }
}

static const char *const KIND_NAMES[] = {"?", "word", "number", "punct", "quote", "poss", "symbol"};

/* One token a line: text, original range, kind, flags; "--" between
 * sentences. */
static void render_tokens(const doc *d, buf *out)
{
    for (size_t k = 0; k < d->n_sents; k++) {
        const sentence *s = &d->sents[k];
        if (k) buf_str(out, "\n--");
        for (uint32_t j = 0; j < s->n_tokens; j++) {
            const token *t = &d->tokens[s->first_token + j];
            if (out->len) buf_str(out, "\n");
            buf_fmt_span(out, d->clean + t->start, t->len, 1);
            buf_str(out, " ");
            buf_range(out, d, t->start, t->start + t->len);
            buf_str(out, " ");
            buf_str(out, t->kind <= TOK_SYMBOL ? KIND_NAMES[t->kind] : "?");
            if (t->flags & TOKF_CAPITALIZED) buf_str(out, " cap");
            if (t->flags & TOKF_ALL_CAPS) buf_str(out, " caps");
            if (t->flags & TOKF_ABBREV) buf_str(out, " abbrev");
            if (t->flags & TOKF_HYPHENATED) buf_str(out, " hyph");
        }
    }
}

/* Renders the example's actual output for its file and mode. */
static void render(const example *ex, arena *a, buf *out)
{
    story st;
    doc d;
    const char *f = strrchr(ex->file, '/');
    f = f ? f + 1 : ex->file;
    int text = strncmp(ex->title, "text:", 5) == 0, map = strncmp(ex->title, "map:", 4) == 0;
    run_stages(a, &st, &d, &ex->input, !(text || map));
    if (text) render_clean(&d, out);
    else if (map) render_map(&d, out);
    else if (strcmp(f, "tokenize.spec") == 0) render_tokens(&d, out);
    else render_sentences(&d, out, strcmp(f, "clean.spec") == 0);
}

/* ------------------------------------------------------------------ */
/* The examples.                                                       */

static void check_example(const example *ex)
{
    char name[512];
    snprintf(name, sizeof name, "%s:%d", ex->file, ex->line);
    harness_current = name;
    harness_current_failed = 0;
    arena *a = arena_new();
    buf out = {0};
    render(ex, a, &out);
    const char *want = ex->expected.p ? ex->expected.p : "";
    const char *got = out.p ? out.p : "";
    if (strcmp(want, got) != 0) {
        size_t n = strlen(want) + strlen(got) + strlen(ex->title) + 64;
        char *msg = xmalloc(n);
        snprintf(msg, n, "%s\n--- expected\n%s\n--- got\n%s", ex->title, want, got);
        harness_fail(ex->file, ex->line, msg);
        free(msg);
    }
    free(out.p);
    arena_free(a);
    if (harness_current_failed) harness_failed++;
    else { harness_passed++; printf("ok %s\n", name); }
}

/* Reads one line (without its newline) into line; 0 at end of file. */
static int read_line(FILE *f, buf *line)
{
    line->len = 0;
    if (line->p) line->p[0] = '\0';
    int c, any = 0;
    while ((c = fgetc(f)) != EOF && c != '\n') { char ch = (char)c; buf_add(line, &ch, 1); any = 1; }
    return any || c == '\n';
}

/* Reads a block of lines up to a "." line; escapes decoded when asked. */
static void read_block(FILE *f, buf *line, buf *block, int *lineno, int decode)
{
    int first = 1;
    while (read_line(f, line)) {
        (*lineno)++;
        const char *s = line->p ? line->p : "";
        if (strcmp(s, ".") == 0) return;
        if (!first) buf_str(block, "\n");
        if (decode) unescape(block, s);
        else buf_str(block, s);
        first = 0;
    }
}

/* Runs every example of one spec file; returns how many it found. */
static int run_file(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        harness_current = path;
        harness_fail(path, 0, "cannot open spec file (run from the repository root)");
        harness_failed++;
        return 0;
    }
    buf line = {0};
    int lineno = 0, count = 0;
    while (read_line(f, &line)) {
        lineno++;
        if (!line.p || strncmp(line.p, ":: ", 3) != 0) continue;
        example ex = {.file = path, .line = lineno};
        snprintf(ex.title, sizeof ex.title, "%s", line.p + 3);
        read_block(f, &line, &ex.input, &lineno, 1);
        read_block(f, &line, &ex.expected, &lineno, 0);
        check_example(&ex);
        free(ex.input.p);
        free(ex.expected.p);
        count++;
    }
    free(line.p);
    fclose(f);
    return count;
}

/* Each file must hold at least 25 examples. */
static void check_count(const char *path, int n)
{
    char name[300];
    snprintf(name, sizeof name, "%s: at least 25 examples", path);
    harness_current = name;
    harness_current_failed = 0;
    CHECK(n >= 25);
    if (harness_current_failed) harness_failed++;
    else { harness_passed++; printf("ok %s (%d)\n", name, n); }
}

int main(void)
{
    static const char *const FILES[] = {
        "tests/spec/clean.spec", "tests/spec/split.spec", "tests/spec/tokenize.spec",
    };
    for (size_t i = 0; i < sizeof FILES / sizeof FILES[0]; i++)
        check_count(FILES[i], run_file(FILES[i]));
    return harness_report("spec");
}
