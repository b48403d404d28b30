/* read_jsonl.c — JSON Lines: one story object per line.
 *
 *   {"id": "s1", "date": "2024-04-09", "text": "Lavrov met Xi.", "title": "..."}
 *
 * id (string or number), date (YYYY-MM-DD or YYYYMMDD) and text are
 * required; title, source and url are optional (null counts as absent);
 * other members are ignored.  Blank lines are skipped.  A line longer than
 * DYAD_MAX_STORY_BYTES fails and is skipped without being held in memory. */
#include "read_internal.h"

#include <stdio.h>
#include <string.h>

typedef struct jl_line {
    const char *p;           /* the line without its '\n'; NULL when over */
    size_t n;
    long line;               /* its line number */
    rd_off off;              /* stream offset of its first byte */
    int over;                /* longer than the limit */
} jl_line;

/* Takes the line of ln->n bytes at the window position (the whole line is
 * in the window, or the input ends). */
static int line_in_window(reader *r, jl_line *ln, size_t n, int nl)
{
    rd_source *s = &r->src;
    ln->p = s->data + s->pos;
    ln->n = n;
    ln->over = n > DYAD_MAX_STORY_BYTES;
    s->pos += n + (size_t)nl;
    r->line += nl;
    return 1;
}

/* Adds the n bytes at the window position to the record being gathered
 * (or only counts them once it is over the limit). */
static void gather(reader *r, jl_line *ln, size_t n, int nl)
{
    rd_source *s = &r->src;
    if (!ln->over && r->rec.len + n > DYAD_MAX_STORY_BYTES) ln->over = 1;
    if (!ln->over) rd_buf_append(&r->rec, s->data + s->pos, n);
    s->pos += n + (size_t)nl;
    r->line += nl;
}

/* The next line of the input into *ln.  Returns 0 at the end of the input
 * (or on a read error: r->src.err).  A line normally stays in the window;
 * only one longer than the window is gathered in r->rec. */
static int next_line(reader *r, jl_line *ln)
{
    rd_source *s = &r->src;
    memset(ln, 0, sizeof *ln);
    ln->line = r->line;
    ln->off = s->base + s->pos;
    r->rec.len = 0;
    for (int gathering = 0;;) {
        size_t avail = s->len - s->pos;
        const char *nl = memchr(s->data + s->pos, '\n', avail);
        size_t n = nl ? (size_t)(nl - (s->data + s->pos)) : avail;
        if (!gathering && (nl || s->eof))
            return nl || avail ? line_in_window(r, ln, n, nl != NULL) : 0;
        if (!gathering && avail < RD_CHUNK) {
            rd_fill(s, s->pos);
            continue;
        }
        gathering = 1;
        gather(r, ln, n, nl != NULL);
        if (nl || (rd_fill(s, s->len) == 0 && s->eof)) break;
    }
    ln->p = ln->over ? NULL : r->rec.p;
    ln->n = r->rec.len;
    return 1;
}

/* The story id: a non-empty string or a number.  NULL with a message. */
static const char *get_id(const rd_jv *v, char *msg, size_t size)
{
    if (v->type == JV_STRING && v->n > 0) return v->s;
    if (v->type == JV_INTEGER || v->type == JV_REAL) return v->s;
    if (v->type == JV_ABSENT) snprintf(msg, size, "missing \"id\"");
    else if (v->type == JV_STRING) snprintf(msg, size, "\"id\" is empty");
    else snprintf(msg, size, "\"id\" must be a string or a number, not %s", rd_jtype_name(v->type));
    return NULL;
}

/* A required string member.  Returns 0, or -1 with a message. */
static int need_string(const rd_jv *v, const char *key, char *msg, size_t size)
{
    if (v->type == JV_STRING) return 0;
    if (v->type == JV_ABSENT) snprintf(msg, size, "missing \"%s\"", key);
    else snprintf(msg, size, "\"%s\" must be a string, not %s", key, rd_jtype_name(v->type));
    return -1;
}

/* An optional string member into *dst (NULL when absent or null). */
static int optional(const rd_jv *v, const char *key, const char **dst, char *msg, size_t size)
{
    *dst = v->type == JV_STRING ? v->s : NULL;
    if (v->type == JV_ABSENT || v->type == JV_NULL || v->type == JV_STRING) return 0;
    snprintf(msg, size, "\"%s\" must be a string, not %s", key, rd_jtype_name(v->type));
    return -1;
}

/* Fills *out (but the id) from the members; *msg says what is wrong otherwise. */
static int fill_story(const rd_jfields *f, story *out, char *msg, size_t size)
{
    if (need_string(&f->date, "date", msg, size) != 0 ||
        rd_date_problem(f->date.s, f->date.n, out, msg, size) != 0 ||
        need_string(&f->text, "text", msg, size) != 0)
        return -1;
    if (rd_blank_text(f->text.s, f->text.n)) {
        snprintf(msg, size, "%s", f->text.n ? "text is only white space" : "text is empty");
        return -1;
    }
    out->text = f->text.s;
    out->text_len = f->text.n;
    if (optional(&f->title, "title", &out->title, msg, size) != 0 ||
        optional(&f->source, "source", &out->source, msg, size) != 0 ||
        optional(&f->url, "url", &out->url, msg, size) != 0)
        return -1;
    return 0;
}

/* Checks and parses one non-blank line. */
static read_status record(reader *r, arena *a, const jl_line *ln, story *out,
                          read_failure *fail)
{
    char msg[RD_MSG];
    rd_jfields f;
    long bad = utf8_invalid_offset(ln->p, ln->n);
    if (bad >= 0)
        return rd_fail(r, a, fail, ln->line, NULL, "invalid UTF-8 at byte %llu (column %ld)",
                       ln->off + (rd_off)bad, bad + 1);
    if (!rd_json_fast(ln->p, ln->n, a, &f) &&
        rd_json_full(ln->p, ln->n, a, &f, msg, sizeof msg) != 0)
        return rd_fail(r, a, fail, ln->line, NULL, "%s", msg);
    const char *id = get_id(&f.id, msg, sizeof msg);
    if (!id) return rd_fail(r, a, fail, ln->line, NULL, "%s", msg);
    rd_story_begin(r, a, out, ln->line);
    out->id = id;
    if (fill_story(&f, out, msg, sizeof msg) != 0)
        return rd_fail(r, a, fail, ln->line, id, "%s", msg);
    return READ_STORY;
}

/* 1 when p[0..n) is white space only (ASCII). */
static int blank_line(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!rd_is_blank(p[i])) return 0;
    return 1;
}

read_status rd_jsonl_next(reader *r, arena *a, story *out, read_failure *fail)
{
    jl_line ln;
    while (next_line(r, &ln)) {
        if (ln.over)
            return rd_fail(r, a, fail, ln.line, NULL, RD_LIMIT_TEXT);
        if (ln.n && ln.p[ln.n - 1] == '\r') ln.n--;
        if (!blank_line(ln.p, ln.n)) return record(r, a, &ln, out, fail);
    }
    if (r->src.err) return rd_read_error(r, a, fail);
    r->done = 1;
    return READ_END;
}
