/* read_text.c — the text format: one story per file.
 *
 *     date 2024-04-09          <- first non-blank line (blanks around allowed)
 *
 *     Headline                 <- story.text starts here, story.line = 3
 *     Body ...
 *
 * The id is the file name without directory and extension ("stdin" for
 * standard input).  The text is kept byte for byte after the blank lines
 * that follow the date line. */
#include "read_internal.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define DATE_LINE_MAX 4096   /* a longer first line is not a date line */

/* Moves src.pos past blank lines, counting them in r->line.  Returns 1 when
 * src.pos is at the start of a non-blank line, 0 at the end of the input. */
static int skip_blank_lines(reader *r)
{
    rd_source *s = &r->src;
    for (;;) {
        const char *p = s->data + s->pos, *end = s->data + s->len;
        for (; p < end && rd_is_blank(*p); p++) {
            if (*p != '\n') continue;
            r->line++;
            s->pos = (size_t)(p + 1 - s->data);
        }
        if (p < end) return 1;
        size_t keep = s->len - s->pos == RD_CHUNK ? s->len : s->pos;
        if (rd_fill(s, keep) == 0) return 0;
    }
}

/* Length of the line at src.pos without its '\n' (at most DATE_LINE_MAX
 * bytes are looked at); *nl tells whether a newline ends it. */
static size_t first_line(rd_source *s, int *nl)
{
    for (;;) {
        size_t avail = s->len - s->pos;
        size_t look = avail < DATE_LINE_MAX ? avail : DATE_LINE_MAX;
        const char *end = memchr(s->data + s->pos, '\n', look);
        *nl = end != NULL;
        if (end) return (size_t)(end - (s->data + s->pos));
        if (avail >= DATE_LINE_MAX || rd_fill(s, s->pos) == 0) return look;
    }
}

/* Checks the date line p[0..n) ("date YYYY-MM-DD", blanks around) and fills
 * the date of *out.  Returns 0, or -1 with a message. */
static int date_line(const char *p, size_t n, story *out, char *msg, size_t size)
{
    char q[128];
    size_t i = 0;
    while (i < n && rd_is_blank(p[i])) i++;
    if (n - i < 4 || strncasecmp(p + i, "date", 4) != 0 ||
        (n - i > 4 && !rd_is_blank(p[i + 4]))) {
        rd_quote(p + i, n - i, q, sizeof q);
        snprintf(msg, size, "no date line: the first line is %s, expected \"date YYYY-MM-DD\"", q);
        return -1;
    }
    return rd_date_problem(p + i + 4, n - i - 4, out, msg, size);
}

/* The rest of the input from src.pos: in place for a memory source (or a
 * file already in the window), else gathered in r->rec.  Returns 0, 1 when
 * it is longer than DYAD_MAX_STORY_BYTES, -1 on a read error. */
static int gather_rest(reader *r, const char **p, size_t *n)
{
    rd_source *s = &r->src;
    r->rec.len = 0;
    while (!s->eof) {
        size_t avail = s->len - s->pos;
        if (r->rec.len + avail > DYAD_MAX_STORY_BYTES) return 1;
        rd_buf_append(&r->rec, s->data + s->pos, avail);
        s->pos = s->len;
        rd_fill(s, s->len);
    }
    if (s->err) return -1;
    if (r->rec.len) rd_buf_append(&r->rec, s->data + s->pos, s->len - s->pos);
    *p = r->rec.len ? r->rec.p : s->data + s->pos;
    *n = r->rec.len ? r->rec.len : s->len - s->pos;
    return *n > DYAD_MAX_STORY_BYTES;
}

/* Reads the date line into *out (date fields, and out->line = its line);
 * on success src.pos is past it.  Returns 0 or -1 with a message. */
static int read_date_line(reader *r, story *out, char *msg, size_t size)
{
    rd_source *s = &r->src;
    int nl;
    if (!skip_blank_lines(r)) {
        snprintf(msg, size, "no date line: the file is empty");
        return -1;
    }
    size_t n = first_line(s, &nl);
    out->line = r->line;
    if (date_line(s->data + s->pos, n, out, msg, size) != 0) return -1;
    s->pos += n + (size_t)nl;
    r->line += nl;
    return 0;
}

/* Reads the story text after the date line into *out. */
static read_status read_body(reader *r, arena *a, story *out, read_failure *fail)
{
    char msg[RD_MSG];
    const char *p = NULL;
    size_t n = 0;
    if (!skip_blank_lines(r))
        return r->src.err ? rd_read_error(r, a, fail)
                          : rd_fail(r, a, fail, out->line, r->stem, "text is empty");
    rd_off off = r->src.base + r->src.pos;
    int rc = gather_rest(r, &p, &n);
    if (rc < 0) return rd_read_error(r, a, fail);
    if (rc > 0) return rd_fail(r, a, fail, r->line, r->stem, RD_LIMIT_TEXT);
    if (rd_text_problem(p, n, off, msg, sizeof msg) != 0)
        return rd_fail(r, a, fail, r->line, r->stem, "%s", msg);
    out->line = r->line;
    out->id = arena_strdup(a, r->stem);
    out->text = arena_strndup(a, p, n);
    out->text_len = n;
    return READ_STORY;
}

read_status rd_text_next(reader *r, arena *a, story *out, read_failure *fail)
{
    char msg[RD_MSG];
    r->done = 1;
    rd_story_begin(r, a, out, r->line);
    if (read_date_line(r, out, msg, sizeof msg) != 0)
        return r->src.err ? rd_read_error(r, a, fail)
                          : rd_fail(r, a, fail, r->line, r->stem, "%s", msg);
    return read_body(r, a, out, fail);
}
