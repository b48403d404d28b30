/* write.h — output writers behind dyad_writer (dyad.h).
 *
 *   jsonl    one JSON object per event, the fields of SPEC §3 in order,
 *            then date_text; null for what is not known
 *   tsv      a header row, then one event per line: the JSON fields in
 *            order, location and evidence flattened into columns; tabs and
 *            line breaks inside text become spaces; null is empty
 *   phoenix  the Phoenix data set's 26 tab-separated columns
 *   text     one line per event for people to read (the date padded to
 *            10 characters):
 *            2024-04-09  RUSGOV -> CHNGOV  040 (Consult), Beijing  [story:1: "met"]
 *
 * The JSON writer escapes every control character and writes UTF-8 as is
 * (input was validated by the readers). */
#ifndef DYAD_WRITE_H
#define DYAD_WRITE_H

#include <stdio.h>

#include "result.h"

/* Writes one event; returns 0, or -1 on an I/O error. */
int write_event_jsonl(FILE *out, const dyad_event *e);
int write_event_tsv(FILE *out, const dyad_event *e);
int write_event_phoenix(FILE *out, const dyad_event *e, size_t event_number);

int write_event_text(FILE *out, const dyad_event *e);

int write_tsv_header(FILE *out);

/* Writes one quote record (dyad.h dyad_write_quotes). */
int write_quote_jsonl(FILE *out, const dyad_quote *q);

/* One temporal expression of story story_id as a JSON line (`dyad
 * times`); 0, or -1 on an I/O error. */
int write_time_expression_jsonl(FILE *out, const char *story_id,
                                const dyad_time_expression *x);

#endif
