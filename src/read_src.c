/* read_src.c — the byte source under every reader: a window over a file
 * descriptor refilled RD_CHUNK bytes at a time, or over a memory buffer.
 * read(2) is used directly so that a pipe delivers records as they come
 * instead of waiting for a full buffer. */
#include "read_internal.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Appends n bytes to b (growing it geometrically). */
void rd_buf_append(rd_buf *b, const char *s, size_t n)
{
    if (n > b->cap - b->len) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap - b->len < n) cap *= 2;
        b->p = xrealloc(b->p, cap);
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
}

/* Replaces the contents of b with s[0..n). */
void rd_buf_set(rd_buf *b, const char *s, size_t n)
{
    b->len = 0;
    rd_buf_append(b, s, n);
}

/* Frees the storage of b and empties it. */
void rd_buf_free(rd_buf *b)
{
    free(b->p);
    b->p = NULL;
    b->len = b->cap = 0;
}

/* A source reading from fd; own: close fd in rd_source_free(). */
void rd_source_fd(rd_source *s, int fd, int own)
{
    memset(s, 0, sizeof *s);
    s->fd = fd;
    s->own_fd = own;
    s->buf = xmalloc(RD_CHUNK);
    s->data = s->buf;
    s->line0 = s->cache_line = 1;
}

/* A source over data[0..len), all of it in the window from the start. */
void rd_source_memory(rd_source *s, const char *data, size_t len)
{
    memset(s, 0, sizeof *s);
    s->fd = -1;
    s->data = data ? data : "";
    s->len = data ? len : 0;
    s->eof = 1;
    s->line0 = s->cache_line = 1;
}

/* Releases the window and closes an owned descriptor. */
void rd_source_free(rd_source *s)
{
    if (s->own_fd && s->fd >= 0) close(s->fd);
    free(s->buf);
    s->buf = NULL;
    s->fd = -1;
}

/* Number of '\n' in p[0..n). */
size_t rd_count_lines(const char *p, size_t n)
{
    size_t count = 0;
    const char *end = p + n;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        count++;
        p++;
    }
    return count;
}

/* One read(2) into buf, retried on EINTR; sets eof/err.  Returns bytes read. */
static size_t read_some(rd_source *s, char *buf, size_t room)
{
    ssize_t n;
    do n = read(s->fd, buf, room);
    while (n < 0 && errno == EINTR);
    if (n > 0) return (size_t)n;
    if (n < 0) s->err = errno;
    s->eof = 1;
    return 0;
}

/* Drops data[0..keep_from), moves the rest to the front and reads more
 * behind it.  Returns the number of bytes added: 0 at the end of the input,
 * on a read error (s->err set), for a memory source, or when the kept part
 * already fills the window. */
size_t rd_fill(rd_source *s, size_t keep_from)
{
    if (s->fd < 0 || s->eof) return 0;
    size_t keep = s->len - keep_from;
    s->line0 += (long)rd_count_lines(s->data, keep_from);
    memmove(s->buf, s->buf + keep_from, keep);
    s->base += keep_from;
    s->pos = s->pos > keep_from ? s->pos - keep_from : 0;
    s->len = keep;
    if (keep == RD_CHUNK) return 0;
    size_t n = read_some(s, s->buf + keep, RD_CHUNK - keep);
    s->len += n;
    return n;
}

/* Reads until at least `want` bytes follow pos, the input ends or the
 * window is full.  Returns the bytes available after pos. */
size_t rd_ensure(rd_source *s, size_t want)
{
    while (s->len - s->pos < want && rd_fill(s, s->pos) > 0)
        ;
    return s->len - s->pos;
}

/* Line number (1-based) of stream offset off, which should lie in the
 * window; earlier offsets count as the window start. */
long rd_line_at(rd_source *s, rd_off off)
{
    if (off < s->base) off = s->base;
    if (off > s->base + s->len) off = s->base + s->len;
    if (s->cache_off < s->base || s->cache_off > off) {
        s->cache_off = s->base;
        s->cache_line = s->line0;
    }
    size_t from = (size_t)(s->cache_off - s->base);
    s->cache_line += (long)rd_count_lines(s->data + from, (size_t)(off - s->cache_off));
    s->cache_off = off;
    return s->cache_line;
}

/* Skips a UTF-8 byte order mark at the very start of the input. */
void rd_skip_bom(rd_source *s)
{
    if (s->base != 0 || s->pos != 0) return;
    if (rd_ensure(s, 3) >= 3 && memcmp(s->data, "\xEF\xBB\xBF", 3) == 0)
        s->pos = 3;
}
