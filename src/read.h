/* read.h — readers for the three input formats (SPEC §1).
 *
 *   text          first non-blank line "date YYYY-MM-DD", then the story;
 *                 one story per file, id = file name without extension
 *   jsonl         one JSON object per line: id, date, text (+ title, source, url)
 *   petrarch-xml  <Sentence date="YYYYMMDD" id="..."><Text>...</Text></Sentence>
 *
 * A reader yields stories one at a time.  A bad record never stops the run:
 * reader_next() reports it as READ_FAILED with a message naming the file,
 * the line and (when known) the record id, and the next call goes on with
 * the next record.  Memory is bounded: no record may exceed
 * DYAD_MAX_STORY_BYTES, and a reader holds at most one record plus a fixed
 * buffer, whatever the size of the input.
 *
 * Ownership: the story and failure strings live in the arena passed to
 * reader_next(); the reader keeps nothing that points into it.
 *
 * Example:
 *   input_list *in = input_list_new(paths, n);      // expands directories
 *   const char *path;
 *   while ((path = input_list_next(in))) {
 *       reader *r = reader_open(path, INPUT_AUTO, &fail);
 *       ...
 *       while ((st = reader_next(r, arena, &story, &fail)) != READ_END) ...
 *       reader_close(r);
 *   }
 */
#ifndef DYAD_READ_H
#define DYAD_READ_H

#include <stddef.h>

#include "arena.h"
#include "doc.h"

typedef enum {
    INPUT_AUTO = 0,
    INPUT_TEXT,
    INPUT_JSONL,
    INPUT_PETRARCH_XML,
} input_format;

typedef enum {
    READ_END = 0,      /* no more records */
    READ_STORY = 1,    /* *out holds a story */
    READ_FAILED = 2,   /* *fail describes a record that could not be read */
} read_status;

/* A record that failed: "origin:line: [id ID: ]message". */
typedef struct read_failure {
    const char *origin;    /* file name, "-" for standard input */
    long line;             /* 1-based line where the record starts; 0 if unknown */
    const char *id;        /* record id when it could be read, else NULL */
    const char *message;   /* what is wrong, e.g. "invalid UTF-8 at byte 112" */
} read_failure;

typedef struct reader reader;

/* Parses "text", "jsonl", "petrarch-xml" (and "xml"); -1 if unknown. */
int input_format_parse(const char *name);
const char *input_format_name(input_format f);

/* Opens a file ("-" is standard input) in the given format, or detects it
 * (by extension: .txt text, .jsonl/.json/.ndjson jsonl, .xml petrarch-xml;
 * otherwise by the first non-blank bytes).  Returns NULL when the file cannot
 * be opened; then *fail (strings in static or malloc'd storage owned by the
 * reader module until the next call) says why. */
reader *reader_open(const char *path, input_format fmt, read_failure *fail);

/* Reads from a memory buffer (fuzzing, tests); `name` is used in messages
 * and, for the text format, as the story id source.  The buffer must
 * outlive the reader. */
reader *reader_open_memory(const char *data, size_t len, const char *name,
                           input_format fmt);

/* The format in use (after detection). */
input_format reader_format(const reader *r);

read_status reader_next(reader *r, arena *a, story *out, read_failure *fail);
void reader_close(reader *r);

/* Validates a date written YYYY-MM-DD or YYYYMMDD; on success fills year,
 * month, day and returns 0.  Rejects impossible dates (2023-02-29). */
int parse_story_date(const char *s, size_t len, int *year, int *month, int *day);

/* Returns the byte offset of the first invalid UTF-8 sequence, or -1. */
long utf8_invalid_offset(const char *s, size_t len);

/* Expands command-line inputs: files as given, directories recursively
 * (files ending .txt .jsonl .json .ndjson .xml, in sorted order), "-" as
 * standard input.  A path that does not exist is still returned, so that
 * reader_open() reports it like any unreadable file. */
typedef struct input_list input_list;
input_list *input_list_new(const char *const *paths, size_t n);
const char *input_list_next(input_list *l);   /* NULL at the end */
void input_list_free(input_list *l);

#endif
