/* fuzz_read.h — shared by the reader fuzz targets: drains a reader over the
 * fuzz input and aborts when a result breaks the reader's contract (read.h,
 * doc.h), so libFuzzer reports it like a crash. */
#ifndef DYAD_FUZZ_READ_H
#define DYAD_FUZZ_READ_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when cond is false. */
static void fuzz_require(int cond, const char *what)
{
    if (cond) return;
    fprintf(stderr, "contract broken: %s\n", what);
    abort();
}

/* A NUL-terminated valid UTF-8 string. */
static int fuzz_utf8(const char *s)
{
    return s && utf8_invalid_offset(s, strlen(s)) == -1;
}

static void fuzz_check_story(const story *s)
{
    int y, m, d;
    fuzz_require(fuzz_utf8(s->id) && s->id[0], "story id: non-empty UTF-8");
    fuzz_require(parse_story_date(s->date, strlen(s->date), &y, &m, &d) == 0 &&
                 y == s->year && m == s->month && d == s->day, "story date");
    fuzz_require(s->text && strlen(s->text) == s->text_len, "text: no NUL, length");
    fuzz_require(utf8_invalid_offset(s->text, s->text_len) == -1, "text: UTF-8");
    fuzz_require(s->text_len > 0 && s->text_len <= DYAD_MAX_STORY_BYTES, "text: size");
    fuzz_require(s->origin && s->line >= 1, "origin and line");
    fuzz_require(!s->title || fuzz_utf8(s->title), "title: UTF-8");
    fuzz_require(!s->source || fuzz_utf8(s->source), "source: UTF-8");
    fuzz_require(!s->url || fuzz_utf8(s->url), "url: UTF-8");
    fuzz_require(!s->category || fuzz_utf8(s->category), "category: UTF-8");
}

static void fuzz_check_failure(const read_failure *f)
{
    fuzz_require(fuzz_utf8(f->message) && f->message[0], "failure message: non-empty UTF-8");
    fuzz_require(f->origin != NULL && f->line >= 0, "failure origin and line");
    fuzz_require(!f->id || fuzz_utf8(f->id), "failure id: UTF-8");
}

/* Reads data in format fmt to the end, one arena reset per record. */
static void fuzz_drain(const uint8_t *data, size_t size, const char *name, input_format fmt)
{
    static arena *a;
    if (!a) a = arena_new();
    reader *r = reader_open_memory((const char *)data, size, name, fmt);
    fuzz_require(r != NULL && reader_format(r) == fmt, "open with a forced format");
    story s;
    read_failure f;
    read_status st;
    size_t results = 0;
    while ((st = reader_next(r, a, &s, &f)) != READ_END) {
        if (st == READ_STORY) fuzz_check_story(&s);
        else fuzz_check_failure(&f);
        fuzz_require(++results <= size + 2, "at most one result per input byte");
        arena_reset(a);
    }
    fuzz_require(reader_next(r, a, &s, &f) == READ_END, "READ_END stays");
    reader_close(r);
    arena_reset(a);
}

#endif
