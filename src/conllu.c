/* conllu.c — see conllu.h.
 *
 * The file is read whole into one buffer and cut in place: every string of
 * the treebank points into that buffer (tabs and newlines become NULs).
 * Words of all sentences live in one array; sentences point into it.
 */
#include "conllu.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

typedef struct conllu_mem {
    char *buf;           /* file contents, cut into strings */
    ud_word *words;      /* every word of every sentence */
    ud_sentence *sents;
} conllu_mem;

static const char *const upos_names[POS_COUNT] = {
    "X", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ",
    "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ",
    "SYM", "VERB",
};

/* Returns the pos_tag for a UPOS name, -1 when the name is not one. */
int upos_from_name(const char *name)
{
    if (!name) return -1;
    for (int i = 0; i < POS_COUNT; i++)
        if (strcmp(name, upos_names[i]) == 0) return i;
    return -1;
}

/* Returns the UPOS name of a pos_tag; "X" for an out-of-range value. */
const char *upos_name(int pos)
{
    if (pos < 0 || pos >= POS_COUNT) return "X";
    return upos_names[pos];
}

/* Reads the whole file into a NUL-terminated malloc'd buffer; NULL with a
 * message in err when it cannot be read.  *len receives the byte count. */
static char *slurp(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 1 << 20, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 1 >= cap) buf = xrealloc(buf, cap *= 2);
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
        if (got == 0) break;
    }
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        snprintf(err, errlen, "%s: read error", path);
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

/* Parses a decimal integer filling the whole string s; 0 on success. */
static int parse_int(const char *s, long *out)
{
    if (!*s) return -1;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno) return -1;
    *out = v;
    return 0;
}

/* Splits a line in place at tabs into at most 10 fields; returns the count
 * of fields found (11 means "more than 10"). */
static int split_fields(char *line, char *f[10])
{
    int n = 0;
    char *p = line;
    for (;;) {
        if (n == 10) return 11;
        f[n++] = p;
        char *t = strchr(p, '\t');
        if (!t) return n;
        *t = '\0';
        p = t + 1;
    }
}

/* Reading state shared by the line handlers. */
typedef struct reader {
    const char *path;
    long line;
    conllu_mem *mem;
    size_t n_words, n_sents, cap_sents;
    size_t sent_first;             /* index of the current sentence's first word */
    const char *sent_id, *text;    /* comments seen for the current sentence */
    char *err;
    size_t errlen;
} reader;

/* Records an error "PATH:LINE: msg"; returns -1. */
static int fail(reader *r, const char *msg)
{
    snprintf(r->err, r->errlen, "%s:%ld: %s", r->path, r->line, msg);
    return -1;
}

/* Closes the current sentence if it has words (or comments only: dropped). */
static void end_sentence(reader *r)
{
    size_t n = r->n_words - r->sent_first;
    if (n > 0) {
        if (r->n_sents == r->cap_sents) {
            r->cap_sents = r->cap_sents ? r->cap_sents * 2 : 1024;
            r->mem->sents = xrealloc(r->mem->sents, r->cap_sents * sizeof *r->mem->sents);
        }
        ud_sentence *s = &r->mem->sents[r->n_sents++];
        s->sent_id = r->sent_id;
        s->text = r->text;
        s->words = (ud_word *)(uintptr_t)r->sent_first;   /* fixed up at the end */
        s->n = n;
    }
    r->sent_first = r->n_words;
    r->sent_id = r->text = NULL;
}

/* Keeps "# sent_id = X" and "# text = X" comments; ignores the others. */
static void comment_line(reader *r, char *line)
{
    char *p = line + 1;
    while (*p == ' ') p++;
    if (strncmp(p, "sent_id", 7) == 0 || strncmp(p, "text", 4) == 0) {
        int is_id = p[0] == 's';
        char *q = p + (is_id ? 7 : 4);
        while (*q == ' ') q++;
        if (*q != '=') return;
        q++;
        while (*q == ' ') q++;
        if (is_id) r->sent_id = q; else r->text = q;
    }
}

/* The value of the MISC item AltXPOS= (NUL-terminated in place), or
 * NULL. */
static const char *misc_alt_xpos(char *misc)
{
    static const char key[] = "AltXPOS=";
    for (char *p = misc; p && *p;) {
        char *bar = strchr(p, '|');
        if (strncmp(p, key, sizeof key - 1) == 0) {
            if (bar) *bar = '\0';
            return p[sizeof key - 1] ? p + sizeof key - 1 : NULL;
        }
        p = bar ? bar + 1 : NULL;
    }
    return NULL;
}

