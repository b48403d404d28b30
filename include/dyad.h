/* dyad.h — the public API of dyad, a political event coder.
 *
 * dyad turns dated news stories into event data: who did what to whom,
 * when and where, coded in CAMEO.  The command-line program build/dyad is a
 * thin client of this API.
 *
 *   dyad_coder  *c  = dyad_coder_new(NULL, err, sizeof err);   // built-in dictionaries
 *   dyad_input  *in = dyad_input_open(paths, n, DYAD_INPUT_AUTO);
 *   dyad_writer *w  = dyad_writer_new(stdout, DYAD_OUTPUT_JSONL);
 *   dyad_story  *s;
 *   int st;
 *   while ((st = dyad_input_next(in, &s)) != DYAD_END) {
 *       if (st == DYAD_FAILED) { fprintf(stderr, "%s\n", dyad_input_error(in)); continue; }
 *       const dyad_result *r = dyad_code(c, s);
 *       dyad_writer_write(w, r);
 *   }
 *
 * Conventions: every name starts with dyad_; every type is opaque.
 * Ownership: a story and its result belong to the input they came from and
 * stay valid until the next dyad_input_next() or dyad_input_close() (one
 * arena per story, freed at once).  Strings returned by accessors follow
 * the lifetime of the object they came from.  Functions returning int
 * return 0 on success unless they say otherwise.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define DYAD_EXPORT __attribute__((visibility("default")))
#else
#define DYAD_EXPORT
#endif

#define DYAD_VERSION "0.1.0"

DYAD_EXPORT const char *dyad_version(void);

/* ---- dictionaries and the coder ---- */

/* Which dictionaries to load.  All-NULL (or passing NULL) means the
 * built-in ones.  File names are relative to dictionary_dir when it is
 * set.  Any field left NULL falls back to the built-in file of that kind
 * only when use_builtin_defaults is set. */
typedef struct dyad_dict_config {
    const char *dictionary_dir;
    const char *verbs;
    const char *const *actors;   /* n_actors files */
    size_t n_actors;
    const char *agents;
    const char *discards;
    const char *issues;
    int use_builtin_defaults;
    /* [Options] settings of a PETR_config.ini, "name=value" each (see
     * dyad_coder_set_option); applied by dyad_coder_new() after the
     * defaults.  n_options 0: none. */
    const char *const *options;
    size_t n_options;
} dyad_dict_config;

/* Reads a PETRARCH2 PETR_config.ini and fills cfg with the files it names
 * ([Dictionaries] verbfile_name, actorfile_list, agentfile_name,
 * discardfile_name, issuefile_name).  Strings are malloc'd and freed by
 * dyad_dict_config_clear().  dictionary_dir defaults to the ini's folder. */
DYAD_EXPORT int dyad_dict_config_from_petrarch_ini(const char *path, dyad_dict_config *cfg,
                                                   char *err, size_t errlen);
DYAD_EXPORT void dyad_dict_config_clear(dyad_dict_config *cfg);

/* Called for each dictionary problem: "FILE:LINE: message". */
typedef void (*dyad_warn_fn)(void *ctx, const char *message);

typedef struct dyad_coder dyad_coder;

/* Loads dictionaries and makes a coder; NULL on a configuration error
 * (unreadable file), with the reason in err.  Malformed dictionary lines
 * are reported through warn (NULL: to stderr) and skipped. */
DYAD_EXPORT dyad_coder *dyad_coder_new(const dyad_dict_config *cfg, dyad_warn_fn warn,
                                       void *warn_ctx, char *err, size_t errlen);
DYAD_EXPORT void dyad_coder_free(dyad_coder *c);

