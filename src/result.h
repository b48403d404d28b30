/* result.h — the coded story behind the opaque dyad_result / dyad_event
 * of dyad.h (private: only the library's own modules include it).
 *
 * A result lives in its story's arena; everything here is filled in by
 * pipeline.c and read by write.c.
 */
#ifndef DYAD_RESULT_H
#define DYAD_RESULT_H

#include "dyad.h"

#include "actors.h"
#include "arena.h"
#include "cameo.h"
#include "code.h"
#include "doc.h"

/* A span of the sentence text and of the original story text. */
typedef struct span {
    int present;
    uint32_t start, end;          /* bytes in the event's sentence text */
    uint32_t orig_start, orig_end;/* bytes in the story text as given */
} span;

struct dyad_event {
    const char *story_id;
    const char *sentence_id;
    int sentence_number;          /* 1-based among the story's kept sentences */
    const char *story_date;
    const char *date;
    const char *date_text;        /* words that gave the date; NULL: the story date */
    const char *source, *target;
    const char *source_text, *target_text;
    char code[8];
    char root[3];
    const cameo_info *cameo;      /* NULL when the code is not in the table */
    const char *verb_text;
    const char *loc_name, *loc_country;
    double lat, lon;
    int has_coords;
    const char *text;             /* the sentence, as cleaned */
    span src, tgt, verb;
    const char *dict_file;
    long dict_line;
    unsigned mentions;            /* sentences reporting the event (resolve.h) */
    const char **sentence_ids;    /* the kept ones, n_sentence_ids of them */
    const int *sentence_numbers;  /* and their sentence_number */
    size_t n_sentence_ids;
    const char *quoted_by;        /* the speaker whose words hold the verb, or NULL */
    const char *quoted_by_code;
};

/* A quote (quotes.h) as written by --quotes. */
struct dyad_quote {
    const char *story_id;
    const char *sentence_id;      /* of the sentence with the speaker */
    int sentence_number;          /* its number among the kept sentences */
    int direct;                   /* in quotation marks; else reported speech */
    const char *speaker;          /* the speaker's words in that sentence */
    const char *speaker_name;     /* for "he", "she": the words naming them before */
    const char *speaker_code;     /* NULL when unknown */
    const char *addressee, *addressee_code;
    const char *text;             /* the words said, as cleaned */
    uint32_t orig_start, orig_end;/* bytes in the story text as given */
};

struct dyad_result {
    const story *st;
    doc d;
    dyad_result_status status;
    const char *discard_reason;
    size_t n_kept, n_dropped;
    dyad_event *events;
    size_t n_events;
    dyad_quote *quotes;
    size_t n_quotes;
};

#endif