/* Parses one word line; multi-word tokens and empty nodes are skipped.
 * Returns 0, or -1 with the error recorded. */
static int word_line(reader *r, char *line)
{
    char *f[10];
    int nf = split_fields(line, f);
    if (nf != 10) return fail(r, nf < 10 ? "expected 10 tab-separated columns"
                                         : "more than 10 columns");
    if (strchr(f[0], '-') || strchr(f[0], '.')) return 0;
    long id, head = -1;
    if (parse_int(f[0], &id) != 0) return fail(r, "bad ID column");
    if (id != (long)(r->n_words - r->sent_first) + 1)
        return fail(r, "word IDs out of sequence");
    if (strcmp(f[6], "_") != 0 && (parse_int(f[6], &head) != 0 || head < 0))
        return fail(r, "bad HEAD column");
    if (*f[1] == '\0') return fail(r, "empty FORM column");
    ud_word *w = &r->mem->words[r->n_words++];
    int pos = upos_from_name(f[3]);
    w->form = f[1];
    w->lemma = f[2];
    w->upos = (uint8_t)(pos < 0 ? POS_X : pos);
    w->xpos = f[4];
    w->head = (int)head;
    w->deprel = f[7];
    w->xpos_alt = misc_alt_xpos(f[9]);
    return 0;
}

/* Counts lines (an upper bound on words). */
static size_t count_lines(const char *buf, size_t len)
{
    size_t n = 1;
    for (size_t i = 0; i < len; i++) n += buf[i] == '\n';
    return n;
}

/* Walks every line of buf; 0 on success, -1 with the error recorded. */
static int read_lines(reader *r, char *buf)
{
    char *p = buf;
    while (*p) {
        char *nl = strchr(p, '\n');
        char *next = nl ? nl + 1 : p + strlen(p);
        if (nl) *nl = '\0';
        size_t l = strlen(p);
        if (l && p[l - 1] == '\r') p[--l] = '\0';
        r->line++;
        if (l == 0) end_sentence(r);
        else if (p[0] == '#') {
            if (r->n_words == r->sent_first) comment_line(r, p);
        } else if (word_line(r, p) != 0) return -1;
        p = next;
    }
    end_sentence(r);
    return 0;
}

treebank *conllu_read_file(const char *path, char *err, size_t errlen)
{
    size_t len;
    char *buf = slurp(path, &len, err, errlen);
    if (!buf) return NULL;
    conllu_mem *mem = xcalloc(1, sizeof *mem);
    mem->buf = buf;
    mem->words = xmalloc(count_lines(buf, len) * sizeof *mem->words);
    reader r = { .path = path, .mem = mem, .err = err, .errlen = errlen };
    if (read_lines(&r, buf) != 0) {
        free(mem->sents);
        free(mem->words);
        free(mem->buf);
        free(mem);
        return NULL;
    }
    treebank *tb = xcalloc(1, sizeof *tb);
    for (size_t s = 0; s < r.n_sents; s++)
        mem->sents[s].words = mem->words + (size_t)(uintptr_t)mem->sents[s].words;
    tb->sents = mem->sents;
    tb->n_sents = r.n_sents;
    tb->n_words = r.n_words;
    tb->mem_ = mem;
    return tb;
}

void conllu_free(treebank *tb)
{
    if (!tb) return;
    conllu_mem *mem = tb->mem_;
    free(mem->sents);
    free(mem->words);
    free(mem->buf);
    free(mem);
    free(tb);
}

void conllu_write_sentence(FILE *out, const ud_sentence *s)
{
    if (s->sent_id) fprintf(out, "# sent_id = %s\n", s->sent_id);
    if (s->text) fprintf(out, "# text = %s\n", s->text);
    for (size_t i = 0; i < s->n; i++) {
        const ud_word *w = &s->words[i];
        char head[24] = "_";
        if (w->head >= 0) snprintf(head, sizeof head, "%d", w->head);
        fprintf(out, "%zu\t%s\t%s\t%s\t%s\t_\t%s\t%s\t_\t%s%s\n", i + 1,
                w->form ? w->form : "_", w->lemma ? w->lemma : "_",
                upos_name(w->upos), w->xpos ? w->xpos : "_", head,
                w->deprel ? w->deprel : "_", w->xpos_alt ? "AltXPOS=" : "_",
                w->xpos_alt ? w->xpos_alt : "");
    }
    fputc('\n', out);
}