/* Coding options, with the meanings PETRARCH2 gives them (PETR_config.ini
 * [Options] and the <Config option=... value=...> elements of its
 * validation files).  dyad_coder_new() sets the defaults of the dictionary
 * set: with the built-in dictionaries require_dyad and unknown_agents are
 * 0 and modal_intent 1 (dyad's own behaviour); with PETRARCH-format
 * dictionaries the reverse (PETRARCH's behaviour), and --petrarch-config
 * reads require_dyad, new_actor_length and comma_* from the ini.
 *   require_dyad      an event needs a source and a target code: events
 *                     with no target (or an unknown one, "---") are dropped
 *   unknown_agents    an agent with no country is an actor of unknown
 *                     country: "a senior official said" codes ---GOV
 *   modal_intent      dyad's modal rule (code.h): "will meet" is an intent
 *                     (03x) and "will attack" no event.  1 with the built-in
 *                     dictionaries; 0 with PETRARCH's, whose patterns spell
 *                     modal forms out themselves ("- SAID WOULD * ATTACK")
 *   new_actor_length  PETRARCH's new actors: with the parser, a subject,
 *                     object or oblique noun phrase that names no actor and
 *                     has at most this many words is an actor whose code is
 *                     its words in capitals, in double quotes ("THE MINISTRY
 *                     OF MAGIC"); 0 = off (the default)
 *   comma_min/max, comma_bmin/bmax, comma_emin/emax
 *                     PETRARCH's comma-delimited clauses: an internal,
 *                     initial (b) or terminal (e) clause set off by a comma
 *                     whose length in words is within the range is left
 *                     out of the sentence before it is coded; a maximum of
 *                     0 turns that kind off.  PETRARCH's 2-8, 0-0, 2-8 with
 *                     its dictionaries; all off with the built-in ones */
typedef struct dyad_coder_options {
    int require_dyad;
    int unknown_agents;
    int modal_intent;
    int new_actor_length;
    int comma_min, comma_max, comma_bmin, comma_bmax, comma_emin, comma_emax;
} dyad_coder_options;

DYAD_EXPORT void dyad_coder_get_options(const dyad_coder *c, dyad_coder_options *out);
DYAD_EXPORT void dyad_coder_set_options(dyad_coder *c, const dyad_coder_options *o);
/* Sets one option by its PETRARCH name ("require_dyad", "new_actor_length",
 * "comma_min", ...; booleans are false when the value contains "false",
 * in any case, as PETRARCH reads them).  -1 when the name is unknown or
 * an integer value is not a number; the options are then unchanged. */
DYAD_EXPORT int dyad_coder_set_option(dyad_coder *c, const char *name, const char *value);

/* The dictionary files the coder loaded, in load order, i < count: the
 * file's path (or "builtin:NAME" for a built-in one), its kind ("verbs",
 * "actors", "agents", "discards", "issues") and the SHA-256 of its
 * contents as 64 hex digits, computed at the first call that asks for it
 * ("" when the file cannot be read).
 * Strings live as long as the coder; NULL when i is out of range. */
DYAD_EXPORT size_t dyad_coder_dictionary_count(const dyad_coder *c);
DYAD_EXPORT const char *dyad_coder_dictionary(const dyad_coder *c, size_t i, const char **kind,
                                              const char **sha256);

/* Checks dictionary files; each problem goes to warn.  Kind is one of
 * "verbs", "actors", "agents", "discards", "issues", or NULL to guess from
 * the file name.  Returns the number of problems, -1 if unreadable. */
DYAD_EXPORT int dyad_dict_check(const char *path, const char *kind, dyad_warn_fn warn,
                                void *warn_ctx);

/* What a coder's dictionaries hold, by kind (`dyad dict stats`).  Actor
 * entries fall in one kind each: people (any date-restricted code); else,
 * by the entry's code, countries and territories (a bare three-letter
 * code, RUS), international and non-state organisations (IGO, NGO, IMG
 * and MNC codes) and other actors (seats of government, RUSGOV; groups
 * coded under a country, PSEREB).  A person counts under the first three
 * letters of the code of their latest role (IGO for an IGO post). */
typedef struct dyad_country_count {
    char country[4];
    size_t n;
} dyad_country_count;

typedef struct dyad_dict_stats {
    size_t actors, actor_phrases;
    size_t countries, country_codes;   /* entries; distinct codes among them */
    size_t organisations, people, other_actors;
    size_t agents, agent_phrases;
    size_t verbs, patterns, synsets;
    size_t cameo_codes;                /* codes of the CAMEO table */
    size_t cameo_covered;              /* of those, codes a verb or pattern gives */
    char *uncovered;                   /* the others, space-separated; "" if none */
    dyad_country_count *people_by_country;   /* most people first, then by code */
    size_t n_people_countries;
} dyad_dict_stats;

