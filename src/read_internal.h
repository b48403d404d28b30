/* read_internal.h — private to the read stage (read.c, read_*.c).
 *
 * A reader pulls bytes through an rd_source: a window of the input that is
 * refilled in RD_CHUNK pieces (a file) or is the whole buffer at once
 * (reader_open_memory).  Each format keeps at most one record in `rec` on
 * top of the window, so memory does not grow with the input.
 *
 *   window:  data[0] ... data[pos] ... data[len)     stream offset of data[0]: base
 *                        next byte to use
 *
 * Ownership: the reader owns its window, record buffer and names; stories
 * and failures are copied into the caller's arena.
 */
#ifndef DYAD_READ_INTERNAL_H
#define DYAD_READ_INTERNAL_H

#include "read.h"

#define RD_CHUNK (1u << 20)          /* bytes per read */
#define RD_MSG 512                   /* room for one failure message */
#define RD_LIMIT_TEXT "record longer than 16 MiB"

typedef unsigned long long rd_off;   /* byte offset in the input stream */

/* A growable byte buffer (reader-owned). */
typedef struct rd_buf {
    char *p;
    size_t len, cap;
} rd_buf;

typedef struct rd_source {
    int fd;                  /* -1 for a memory source */
    int own_fd;              /* close fd at the end (not standard input) */
    char *buf;               /* window storage (files only) */
    const char *data;        /* the window */
    size_t len, pos;
    rd_off base;             /* stream offset of data[0] */
    long line0;              /* line number of data[0] */
    rd_off cache_off;        /* rd_line_at() memo: offset ... */
    long cache_line;         /* ... and its line */
    int eof;                 /* nothing more to read */
    int err;                 /* errno of a read error, 0 if none */
} rd_source;

typedef struct rd_xml rd_xml;

struct reader {
    input_format fmt;
    rd_source src;
    char *origin;            /* file name, "-" for standard input */
    char *stem;              /* id of a text-format story */
    long line;               /* text, jsonl: line of src.data[src.pos] */
    int done;                /* no more records */
    rd_buf rec;              /* the record being assembled */
    rd_xml *xml;             /* petrarch-xml state, NULL otherwise */
};

/* read_src.c: buffers and the byte source */
void rd_buf_append(rd_buf *b, const char *s, size_t n);
void rd_buf_set(rd_buf *b, const char *s, size_t n);
void rd_buf_free(rd_buf *b);
void rd_source_fd(rd_source *s, int fd, int own);
void rd_source_memory(rd_source *s, const char *data, size_t len);
void rd_source_free(rd_source *s);
size_t rd_fill(rd_source *s, size_t keep_from);
size_t rd_ensure(rd_source *s, size_t want);
long rd_line_at(rd_source *s, rd_off off);
size_t rd_count_lines(const char *p, size_t n);
void rd_skip_bom(rd_source *s);

/* ASCII white space: space, tab, CR, LF, VT, FF. */
static inline int rd_is_blank(char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* read_check.c: validation and message pieces */
int rd_blank_text(const char *s, size_t n);
int rd_text_problem(const char *s, size_t n, rd_off off, char *msg, size_t size);
int rd_date_problem(const char *s, size_t n, story *out, char *msg, size_t size);
void rd_quote(const char *s, size_t n, char *out, size_t size);
void rd_clean_message(const char *s, char *out, size_t size);

/* read_json.c: the members of a JSON Lines record that make a story.
 * Strings and numbers are NUL-terminated copies in the caller's arena. */
typedef enum {
    JV_ABSENT = 0, JV_NULL, JV_BOOL, JV_INTEGER, JV_REAL, JV_STRING, JV_ARRAY, JV_OBJECT
} rd_jtype;

typedef struct rd_jv {
    rd_jtype type;
    const char *s;           /* JV_STRING: the value; JV_INTEGER, JV_REAL: as text */
    size_t n;
} rd_jv;

typedef struct rd_jfields {
    rd_jv id, date, text, title, source, url;
} rd_jfields;

int rd_json_fast(const char *p, size_t n, arena *a, rd_jfields *f);
int rd_json_full(const char *p, size_t n, arena *a, rd_jfields *f, char *msg, size_t size);
const char *rd_jtype_name(rd_jtype t);

/* read.c: results */
read_status rd_fail(reader *r, arena *a, read_failure *f, long line,
                    const char *id, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
read_status rd_read_error(reader *r, arena *a, read_failure *f);
void rd_story_begin(reader *r, arena *a, story *out, long line);

/* per format */
read_status rd_text_next(reader *r, arena *a, story *out, read_failure *fail);
read_status rd_jsonl_next(reader *r, arena *a, story *out, read_failure *fail);
void rd_xml_init(reader *r);
read_status rd_xml_next(reader *r, arena *a, story *out, read_failure *fail);
void rd_xml_free(reader *r);

#endif
