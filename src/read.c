/* read.c — see read.h.  Opening, format detection and the shared result
 * helpers; the formats live in read_text.c, read_jsonl.c and read_xml.c,
 * the byte source in read_src.c, the checks in read_check.c. */
#include "read_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const format_names[] = { "auto", "text", "jsonl", "petrarch-xml" };

int input_format_parse(const char *name)
{
    if (!name) return -1;
    for (int f = INPUT_AUTO; f <= INPUT_PETRARCH_XML; f++)
        if (strcmp(name, format_names[f]) == 0) return f;
    return strcmp(name, "xml") == 0 ? INPUT_PETRARCH_XML : -1;
}

const char *input_format_name(input_format f)
{
    return f >= INPUT_AUTO && f <= INPUT_PETRARCH_XML ? format_names[f] : "unknown";
}

/* The format a file name's extension implies (case-insensitive), or INPUT_AUTO. */
static input_format format_of_name(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *dot = strrchr(slash ? slash + 1 : name, '.');
    if (!dot) return INPUT_AUTO;
    if (strcasecmp(dot, ".txt") == 0) return INPUT_TEXT;
    if (strcasecmp(dot, ".jsonl") == 0 || strcasecmp(dot, ".json") == 0 ||
        strcasecmp(dot, ".ndjson") == 0) return INPUT_JSONL;
    if (strcasecmp(dot, ".xml") == 0) return INPUT_PETRARCH_XML;
    return INPUT_AUTO;
}

/* The id of a text-format story read from `name`: the file name without
 * directory and extension; "stdin" for "-" or an empty name. */
static char *stem_of(const char *name)
{
    const char *slash = strrchr(name, '/');
    const char *base = slash ? slash + 1 : name;
    const char *dot = strrchr(base, '.');
    size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
    if (strcmp(name, "-") == 0 || n == 0) return xstrdup("stdin");
    char *s = xmalloc(n + 1);
    memcpy(s, base, n);
    s[n] = '\0';
    return s;
}

/* Skips the byte order mark and white space, then guesses the format from
 * the first bytes: '{' jsonl, '<' petrarch-xml, anything else text. */
static input_format detect(rd_source *s)
{
    rd_skip_bom(s);
    for (;;) {
        while (s->pos < s->len && rd_is_blank(s->data[s->pos])) s->pos++;
        if (s->pos < s->len || rd_fill(s, s->pos) == 0) break;
    }
    if (s->pos >= s->len) return INPUT_TEXT;
    if (s->data[s->pos] == '{') return INPUT_JSONL;
    if (s->data[s->pos] == '<') return INPUT_PETRARCH_XML;
    return INPUT_TEXT;
}

/* Makes a reader over an initialised source and settles its format. */
static reader *reader_new(rd_source *src, const char *name, input_format fmt)
{
    reader *r = xcalloc(1, sizeof *r);
    r->src = *src;
    r->origin = xstrdup(name);
    r->stem = stem_of(name);
    if (fmt == INPUT_AUTO) fmt = format_of_name(name);
    if (fmt == INPUT_AUTO) fmt = detect(&r->src);
    else if (fmt != INPUT_PETRARCH_XML) rd_skip_bom(&r->src);
    r->fmt = fmt;
    r->line = rd_line_at(&r->src, r->src.base + r->src.pos);
    if (fmt == INPUT_PETRARCH_XML) rd_xml_init(r);
    return r;
}

/* Fills *fail for reader_open(); the strings stay valid until the next call. */
static reader *open_failed(read_failure *fail, const char *path, const char *why)
{
    static char *origin;
    static char message[RD_MSG];
    free(origin);
    origin = xstrdup(path);
    snprintf(message, sizeof message, "cannot open: %s", why);
    if (fail) {
        fail->origin = origin;
        fail->line = 0;
        fail->id = NULL;
        fail->message = message;
    }
    return NULL;
}

/* Opens path read-only; on failure returns -1 and sets *why. */
static int open_input(const char *path, const char **why)
{
    struct stat st;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) { *why = strerror(errno); return -1; }
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        *why = "is a directory";
        return -1;
    }
    return fd;
}

reader *reader_open(const char *path, input_format fmt, read_failure *fail)
{
    rd_source src;
    const char *why = NULL;
    if (!path) return open_failed(fail, "(null)", strerror(EINVAL));
    if (strcmp(path, "-") == 0) {
        rd_source_fd(&src, STDIN_FILENO, 0);
    } else {
        int fd = open_input(path, &why);
        if (fd < 0) return open_failed(fail, path, why);
        rd_source_fd(&src, fd, 1);
    }
    return reader_new(&src, path, fmt);
}

reader *reader_open_memory(const char *data, size_t len, const char *name,
                           input_format fmt)
{
    rd_source src;
    rd_source_memory(&src, data, len);
    return reader_new(&src, name ? name : "-", fmt);
}

input_format reader_format(const reader *r)
{
    return r->fmt;
}

read_status reader_next(reader *r, arena *a, story *out, read_failure *fail)
{
    if (!r || r->done) return READ_END;
    switch (r->fmt) {
    case INPUT_JSONL: return rd_jsonl_next(r, a, out, fail);
    case INPUT_PETRARCH_XML: return rd_xml_next(r, a, out, fail);
    default: return rd_text_next(r, a, out, fail);
    }
}

void reader_close(reader *r)
{
    if (!r) return;
    rd_xml_free(r);
    rd_source_free(&r->src);
    rd_buf_free(&r->rec);
    free(r->origin);
    free(r->stem);
    free(r);
}

/* Fills *f (strings in arena a) and returns READ_FAILED. */
read_status rd_fail(reader *r, arena *a, read_failure *f, long line,
                    const char *id, const char *fmt, ...)
{
    char msg[RD_MSG];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    f->origin = arena_strdup(a, r->origin);
    f->line = line;
    f->id = id ? arena_strdup(a, id) : NULL;
    f->message = arena_strdup(a, msg);
    return READ_FAILED;
}

/* Reports the read error of r's source (once) and ends the reader. */
read_status rd_read_error(reader *r, arena *a, read_failure *f)
{
    r->done = 1;
    return rd_fail(r, a, f, r->line, NULL, "read error: %s", strerror(r->src.err));
}

/* Clears *out and sets the fields every story has from its reader. */
void rd_story_begin(reader *r, arena *a, story *out, long line)
{
    memset(out, 0, sizeof *out);
    out->origin = arena_strdup(a, r->origin);
    out->line = line;
}