/* Fills out for the coder's dictionaries; free with dyad_dict_stats_clear. */
DYAD_EXPORT void dyad_coder_dict_stats(const dyad_coder *c, dyad_dict_stats *out);
DYAD_EXPORT void dyad_dict_stats_clear(dyad_dict_stats *s);

/* ---- input ---- */

typedef enum {
    DYAD_INPUT_AUTO = 0,
    DYAD_INPUT_TEXT,
    DYAD_INPUT_JSONL,
    DYAD_INPUT_PETRARCH_XML,
} dyad_input_format;

/* "text", "jsonl", "petrarch-xml"; -1 when unknown. */
DYAD_EXPORT int dyad_input_format_parse(const char *name);

enum { DYAD_END = 0, DYAD_STORY = 1, DYAD_FAILED = 2 };

typedef struct dyad_input dyad_input;
typedef struct dyad_story dyad_story;

/* Files, directories (recursively) and "-" for standard input. */
DYAD_EXPORT dyad_input *dyad_input_open(const char *const *paths, size_t n,
                                        dyad_input_format fmt);
/* DYAD_STORY: *out is the next story; DYAD_FAILED: a record could not be
 * read (dyad_input_error() says which and why) and the next call goes on;
 * DYAD_END: no more input. */
DYAD_EXPORT int dyad_input_next(dyad_input *in, dyad_story **out);
/* "FILE:LINE: [id ID: ]message" for the last DYAD_FAILED. */
DYAD_EXPORT const char *dyad_input_error(const dyad_input *in);
DYAD_EXPORT void dyad_input_close(dyad_input *in);

/* A story from memory (id, date "YYYY-MM-DD", text); NULL with a message
 * in err when the date or text is invalid.  Free with dyad_story_free. */
DYAD_EXPORT dyad_story *dyad_story_new(const char *id, const char *date, const char *text,
                                       char *err, size_t errlen);
DYAD_EXPORT void dyad_story_free(dyad_story *s);

DYAD_EXPORT const char *dyad_story_id(const dyad_story *s);
DYAD_EXPORT const char *dyad_story_date(const dyad_story *s);
/* The story text as read (after the UTF-8 check), NUL-terminated. */
DYAD_EXPORT const char *dyad_story_text(const dyad_story *s);

/* ---- coding ---- */

typedef struct dyad_result dyad_result;
typedef struct dyad_event dyad_event;

typedef enum {
    DYAD_CODED = 0,        /* went through the coder (it may have no events) */
    DYAD_DISCARDED,        /* set aside on purpose; dyad_result_discard_reason() */
} dyad_result_status;

/* Codes one story.  The result lives as long as the story. */
DYAD_EXPORT const dyad_result *dyad_code(dyad_coder *c, dyad_story *s);

DYAD_EXPORT dyad_result_status dyad_result_get_status(const dyad_result *r);
DYAD_EXPORT const char *dyad_result_discard_reason(const dyad_result *r);
DYAD_EXPORT size_t dyad_result_sentence_count(const dyad_result *r);   /* kept sentences */
DYAD_EXPORT size_t dyad_result_dropped_count(const dyad_result *r);    /* duplicates, boilerplate */
DYAD_EXPORT size_t dyad_result_event_count(const dyad_result *r);
DYAD_EXPORT const dyad_event *dyad_result_event(const dyad_result *r, size_t i);

/* Event fields (SPEC §3).  Codes are NULL when the actor is unknown. */
DYAD_EXPORT const char *dyad_event_sentence_id(const dyad_event *e);
DYAD_EXPORT const char *dyad_event_date(const dyad_event *e);
/* The words that gave the event its date ("on Tuesday"); NULL when the
 * date is the story date. */
DYAD_EXPORT const char *dyad_event_date_text(const dyad_event *e);
DYAD_EXPORT const char *dyad_event_source(const dyad_event *e);
DYAD_EXPORT const char *dyad_event_target(const dyad_event *e);
DYAD_EXPORT const char *dyad_event_code(const dyad_event *e);
DYAD_EXPORT const char *dyad_event_location_name(const dyad_event *e);
/* How many sentences of the story report the event (the same date,
 * source, target and code is one event: "one event once"); a sentence
 * dropped as a repeat of one of them counts. */
DYAD_EXPORT unsigned dyad_event_mentions(const dyad_event *e);
DYAD_EXPORT const char *dyad_event_location_country(const dyad_event *e);  /* ISO alpha-3 */
/* The location's coordinates in degrees: returns 1, or 0 (and leaves *lat
 * and *lon alone) when the event has no location. */
DYAD_EXPORT int dyad_event_location_coords(const dyad_event *e, double *lat, double *lon);

/* ---- quotes ---- */

/* Who said what (SPEC §2 `dyad code --quotes`): direct quotes and
 * reported speech, each with its speaker resolved to an actor. */
typedef struct dyad_quote dyad_quote;

DYAD_EXPORT size_t dyad_result_quote_count(const dyad_result *r);
DYAD_EXPORT const dyad_quote *dyad_result_quote(const dyad_result *r, size_t i);
/* The speaker's words; for "he" or "she", the words that named them
 * before; and the speaker's actor code (NULL when unknown). */
DYAD_EXPORT const char *dyad_quote_speaker(const dyad_quote *q);
DYAD_EXPORT const char *dyad_quote_speaker_code(const dyad_quote *q);
DYAD_EXPORT const char *dyad_quote_text(const dyad_quote *q);
/* The speaker whose words hold the event's verb ("Lavrov said Beijing
 * would strengthen cooperation": Lavrov), or NULL. */
DYAD_EXPORT const char *dyad_event_quoted_by(const dyad_event *e);
/* Writes the result's quotes as JSON Lines, one object per quote:
 * story_id, sentence_id, kind ("direct" or "reported"), speaker,
 * speaker_code, addressee, addressee_code, text, start and end (bytes in
 * the story text as given).  -1 on an I/O error. */
DYAD_EXPORT int dyad_write_quotes(FILE *out, const dyad_result *r);

/* ---- temporal expressions ---- */

/* One temporal expression of a story (SPEC §2, `dyad times`): the bytes
 * [start, end) of the story text as given, those bytes as a string, the
 * TimeML TIMEX3 type ("DATE", "TIME", "DURATION", "SET") and value
 * ("2024-04-09", "2024-03", "2024-W15", "P6Y", "XXXX-WI", "PAST_REF" ...)
 * normalized against the story date. */
typedef struct dyad_time_expression {
    size_t start, end;
    const char *text;
    const char *type;
    const char *value;
} dyad_time_expression;

/* Finds the temporal expressions of every sentence of s, in text order.
 * *out gets an array of the returned number of them, valid as long as
 * the story. */
DYAD_EXPORT size_t dyad_story_times(dyad_story *s, const dyad_time_expression **out);

/* Writes the story's temporal expressions as JSON Lines, one object each
 * with story_id, start, end, text, type and value; -1 on a write error. */
DYAD_EXPORT int dyad_write_times(FILE *out, dyad_story *s);

/* ---- syntax ---- */

/* dyad's tagger and dependency parser (trained on UD English EWT). */
typedef struct dyad_parser dyad_parser;

/* Loads dyad-tagger.model and dyad-parser.model from model_dir (NULL:
 * $DYAD_MODEL_DIR, else the data/model folder dyad was built from). */
DYAD_EXPORT dyad_parser *dyad_parser_load(const char *model_dir, char *err, size_t errlen);
DYAD_EXPORT void dyad_parser_free(dyad_parser *p);
/* The directory the models were loaded from. */
DYAD_EXPORT const char *dyad_parser_model_dir(const dyad_parser *p);

/* Scores of dyad_parser_evaluate: percentages of the gold words (all of
 * them, punctuation included, as CoNLL 2018 scores with gold words); LAS
 * compares the universal part of DEPREL. */
typedef struct dyad_parse_scores {
    size_t sentences, words;
    double upos, xpos, lemma, uas, las;
    double tokens_per_second;  /* tagging, lemmas and parsing; one thread */
} dyad_parse_scores;

/* Tags and parses every sentence of a gold CoNLL-U file (its words kept)
 * and scores the result; -1 with the reason in err. */
DYAD_EXPORT int dyad_parser_evaluate(dyad_parser *p, const char *gold_conllu,
                                     dyad_parse_scores *out, char *err, size_t errlen);

/* Makes the coder parse every sentence with p and read subject, verb and
 * object off the tree (NULL: back to the shallow rules).  The coder
 * borrows p: free it after the coder.  A parser keeps per-sentence
 * buffers, so a coder and its parser serve one thread at a time. */
DYAD_EXPORT void dyad_coder_use_parser(dyad_coder *c, dyad_parser *p);

/* ---- validation ---- */

typedef struct dyad_validation {
    size_t records;          /* records read from the file */
    size_t applicable;       /* sentence="true" and not expecting bad_input_parse */
    size_t passed;           /* applicable records coded as expected */
    size_t not_applicable;
} dyad_validation;

/* Runs a PETRARCH validation file (SPEC §2, `dyad validate`): codes each
 * record with the dictionaries its <Environment> names (file names
 * relative to dictionary_dir, NULL: the file's folder), with the parser p
 * (NULL: the shallow rules), compares the events with its <EventCoding>
 * elements as sets of (source, target, code), and writes each failure
 * ("FAIL ID (FILE:LINE): expected ...; got ...") and a pass count per
 * category to report.  -1 with the reason in err when the file or its
 * dictionaries cannot be read. */
DYAD_EXPORT int dyad_validate(const char *path, const char *dictionary_dir, dyad_parser *p,
                              FILE *report, dyad_validation *out, char *err, size_t errlen);

/* Writes the story's sentences (as cleaned, repeats and boilerplate left
 * out) as CoNLL-U: "# sent_id = STORY:N", "# text = ...", then one line a
 * token with LEMMA, UPOS, XPOS, HEAD and DEPREL.  -1 on a write error. */
DYAD_EXPORT int dyad_parse_story(dyad_parser *p, dyad_story *s, FILE *out);

/* Re-tags and parses a CoNLL-U file keeping its tokenization (the FORM
 * column); -1 with the reason in err. */
DYAD_EXPORT int dyad_parse_conllu(dyad_parser *p, const char *path, FILE *out, char *err,
                                  size_t errlen);

/* ---- PLOVER evaluation ---- */

/* Scores of dyad_plover_evaluate.  A record is found when the coder gives
 * it at least one event of the record's PLOVER type whose source country
 * (first three letters of the code) is one of the record's sources;
 * recall = found / records, precision = correct / events. */
typedef struct dyad_plover_scores {
    size_t records;     /* gold records scored */
    size_t skipped;     /* DOCUMENT records and records with no text */
    size_t failed;      /* malformed records, or with a date or text dyad refuses */
    size_t events;      /* events coded for the scored records */
    size_t found;       /* records found */
    size_t correct;     /* events that match their record */
    size_t no_event;    /* records with no event at all */
} dyad_plover_scores;

/* Codes every record of a PLOVER gold file (PLOVER_GSR_CAMEO.txt: a JSON
 * array of records with id, date, text, event, source[].code) with c and
 * scores the events at the PLOVER level: each event's CAMEO code is mapped
 * with the PLOVER project's CAMEO-to-PLOVER table (table_path; NULL:
 * CAMEO2PLOVER-2021.txt beside the gold file) by its longest listed
 * prefix, and the records' older type names are read as the current ones
 * (DEMAND as REQUEST, DISAPPROVE and INVESTIGATE as ACCUSE, FIGHT as
 * ASSAULT).  Writes recall per type to report (NULL: none); a record that
 * cannot be scored goes to warn as "FILE: record N [id ID]: message" (NULL:
 * stderr) and is counted as failed.  -1 with the reason in err when the
 * gold file or the table cannot be read. */
DYAD_EXPORT int dyad_plover_evaluate(dyad_coder *c, const char *gold_path,
                                     const char *table_path, FILE *report, dyad_warn_fn warn,
                                     void *warn_ctx, dyad_plover_scores *out, char *err,
                                     size_t errlen);

/* ---- output ---- */

typedef enum {
    DYAD_OUTPUT_JSONL = 0,
    DYAD_OUTPUT_TSV,
    DYAD_OUTPUT_PHOENIX,
    DYAD_OUTPUT_TEXT,        /* one readable line per event */
} dyad_output_format;

/* "jsonl", "tsv", "phoenix", "text"; -1 when unknown. */
DYAD_EXPORT int dyad_output_format_parse(const char *name);

typedef struct dyad_writer dyad_writer;

DYAD_EXPORT dyad_writer *dyad_writer_new(FILE *out, dyad_output_format fmt);
/* Writes the result's events; returns -1 on a write error. */
DYAD_EXPORT int dyad_writer_write(dyad_writer *w, const dyad_result *r);
DYAD_EXPORT int dyad_writer_free(dyad_writer *w);   /* flushes; -1 on error */

/* ---- the event store (SQLite; store.h describes the schema) ---- */

typedef struct dyad_store dyad_store;

#define DYAD_STORE_SCHEMA_VERSION 1

/* Opens the store at path, creating it (and its schema) when the file is
 * new and not read_only.  NULL with the reason in err when the file is not
 * an SQLite database, is a database that is not a dyad store, or has a
 * schema version this dyad cannot read or migrate.  Another process may
 * write the same file: each call waits up to 60 s for its lock. */
DYAD_EXPORT dyad_store *dyad_store_open(const char *path, int read_only, char *err,
                                        size_t errlen);
DYAD_EXPORT void dyad_store_close(dyad_store *s);
/* The reason the last failing call on s failed. */
DYAD_EXPORT const char *dyad_store_error(const dyad_store *s);

/* Records the start of a run (the runs table): dyad's version, command,
 * the coder's dictionaries with their hashes, the models of p (NULL: the
 * shallow rules), the coder's options.  Stories written afterwards name
 * this run. */
DYAD_EXPORT int dyad_store_run_begin(dyad_store *s, const dyad_coder *c, const dyad_parser *p,
                                     const char *command);

typedef struct dyad_run_counts {
    size_t read, coded, discarded, failed, sentences, events;
} dyad_run_counts;

/* Records the end of the run begun last, with its counts. */
DYAD_EXPORT int dyad_store_run_end(dyad_store *s, const dyad_run_counts *n);

/* Writes a coded (or discarded) story: its row, kept sentences, mentions
 * and the events they report, in one transaction.  A story id already in
 * the store is replaced, and the counts of the events it touched are
 * recomputed.  -1 (nothing written) with the reason in dyad_store_error. */
DYAD_EXPORT int dyad_store_write(dyad_store *s, const dyad_result *r);

/* Filters of dyad_store_query/plot/export; NULL (or 0) leaves one out. */
typedef struct dyad_query {
    const char *source, *target;   /* an actor code or its start: "RUS" matches RUSGOV */
    int either_direction;          /* source and target may swap roles */
    const char *code;              /* CAMEO code, "040" */
    const char *root;              /* CAMEO root, "04" */
    const char *from, *to;         /* dates YYYY-MM-DD, inclusive */
    const char *country;           /* a source's, target's or location's country */
    const char *text;              /* FTS5 query over the reporting sentences */
    const char *by;                /* NULL (events), "day", "week", "month", "year" */
    long limit;                    /* at most this many rows; 0: all */
} dyad_query;

typedef enum {
    DYAD_TABLE_TEXT = 0,           /* aligned columns, for a terminal */
    DYAD_TABLE_TSV,                /* a header row, then tab-separated rows */
    DYAD_TABLE_JSONL,              /* one JSON object per row */
} dyad_table_format;

/* "table", "tsv", "jsonl"; -1 when unknown. */
DYAD_EXPORT int dyad_table_format_parse(const char *name);

/* Writes the events that pass the filters, or with q->by their counts,
 * Goldstein sum and mean and quad class counts per period. */
DYAD_EXPORT int dyad_store_query(dyad_store *s, const dyad_query *q, dyad_table_format f,
                                 FILE *out);

/* Writes an SVG time series of the filtered events per q->by period
 * (default month): counts per quad class and mean Goldstein score. */
DYAD_EXPORT int dyad_store_plot(dyad_store *s, const dyad_query *q, const char *title, FILE *out);

/* Writes the filtered events in another data set's layout: "gdelt-events"
 * (GDELT 2.0 event table, 61 columns), "gdelt-mentions" (GDELT 2.0
 * mention table, 16 columns), "phoenix" (26 columns), "plover-json" (one
 * POLECAT-style JSON record per event).  -1 on an unknown format. */
DYAD_EXPORT int dyad_store_export(dyad_store *s, const char *format, const dyad_query *q,
                                  FILE *out);

#ifdef __cplusplus
}
#endif

#endif
