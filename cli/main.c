/* main.c — the dyad command line: a thin client of the library (dyad.h).
 *
 *   dyad code [OPTIONS] [INPUT...]     code stories into events (--db: a database)
 *   dyad times [INPUT...]              temporal expressions, normalized
 *   dyad query|plot|export --db FILE   read a database of coded stories
 *   dyad dict check [--kind K] FILE... report dictionary syntax problems
 *   dyad dict stats [DICTIONARY OPTIONS] entries by kind and country
 *   dyad eval-plover [OPTIONS] GOLD     PLOVER-level recall and precision
 *   dyad --help | --version
 *
 * Exit status (SPEC §2): 0 all stories handled; 1 usage or configuration
 * error (nothing coded); 2 some records failed (the rest were coded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dyad.h"

#define EXIT_USAGE 1
#define EXIT_SOME_FAILED 2
#define MAX_ACTOR_FILES 64
#define MAX_REASONS 16

static const char usage_main[] =
    "usage: dyad COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "dyad turns dated news stories into political event data (CAMEO).\n"
    "\n"
    "commands:\n"
    "  code        code stories into events (JSON Lines, TSV, Phoenix, a database)\n"
    "  times       temporal expressions normalized against the story date\n"
    "  query       filter and count the events of a database\n"
    "  plot        draw a dyad's cooperation and conflict over time (SVG)\n"
    "  export      a database's events as GDELT, Phoenix or PLOVER records\n"
    "  parse       sentence split, tokenize, tag and parse; CoNLL-U out\n"
    "  eval        score the tagger and parser against a gold CoNLL-U file\n"
    "  eval-plover score the coder on PLOVER gold sentences (recall, precision)\n"
    "  validate    run a PETRARCH validation file and report what fails\n"
    "  dict check  report syntax problems in PETRARCH-format dictionaries\n"
    "  dict stats  count dictionary entries by kind and country\n"
    "\n"
    "  dyad COMMAND --help   options of a command\n"
    "  dyad --version        version\n";

static const char usage_code[] =
    "usage: dyad code [OPTIONS] [INPUT...]\n"
    "\n"
    "Codes stories from files, directories (recursively: .txt .jsonl .json\n"
    ".ndjson .xml) or standard input (- or no INPUT).  Events go to standard\n"
    "output; a summary of every story read goes to standard error.\n"
    "\n"
    "input:\n"
    "  --input-format F     text | jsonl | petrarch-xml (default: detect)\n"
    "output:\n"
    "  --format F           jsonl (default) | tsv | phoenix | text (for reading)\n"
    "  -o, --output FILE    write events to FILE instead of standard output\n"
    "  --quotes FILE        also write who said what (quotes and reported speech)\n"
    "                       to FILE as JSON Lines (- for standard output)\n"
    "  --db FILE            store stories, sentences, events and mentions in the\n"
    "                       SQLite database FILE (created if new); events then go\n"
    "                       to standard output only with -o or --format\n"
    "  -q, --quiet          no summary or progress on standard error\n"
    "dictionaries (default: the built-in ones):\n"
    "  --dictionary-dir DIR directory that the file names below are relative to\n"
    "  --verbs F            verb patterns (e.g. CAMEO.2.0.txt)\n"
    "  --actors F           actors; repeat for several files\n"
    "  --agents F           agents\n"
    "  --discards F         discards\n"
    "  --issues F           issues\n"
    "  --petrarch-config F  the set a PETRARCH2 PETR_config.ini names\n"
    "  --builtin-defaults   fill kinds not named above with the built-in files\n"
    "  --set NAME=VALUE     a coding option, as PETRARCH's <Config> sets it:\n"
    "                       require_dyad, unknown_agents, modal_intent (true or\n"
    "                       false), new_actor_length, comma_* (numbers); repeatable\n"
    "syntax (default: parse every sentence with dyad's tagger and parser):\n"
    "  --model-dir DIR      where dyad-tagger.model and dyad-parser.model are\n"
    "                       (default: $DYAD_MODEL_DIR, else the built-in path)\n"
    "  --shallow            no parse: subject, verb and object by word order\n"
    "\n"
    "exit status: 0 all stories handled, 1 usage or configuration error,\n"
    "2 some records failed (the others were coded).\n";

static const char usage_times[] =
    "usage: dyad times [--input-format F] [INPUT...]\n"
    "\n"
    "Finds the temporal expressions of the stories of INPUT (read as `dyad\n"
    "code` reads them) and normalizes each against its story's date: one JSON\n"
    "object per expression with story_id, start and end (byte offsets into the\n"
    "story text as given), text, type (DATE, TIME, DURATION, SET) and value\n"
    "(a TimeML TIMEX3 value: 2024-04-09, 2024-03, 2024-W15, P6Y ...).\n"
    "Exit status as for `dyad code`.\n";

static const char usage_parse[] =
    "usage: dyad parse [--conllu FILE] [--model-dir DIR] [--input-format F] [INPUT...]\n"
    "\n"
    "Splits, tokenizes, tags (UPOS, XPOS, lemma) and parses (HEAD, DEPREL)\n"
    "the stories of INPUT (as `dyad code` reads them) and writes CoNLL-U, one\n"
    "block per kept sentence with \"# sent_id = STORY:N\".  With --conllu FILE,\n"
    "the words of FILE are kept and their analysis is replaced.\n"
    "Models: DIR, else $DYAD_MODEL_DIR, else the data/model folder dyad was\n"
    "built from.  Exit status as for `dyad code`.\n";

static const char usage_eval[] =
    "usage: dyad eval [--model-dir DIR] GOLD.conllu\n"
    "\n"
    "Tags, lemmatizes and parses the words of GOLD.conllu (its tokenization\n"
    "kept) and prints UPOS, XPOS, LEMMA, UAS and LAS as percentages of all\n"
    "words, punctuation included, the way the CoNLL 2018 shared task scores\n"
    "them with gold tokenization (LAS compares the universal part of DEPREL),\n"
    "and the speed in tokens per second on one core.\n";

static const char usage_eval_plover[] =
    "usage: dyad eval-plover [--plover-table F] [CODE OPTIONS] GOLD.json\n"
    "\n"
    "Codes each record of a PLOVER gold file (PLOVER_GSR_CAMEO.txt: a JSON\n"
    "array of records with id, date, text, event, source) as one story and\n"
    "scores the events at the PLOVER level.  An event's CAMEO code gets the\n"
    "PLOVER type of its longest prefix in the CAMEO-to-PLOVER table (F;\n"
    "default CAMEO2PLOVER-2021.txt beside GOLD.json); the records' older names\n"
    "are read as DEMAND=REQUEST, DISAPPROVE=ACCUSE, INVESTIGATE=ACCUSE,\n"
    "FIGHT=ASSAULT.  A record is found when one of its events has its type and\n"
    "a source whose country is one of its sources.  Prints recall per type,\n"
    "then recall (found records), precision (matching events over all events)\n"
    "and the share of records with no event.  CODE OPTIONS are those of\n"
    "`dyad code` that choose dictionaries, options and syntax (--dictionary-dir,\n"
    "--actors, --petrarch-config, --set, --shallow, ...; see dyad code --help).\n"
    "Exit status 0; 1 when the files or dictionaries cannot be read; 2 when\n"
    "some records could not be scored (they are named on standard error).\n";

static const char usage_validate[] =
    "usage: dyad validate [--dictionary-dir DIR] [--model-dir DIR] [--shallow] FILE.xml\n"
    "\n"
    "Codes every record of a PETRARCH validation file with the dictionaries its\n"
    "<Environment> names (relative to DIR, default the file's folder), compares\n"
    "the events with its <EventCoding> elements, prints each failure (expected\n"
    "vs got) and a pass count per category.  Records with sentence=\"false\"\n"
    "and those expecting bad_input_parse (parse-tree input) are not applicable.\n"
    "<Config option=... value=...> elements set coding options for the records\n"
    "after them, as in `dyad code`.\n"
    "Exit status 0 only when every applicable record passes; 1 when the file\n"
    "or its dictionaries cannot be read; 3 when some records fail.\n";

static const char usage_dict[] =
    "usage: dyad dict check [--kind verbs|actors|agents|discards|issues] FILE...\n"
    "       dyad dict stats [DICTIONARY OPTIONS]\n"
    "\n"
    "check: reads PETRARCH-format dictionaries and prints every problem as\n"
    "FILE:LINE: message.  The kind is guessed from the file name unless\n"
    "--kind is given.  Exit status 1 if any problem was found.\n"
    "\n"
    "stats: loads the dictionaries `dyad code` would load with the same\n"
    "options (--dictionary-dir, --verbs, --actors, --agents, --petrarch-config,\n"
    "...; default: the built-in set) and prints their entries by kind: actors\n"
    "(countries and territories, international and non-state organisations,\n"
    "people with date-restricted roles, other), agents, verbs and patterns,\n"
    "the CAMEO codes that no verb or pattern gives, and people by country.\n";

static const char usage_query[] =
    "usage: dyad query --db FILE [FILTERS] [--by day|week|month|year] [--format F]\n"
    "\n"
    "Writes the events of the database FILE (one row per distinct date, source,\n"
    "target, code and location, with its mention, story and outlet counts) that\n"
    "pass the filters, or with --by their number, Goldstein sum and mean and\n"
    "quad class counts per period.\n"
    "\n"
    "filters:\n"
    "  --source A, --target B  actor codes or their start (RUS matches RUSGOV)\n"
    "  --dyad A-B              A as source and B as target\n"
    "  --either                with --dyad or both of the above: either direction\n"
    "  --code C, --root R      CAMEO code (040) or root (04)\n"
    "  --from D, --to D        event dates, YYYY-MM-DD, inclusive\n"
    "  --country C             source, target or location in country C (CHN)\n"
    "  --text Q                a sentence reporting the event matches the FTS5\n"
    "                          query Q (words, \"a phrase\", AND, OR, NOT, pre*)\n"
    "output:\n"
    "  --by P                  counts per day, week (from Monday), month or year\n"
    "  --limit N               at most N rows\n"
    "  --format F              table (default on a terminal), tsv (default\n"
    "                          otherwise) or jsonl\n";

static const char usage_plot[] =
    "usage: dyad plot --db FILE [FILTERS] [--by day|week|month|year] -o FILE.svg\n"
    "\n"
    "Draws, as SVG, the events that pass the filters (those of `dyad query`,\n"
    "typically --dyad RUS-CHN) per period (default month): their number in each\n"
    "quad class (verbal and material cooperation, verbal and material conflict)\n"
    "and their mean Goldstein score.  --title T sets the title.\n";

static const char usage_export[] =
    "usage: dyad export --db FILE --format F [FILTERS] [-o FILE]\n"
    "\n"
    "Writes the events that pass the filters (those of `dyad query`) in the\n"
    "layout of another data set:\n"
    "  gdelt-events    GDELT 2.0 event table: 61 tab-separated columns, no header\n"
    "  gdelt-mentions  GDELT 2.0 mention table: 16 tab-separated columns\n"
    "  phoenix         the Phoenix data set's 26 tab-separated columns\n"
    "  plover-json     one POLECAT-style PLOVER record (JSON) per line\n"
    "Fields dyad does not have are left empty.\n";

/* ---- dyad code ---- */

typedef struct code_options {
    dyad_input_format input_format;
    dyad_output_format output_format;
    const char *output;
    const char *quotes;          /* --quotes FILE, or NULL */
    int output_asked;            /* -o or --format given */
    const char *db;
    int quiet;
    dyad_dict_config dict;
    const char *actor_files[MAX_ACTOR_FILES];
    const char *petrarch_config;
    const char *model_dir;
    int shallow;
    const char **settings;       /* --set NAME=VALUE, in order */
    size_t n_settings;
    const char **inputs;
    size_t n_inputs;
} code_options;

typedef struct reason_count {
    char reason[128];            /* a copy: the result's string dies with its story */
    size_t n;
} reason_count;

typedef struct summary {
    size_t read, coded, with_events, discarded, failed, sentences, dropped, events;
    reason_count reasons[MAX_REASONS];
    size_t n_reasons;
} summary;

static int usage_error(const char *usage, const char *fmt, const char *arg)
{
    fprintf(stderr, "dyad: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n\n%s", usage);
    return EXIT_USAGE;
}

/* The value of an option that takes one; NULL (after a message) if missing. */
static const char *option_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        fprintf(stderr, "dyad: %s needs a value\n", argv[*i]);
        return NULL;
    }
    return argv[++*i];
}

static int set_format_options(code_options *o, const char *opt, const char *val)
{
    if (strcmp(opt, "--input-format") == 0) {
        int f = dyad_input_format_parse(val);
        if (f < 0) return usage_error(usage_code, "unknown input format: %s", val);
        o->input_format = (dyad_input_format)f;
    } else {
        int f = dyad_output_format_parse(val);
        if (f < 0) return usage_error(usage_code, "unknown output format: %s", val);
        o->output_format = (dyad_output_format)f;
    }
    return 0;
}

/* Handles one option that takes a value; -1 if opt is not one of them. */
static int set_value_option(code_options *o, const char *opt, const char *val)
{
    if (!strcmp(opt, "--format")) o->output_asked = 1;
    if (!strcmp(opt, "--input-format") || !strcmp(opt, "--format"))
        return set_format_options(o, opt, val);
    if (!strcmp(opt, "-o") || !strcmp(opt, "--output")) o->output = val, o->output_asked = 1;
    else if (!strcmp(opt, "--db")) o->db = val;
    else if (!strcmp(opt, "--quotes")) o->quotes = val;
    else if (!strcmp(opt, "--dictionary-dir")) o->dict.dictionary_dir = val;
    else if (!strcmp(opt, "--verbs")) o->dict.verbs = val;
    else if (!strcmp(opt, "--agents")) o->dict.agents = val;
    else if (!strcmp(opt, "--discards")) o->dict.discards = val;
    else if (!strcmp(opt, "--issues")) o->dict.issues = val;
    else if (!strcmp(opt, "--petrarch-config")) o->petrarch_config = val;
    else if (!strcmp(opt, "--model-dir")) o->model_dir = val;
    else if (!strcmp(opt, "--actors")) {
        if (o->dict.n_actors == MAX_ACTOR_FILES)
            return usage_error(usage_code, "too many --actors files (%s)", val);
        o->actor_files[o->dict.n_actors++] = val;
    } else return -1;
    return 0;
}

static int is_value_option(const char *a)
{
    static const char *const opts[] = {"--input-format", "--format", "-o", "--output",
                                       "--dictionary-dir", "--verbs", "--actors", "--agents",
                                       "--discards", "--issues", "--petrarch-config",
                                       "--model-dir", "--set", "--db", "--quotes", NULL};
    for (const char *const *o = opts; *o; o++)
        if (strcmp(a, *o) == 0) return 1;
    return 0;
}

/* Parses `dyad code` arguments; returns -1 after --help, else an exit code. */
static int parse_code_options(int argc, char **argv, code_options *o)
{
    o->inputs = calloc((size_t)argc, sizeof *o->inputs);
    o->settings = calloc((size_t)argc + 1, sizeof *o->settings);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_code, stdout); return -1; }
        if (!strcmp(a, "-q") || !strcmp(a, "--quiet")) { o->quiet = 1; continue; }
        if (!strcmp(a, "--builtin-defaults")) { o->dict.use_builtin_defaults = 1; continue; }
        if (!strcmp(a, "--shallow")) { o->shallow = 1; continue; }
        if (is_value_option(a)) {
            const char *v = option_value(argc, argv, &i);
            if (!v) return EXIT_USAGE;
            if (!strcmp(a, "--set")) { o->settings[o->n_settings++] = v; continue; }
            int rc = set_value_option(o, a, v);
            if (rc) return rc;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') return usage_error(usage_code, "unknown option: %s", a);
        o->inputs[o->n_inputs++] = a;
    }
    o->dict.actors = o->actor_files;
    return 0;
}

static int dictionaries_named(const dyad_dict_config *d)
{
    return d->verbs || d->n_actors || d->agents || d->discards || d->issues;
}

/* Dictionary warnings while coding: the first few in full, then a count
 * (`dyad dict check` lists them all). */
#define SHOWN_WARNINGS 5
static int n_dict_warnings;

static void coder_warning(void *ctx, const char *message)
{
    (void)ctx;
    if (++n_dict_warnings <= SHOWN_WARNINGS)
        fprintf(stderr, "dyad: warning: %s (line skipped)\n", message);
}

static void report_hidden_warnings(void)
{
    if (n_dict_warnings > SHOWN_WARNINGS)
        fprintf(stderr, "dyad: warning: %d more dictionary lines skipped; "
                "`dyad dict check FILE` lists every one\n", n_dict_warnings - SHOWN_WARNINGS);
}

/* --set NAME=VALUE options, in order; frees the coder on a bad one. */
static int apply_settings(dyad_coder *c, const code_options *o)
{
    for (size_t k = 0; k < o->n_settings; k++) {
        const char *eq = strchr(o->settings[k], '=');
        char name[64];
        size_t n = eq ? (size_t)(eq - o->settings[k]) : 0;
        if (n > 0 && n < sizeof name) {
            memcpy(name, o->settings[k], n);
            name[n] = '\0';
        }
        if (n == 0 || n >= sizeof name || dyad_coder_set_option(c, name, eq + 1) != 0) {
            fprintf(stderr, "dyad: --set %s: not an option=value dyad knows\n", o->settings[k]);
            dyad_coder_free(c);
            return -1;
        }
    }
    return 0;
}

static dyad_coder *make_coder(code_options *o)
{
    char err[1024] = "";
    dyad_coder *c;
    if (o->petrarch_config) {
        dyad_dict_config ini;
        if (dyad_dict_config_from_petrarch_ini(o->petrarch_config, &ini, err, sizeof err)) {
            fprintf(stderr, "dyad: %s\n", err);
            return NULL;
        }
        if (o->dict.dictionary_dir) {
            free((char *)ini.dictionary_dir);
            ini.dictionary_dir = strdup(o->dict.dictionary_dir);
        }
        c = dyad_coder_new(&ini, coder_warning, NULL, err, sizeof err);
        dyad_dict_config_clear(&ini);
    } else {
        c = dyad_coder_new(dictionaries_named(&o->dict) ? &o->dict : NULL, coder_warning, NULL,
                           err, sizeof err);
    }
    report_hidden_warnings();
    if (!c) fprintf(stderr, "dyad: %s\n", err);
    return c && apply_settings(c, o) == 0 ? c : NULL;
}

/* The tagger and parser for the coder, unless --shallow; NULL with a
 * message when the models cannot be loaded (then *failed is set). */
static dyad_parser *make_parser(const code_options *o, int *failed)
{
    *failed = 0;
    if (o->shallow) return NULL;
    char err[1024] = "";
    dyad_parser *p = dyad_parser_load(o->model_dir, err, sizeof err);
    if (!p) {
        fprintf(stderr, "dyad: %s\n(use --model-dir DIR, or --shallow to code without parsing)\n",
                err);
        *failed = 1;
    }
    return p;
}

static void count_discard(summary *s, const char *reason)
{
    for (size_t k = 0; k < s->n_reasons; k++)
        if (strncmp(s->reasons[k].reason, reason, sizeof s->reasons[k].reason - 1) == 0) {
            s->reasons[k].n++;
            return;
        }
    if (s->n_reasons == MAX_REASONS) return;
    reason_count *rc = &s->reasons[s->n_reasons++];
    snprintf(rc->reason, sizeof rc->reason, "%s", reason);
    rc->n = 1;
}

static void count_result(summary *s, const dyad_result *r)
{
    s->sentences += dyad_result_sentence_count(r);
    s->dropped += dyad_result_dropped_count(r);
    if (dyad_result_get_status(r) == DYAD_DISCARDED) {
        s->discarded++;
        count_discard(s, dyad_result_discard_reason(r));
        return;
    }
    size_t n = dyad_result_event_count(r);
    s->coded++;
    s->events += n;
    if (n) s->with_events++;
}

static void print_summary(const summary *s)
{
    fprintf(stderr, "dyad: %zu stories read: %zu coded (%zu with events), %zu discarded, "
            "%zu failed\n", s->read, s->coded, s->with_events, s->discarded, s->failed);
    for (size_t k = 0; k < s->n_reasons; k++)
        fprintf(stderr, "dyad:   discarded, %s: %zu\n", s->reasons[k].reason, s->reasons[k].n);
    fprintf(stderr, "dyad: %zu sentences coded (%zu dropped as repeats or boilerplate); "
            "%zu events\n", s->sentences, s->dropped, s->events);
}

/* ---- progress on a terminal ---- */

typedef struct progress {
    int on;                      /* standard error is a terminal and not -q */
    double start, last;
    double total_bytes;          /* of the input files; 0 when not known */
    double done_bytes;           /* story text read so far (an estimate) */
} progress;

static double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The total size of the inputs when they are all regular files, else 0. */
static double input_bytes(const code_options *o)
{
    double total = 0;
    for (size_t k = 0; k < o->n_inputs; k++) {
        struct stat sb;
        if (!strcmp(o->inputs[k], "-") || stat(o->inputs[k], &sb) != 0 || !S_ISREG(sb.st_mode))
            return 0;
        total += (double)sb.st_size;
    }
    return total;
}

static void progress_start(progress *p, const code_options *o)
{
    p->on = !o->quiet && isatty(STDERR_FILENO);
    p->start = p->last = now_seconds();
    p->total_bytes = input_bytes(o);
    p->done_bytes = 0;
}

/* Erases the progress line (before a message, and at the end). */
static void progress_clear(const progress *p)
{
    if (p->on) fputs("\r\033[K", stderr);
}

/* At most twice a second: stories, events, stories/s and, when the input
 * size is known, an estimate of the time left from the bytes read. */
static void progress_show(progress *p, const summary *s)
{
    double t = now_seconds();
    if (!p->on || t - p->last < 0.5) return;
    p->last = t;
    double elapsed = t - p->start;
    fprintf(stderr, "\rdyad: %zu stories, %zu events, %.0f stories/s", s->read, s->events,
            elapsed > 0 ? (double)s->read / elapsed : 0.0);
    if (p->total_bytes > 0 && p->done_bytes > 0 && p->done_bytes < p->total_bytes)
        fprintf(stderr, ", about %.0f s left",
                elapsed * (p->total_bytes - p->done_bytes) / p->done_bytes);
    fputs("\033[K", stderr);
}

/* ---- coding into the outputs ---- */

typedef struct sinks {
    dyad_writer *w;              /* NULL: no events on standard output or -o */
    FILE *quotes;                /* --quotes, or NULL */
    dyad_store *db;              /* NULL: no --db */
    const char *db_path;
    progress pr;
} sinks;

/* Reads, codes and writes every story; returns the exit status.  A story
 * the database refuses stops the run (the stories before it are stored;
 * a re-run completes the rest). */
static int code_all(dyad_coder *c, dyad_input *in, sinks *k, summary *s)
{
    dyad_story *story;
    int st, write_failed = 0;
    while ((st = dyad_input_next(in, &story)) != DYAD_END) {
        s->read++;
        if (st == DYAD_FAILED) {
            s->failed++;
            progress_clear(&k->pr);
            fprintf(stderr, "dyad: %s\n", dyad_input_error(in));
            continue;
        }
        const dyad_result *r = dyad_code(c, story);
        count_result(s, r);
        k->pr.done_bytes += (double)strlen(dyad_story_text(story)) + 64;
        if (k->w && !write_failed && dyad_writer_write(k->w, r) != 0) write_failed = 1;
        if (k->quotes && !write_failed && dyad_write_quotes(k->quotes, r) != 0) write_failed = 1;
        if (k->db && dyad_store_write(k->db, r) != 0) {
            progress_clear(&k->pr);
            fprintf(stderr, "dyad: %s: story %s: %s\n", k->db_path, dyad_story_id(story),
                    dyad_store_error(k->db));
            return EXIT_USAGE;
        }
        progress_show(&k->pr, s);
    }
    progress_clear(&k->pr);
    if (write_failed) fprintf(stderr, "dyad: error writing events\n");
    return write_failed ? EXIT_USAGE : s->failed ? EXIT_SOME_FAILED : 0;
}

/* "dyad code ARGS..." for the runs table. */
static char *command_line(int argc, char **argv)
{
    size_t n = sizeof "dyad code";
    for (int i = 0; i < argc; i++) n += strlen(argv[i]) + 1;
    char *cmd = malloc(n);
    if (!cmd) return NULL;
    strcpy(cmd, "dyad code");
    for (int i = 0; i < argc; i++) strcat(strcat(cmd, " "), argv[i]);
    return cmd;
}

/* Opens --db and records the run; NULL after a message. */
static dyad_store *open_store_for_run(const code_options *o, dyad_coder *c, dyad_parser *p,
                                      int argc, char **argv)
{
    char err[1024] = "";
    dyad_store *db = dyad_store_open(o->db, 0, err, sizeof err);
    if (!db) { fprintf(stderr, "dyad: %s\n", err); return NULL; }
    char *cmd = command_line(argc, argv);
    if (dyad_store_run_begin(db, c, p, cmd) != 0) {
        fprintf(stderr, "dyad: %s: %s\n", o->db, dyad_store_error(db));
        dyad_store_close(db);
        db = NULL;
    }
    free(cmd);
    return db;
}

static void end_run(sinks *k, const summary *s, int *rc)
{
    if (!k->db) return;
    dyad_run_counts n = {s->read, s->coded, s->discarded, s->failed, s->sentences, s->events};
    if (dyad_store_run_end(k->db, &n) != 0) {
        fprintf(stderr, "dyad: %s: %s\n", k->db_path, dyad_store_error(k->db));
        *rc = EXIT_USAGE;
    }
    dyad_store_close(k->db);
}

static void free_code_options(code_options *o)
{
    free(o->inputs);
    free(o->settings);
}

static int cmd_code(int argc, char **argv)
{
    code_options o = {0};
    int rc = parse_code_options(argc, argv, &o);
    if (rc) { free_code_options(&o); return rc < 0 ? 0 : rc; }
    int to_stream = !o.db || o.output_asked;
    FILE *out = o.output ? fopen(o.output, "w") : stdout;
    if (!out) { perror(o.output); free_code_options(&o); return EXIT_USAGE; }
    FILE *quotes = !o.quotes ? NULL : strcmp(o.quotes, "-") ? fopen(o.quotes, "w") : stdout;
    if (o.quotes && !quotes) {
        perror(o.quotes);
        if (o.output) fclose(out);
        free_code_options(&o);
        return EXIT_USAGE;
    }
    int no_parser;
    dyad_parser *p = make_parser(&o, &no_parser);
    dyad_coder *c = no_parser ? NULL : make_coder(&o);
    sinks k = {NULL, quotes, NULL, o.db, {0}};
    if (c && o.db && !(k.db = open_store_for_run(&o, c, p, argc, argv))) {
        dyad_coder_free(c);
        c = NULL;
    }
    if (!c) {
        dyad_parser_free(p);
        if (o.output) fclose(out);
        if (quotes && quotes != stdout) fclose(quotes);
        free_code_options(&o);
        return EXIT_USAGE;
    }
    dyad_coder_use_parser(c, p);
    dyad_input *in = dyad_input_open(o.inputs, o.n_inputs, o.input_format);
    k.w = to_stream ? dyad_writer_new(out, o.output_format) : NULL;
    progress_start(&k.pr, &o);
    summary s = {0};
    rc = code_all(c, in, &k, &s);
    if (k.w && dyad_writer_free(k.w) != 0 && rc != EXIT_USAGE) {
        fprintf(stderr, "dyad: error writing events\n");
        rc = EXIT_USAGE;
    }
    end_run(&k, &s, &rc);
    if (!o.quiet) print_summary(&s);
    dyad_input_close(in);
    dyad_coder_free(c);
    dyad_parser_free(p);
    if (o.output && fclose(out) != 0) rc = EXIT_USAGE;
    if (quotes && quotes != stdout && fclose(quotes) != 0) rc = EXIT_USAGE;
    free_code_options(&o);
    return rc;
}

/* ---- dyad query, plot, export: reading a database ---- */

typedef struct read_options {
    const char *db, *format, *output, *title;
    dyad_query q;
} read_options;

/* Splits --dyad A-B into source and target (in buf). */
static int set_dyad(read_options *o, const char *v, char *buf, size_t cap)
{
    const char *dash = strchr(v, '-');
    if (!dash || dash == v || !dash[1] || strlen(v) >= cap) return -1;
    memcpy(buf, v, strlen(v) + 1);
    buf[dash - v] = '\0';
    o->q.source = buf;
    o->q.target = buf + (dash - v) + 1;
    return 0;
}

/* The field of o an option with a value sets, or NULL. */
static const char **read_option_field(read_options *o, const char *a)
{
    static const char *const names[] = {"--db", "--format", "-o", "--output", "--title",
                                        "--source", "--target", "--code", "--root", "--from",
                                        "--to", "--country", "--text", "--by"};
    const char **fields[] = {&o->db, &o->format, &o->output, &o->output, &o->title,
                             &o->q.source, &o->q.target, &o->q.code, &o->q.root, &o->q.from,
                             &o->q.to, &o->q.country, &o->q.text, &o->q.by};
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (!strcmp(a, names[k])) return fields[k];
    return NULL;
}

/* Parses the options of query, plot and export; -1 after --help, else an
 * exit code.  dyad_buf holds the two codes of --dyad. */
static int parse_read_options(int argc, char **argv, const char *usage, read_options *o,
                              char *dyad_buf, size_t cap)
{
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        const char **field = read_option_field(o, a);
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage, stdout); return -1; }
        if (!strcmp(a, "--either")) { o->q.either_direction = 1; continue; }
        if (!field && strcmp(a, "--dyad") && strcmp(a, "--limit"))
            return usage_error(usage, "unknown option or argument: %s", a);
        if (!(v = option_value(argc, argv, &i))) return EXIT_USAGE;
        if (field) *field = v;
        else if (!strcmp(a, "--limit")) {
            char *end;
            o->q.limit = strtol(v, &end, 10);
            if (*end || o->q.limit <= 0) return usage_error(usage, "--limit %s: not a count", v);
        }
        else if (set_dyad(o, v, dyad_buf, cap) != 0)
            return usage_error(usage, "--dyad %s: not two actor codes A-B", v);
    }
    if (!o->db) return usage_error(usage, "%s", "no database given (--db FILE)");
    return 0;
}

/* Opens the database read-only, or to write when the text index must be
 * brought up to date first (--text); NULL after a message. */
static dyad_store *open_store_to_read(const char *path, int update_text_index)
{
    char err[1024] = "";
    struct stat sb;
    if (stat(path, &sb) != 0) {
        fprintf(stderr, "dyad: %s: no such database\n", path);
        return NULL;
    }
    dyad_store *s = dyad_store_open(path, !update_text_index, err, sizeof err);
    if (!s) fprintf(stderr, "dyad: %s\n", err);
    return s;
}

/* Runs fn on the opened database and output: fn returns 0, -1 when the
 * library failed (the store's error says why) or 1 after its own message. */
typedef int (*read_fn)(dyad_store *s, const read_options *o, FILE *out);

static int run_reader(int argc, char **argv, const char *usage, read_fn fn)
{
    read_options o = {0};
    char dyad_buf[256];
    int rc = parse_read_options(argc, argv, usage, &o, dyad_buf, sizeof dyad_buf);
    if (rc) return rc < 0 ? 0 : rc;
    dyad_store *s = open_store_to_read(o.db, o.q.text != NULL);
    if (!s) return EXIT_USAGE;
    FILE *out = o.output ? fopen(o.output, "w") : stdout;
    if (!out) {
        perror(o.output);
        dyad_store_close(s);
        return EXIT_USAGE;
    }
    rc = fn(s, &o, out);
    if (rc < 0) fprintf(stderr, "dyad: %s: %s\n", o.db, dyad_store_error(s));
    if ((o.output ? fclose(out) : fflush(out)) != 0 && rc == 0) {
        fprintf(stderr, "dyad: error writing %s\n", o.output ? o.output : "the output");
        rc = -1;
    }
    dyad_store_close(s);
    return rc ? EXIT_USAGE : 0;
}

static int query_fn(dyad_store *s, const read_options *o, FILE *out)
{
    int f = o->format ? dyad_table_format_parse(o->format)
                      : isatty(fileno(out)) ? DYAD_TABLE_TEXT : DYAD_TABLE_TSV;
    if (f < 0) {
        fprintf(stderr, "dyad: unknown format %s (table, tsv or jsonl)\n", o->format);
        return EXIT_USAGE;
    }
    return dyad_store_query(s, &o->q, (dyad_table_format)f, out);
}

static int plot_fn(dyad_store *s, const read_options *o, FILE *out)
{
    dyad_query q = o->q;
    if (!q.by) q.by = "month";
    return dyad_store_plot(s, &q, o->title, out);
}

static int export_fn(dyad_store *s, const read_options *o, FILE *out)
{
    return dyad_store_export(s, o->format ? o->format : "", &o->q, out);
}

static int cmd_query(int argc, char **argv) { return run_reader(argc, argv, usage_query, query_fn); }
static int cmd_plot(int argc, char **argv) { return run_reader(argc, argv, usage_plot, plot_fn); }
static int cmd_export(int argc, char **argv)
{
    return run_reader(argc, argv, usage_export, export_fn);
}

/* ---- dyad parse ---- */

typedef struct parse_options {
    const char *conllu, *model_dir;
    dyad_input_format input_format;
    const char **inputs;
    size_t n_inputs;
} parse_options;

/* Parses `dyad parse` arguments; returns -1 after --help, else an exit code. */
static int parse_parse_options(int argc, char **argv, parse_options *o)
{
    o->inputs = calloc((size_t)argc + 1, sizeof *o->inputs);
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_parse, stdout); return -1; }
        if (!strcmp(a, "--conllu") || !strcmp(a, "--model-dir") || !strcmp(a, "--input-format")) {
            if (!(v = option_value(argc, argv, &i))) return EXIT_USAGE;
            if (!strcmp(a, "--conllu")) o->conllu = v;
            else if (!strcmp(a, "--model-dir")) o->model_dir = v;
            else if (dyad_input_format_parse(v) < 0)
                return usage_error(usage_parse, "unknown input format: %s", v);
            else o->input_format = (dyad_input_format)dyad_input_format_parse(v);
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') return usage_error(usage_parse, "unknown option: %s", a);
        o->inputs[o->n_inputs++] = a;
    }
    return 0;
}

/* Reads every story of the inputs and hands it to write (which returns
 * nonzero on an I/O error, reported once as `what`); returns the exit
 * status: bad records are named and counted, as `dyad code` does. */
static int each_story(const char *const *inputs, size_t n, dyad_input_format fmt,
                      int (*write)(void *ctx, dyad_story *s), void *ctx, const char *what)
{
    dyad_input *in = dyad_input_open(inputs, n, fmt);
    dyad_story *story;
    int st, failed = 0, write_failed = 0;
    while ((st = dyad_input_next(in, &story)) != DYAD_END) {
        if (st == DYAD_FAILED) {
            fprintf(stderr, "dyad: %s\n", dyad_input_error(in));
            failed = 1;
        } else if (!write_failed && write(ctx, story) != 0) {
            fprintf(stderr, "dyad: error writing %s\n", what);
            write_failed = 1;
        }
    }
    dyad_input_close(in);
    if (fflush(stdout) != 0) write_failed = 1;
    return write_failed ? EXIT_USAGE : failed ? EXIT_SOME_FAILED : 0;
}

static int write_parse(void *parser, dyad_story *s)
{
    return dyad_parse_story(parser, s, stdout);
}

/* Parses every story of the inputs; returns the exit status. */
static int parse_stories(dyad_parser *p, const parse_options *o)
{
    return each_story(o->inputs, o->n_inputs, o->input_format, write_parse, p, "CoNLL-U");
}

static int cmd_parse(int argc, char **argv)
{
    parse_options o = {0};
    int rc = parse_parse_options(argc, argv, &o);
    if (rc) { free(o.inputs); return rc < 0 ? 0 : rc; }
    char err[1024] = "";
    dyad_parser *p = dyad_parser_load(o.model_dir, err, sizeof err);
    if (!p) {
        fprintf(stderr, "dyad: %s\n", err);
        free(o.inputs);
        return EXIT_USAGE;
    }
    if (o.conllu) {
        rc = dyad_parse_conllu(p, o.conllu, stdout, err, sizeof err);
        if (rc) fprintf(stderr, "dyad: %s\n", err);
        rc = rc ? EXIT_USAGE : 0;
    } else {
        rc = parse_stories(p, &o);
    }
    if (fflush(stdout) != 0) rc = EXIT_USAGE;
    dyad_parser_free(p);
    free(o.inputs);
    return rc;
}

/* ---- dyad times ---- */

static int write_times(void *ctx, dyad_story *s)
{
    (void)ctx;
    return dyad_write_times(stdout, s);
}

static int cmd_times(int argc, char **argv)
{
    const char **inputs = calloc((size_t)argc + 1, sizeof *inputs);
    size_t n = 0;
    dyad_input_format fmt = DYAD_INPUT_AUTO;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_times, stdout); free(inputs); return 0; }
        if (!strcmp(a, "--input-format")) {
            if (!(v = option_value(argc, argv, &i))) { free(inputs); return EXIT_USAGE; }
            if (dyad_input_format_parse(v) < 0) {
                free(inputs);
                return usage_error(usage_times, "unknown input format: %s", v);
            }
            fmt = (dyad_input_format)dyad_input_format_parse(v);
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') {
            free(inputs);
            return usage_error(usage_times, "unknown option: %s", a);
        }
        inputs[n++] = a;
    }
    int rc = each_story(inputs, n, fmt, write_times, NULL, "output");
    free(inputs);
    return rc;
}

/* ---- dyad eval ---- */

static int cmd_eval(int argc, char **argv)
{
    const char *model_dir = NULL, *gold = NULL;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) { fputs(usage_eval, stdout); return 0; }
        if (!strcmp(argv[i], "--model-dir")) {
            if (!(model_dir = option_value(argc, argv, &i))) return EXIT_USAGE;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            return usage_error(usage_eval, "unknown option: %s", argv[i]);
        } else if (gold) {
            return usage_error(usage_eval, "one gold file only (%s)", argv[i]);
        } else {
            gold = argv[i];
        }
    }
    if (!gold) return usage_error(usage_eval, "%s", "no gold CoNLL-U file given");
    char err[1024] = "";
    dyad_parser *p = dyad_parser_load(model_dir, err, sizeof err);
    dyad_parse_scores sc;
    if (!p || dyad_parser_evaluate(p, gold, &sc, err, sizeof err) != 0) {
        fprintf(stderr, "dyad: %s\n", err);
        dyad_parser_free(p);
        return EXIT_USAGE;
    }
    printf("%s: %zu sentences, %zu words (gold tokenization, punctuation included)\n", gold,
           sc.sentences, sc.words);
    printf("UPOS   %6.2f\nXPOS   %6.2f\nLEMMA  %6.2f\nUAS    %6.2f\nLAS    %6.2f\n", sc.upos,
           sc.xpos, sc.lemma, sc.uas, sc.las);
    printf("speed  %.0f tokens/s (tagging, lemmas and parsing; one core)\n",
           sc.tokens_per_second);
    dyad_parser_free(p);
    return 0;
}

/* ---- dyad eval-plover ---- */

static double percent(size_t part, size_t whole)
{
    return whole ? 100.0 * (double)part / (double)whole : 0.0;
}

static void print_plover_scores(const char *gold, const dyad_plover_scores *sc)
{
    printf("%s: %zu records scored (%zu without text or DOCUMENT, %zu failed), %zu events\n",
           gold, sc->records, sc->skipped, sc->failed, sc->events);
    printf("recall    %zu/%zu = %.1f%%\n", sc->found, sc->records, percent(sc->found, sc->records));
    printf("precision %zu/%zu = %.1f%%\n", sc->correct, sc->events,
           percent(sc->correct, sc->events));
    printf("no event  %zu/%zu = %.1f%%\n", sc->no_event, sc->records,
           percent(sc->no_event, sc->records));
}

/* Takes "--plover-table F" out of argv (in place); *argc shrinks. */
static int take_plover_table(int *argc, char **argv, const char **table)
{
    int kept = 0;
    for (int i = 0; i < *argc; i++) {
        if (strcmp(argv[i], "--plover-table") != 0) { argv[kept++] = argv[i]; continue; }
        if (i + 1 >= *argc) {
            fprintf(stderr, "dyad: --plover-table needs a value\n");
            return EXIT_USAGE;
        }
        *table = argv[++i];
    }
    *argc = kept;
    return 0;
}

static void print_record_problem(void *ctx, const char *message)
{
    (void)ctx;
    fprintf(stderr, "dyad: %s\n", message);
}

static int cmd_eval_plover(int argc, char **argv)
{
    const char *table = NULL;
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_eval_plover, stdout);
            return 0;
        }
    if (take_plover_table(&argc, argv, &table)) return EXIT_USAGE;
    code_options o = {0};
    int rc = parse_code_options(argc, argv, &o);
    if (rc == 0 && o.n_inputs != 1)
        rc = usage_error(usage_eval_plover, "%s", "give one gold file");
    int no_parser = 1;
    dyad_parser *p = rc ? NULL : make_parser(&o, &no_parser);
    dyad_coder *c = no_parser ? NULL : make_coder(&o);
    const char *gold = o.n_inputs ? o.inputs[0] : NULL;
    free(o.settings);
    if (!c) {
        dyad_parser_free(p);
        free(o.inputs);
        return rc ? rc : EXIT_USAGE;
    }
    dyad_coder_use_parser(c, p);
    dyad_plover_scores sc;
    char err[1024] = "";
    rc = dyad_plover_evaluate(c, gold, table, stdout, print_record_problem, NULL, &sc, err,
                              sizeof err);
    if (rc != 0) fprintf(stderr, "dyad: %s\n", err);
    else print_plover_scores(gold, &sc);
    dyad_coder_free(c);
    dyad_parser_free(p);
    free(o.inputs);
    if (rc != 0) return EXIT_USAGE;
    return sc.failed ? EXIT_SOME_FAILED : 0;
}

/* ---- dyad validate ---- */

#define EXIT_VALIDATION_FAILED 3

static int cmd_validate(int argc, char **argv)
{
    const char *dict_dir = NULL, *model_dir = NULL, *file = NULL;
    int shallow = 0;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) { fputs(usage_validate, stdout); return 0; }
        if (!strcmp(a, "--shallow")) { shallow = 1; continue; }
        if (!strcmp(a, "--dictionary-dir") || !strcmp(a, "--model-dir")) {
            const char *v = option_value(argc, argv, &i);
            if (!v) return EXIT_USAGE;
            if (!strcmp(a, "--dictionary-dir")) dict_dir = v; else model_dir = v;
            continue;
        }
        if (a[0] == '-' && a[1] != '\0') return usage_error(usage_validate, "unknown option: %s", a);
        if (file) return usage_error(usage_validate, "one validation file only (%s)", a);
        file = a;
    }
    if (!file) return usage_error(usage_validate, "%s", "no validation file given");
    char err[1024] = "";
    dyad_parser *p = shallow ? NULL : dyad_parser_load(model_dir, err, sizeof err);
    if (!shallow && !p) {
        fprintf(stderr, "dyad: %s\n", err);
        return EXIT_USAGE;
    }
    dyad_validation v;
    int rc = dyad_validate(file, dict_dir, p, stdout, &v, err, sizeof err);
    dyad_parser_free(p);
    if (rc != 0) { fprintf(stderr, "dyad: %s\n", err); return EXIT_USAGE; }
    printf("%zu of %zu applicable records passed (%.1f%%); %zu not applicable\n", v.passed,
           v.applicable, v.applicable ? 100.0 * (double)v.passed / (double)v.applicable : 0.0,
           v.not_applicable);
    return v.passed == v.applicable ? 0 : EXIT_VALIDATION_FAILED;
}

/* ---- dyad dict check ---- */

static void print_warning(void *ctx, const char *message)
{
    (void)ctx;
    printf("%s\n", message);
}

#define TOP_COUNTRIES 20

static void print_dict_stats(const dyad_dict_stats *st)
{
    printf("actors: %zu entries, %zu phrases\n", st->actors, st->actor_phrases);
    printf("  countries and territories: %zu (%zu codes)\n", st->countries, st->country_codes);
    printf("  international and non-state organisations: %zu\n", st->organisations);
    printf("  people (date-restricted roles): %zu\n", st->people);
    printf("  other (seats of government, groups): %zu\n", st->other_actors);
    printf("agents: %zu entries, %zu phrases\n", st->agents, st->agent_phrases);
    printf("verbs: %zu, patterns: %zu, synonym sets: %zu\n", st->verbs, st->patterns,
           st->synsets);
    printf("CAMEO codes given by a verb or pattern: %zu of %zu\n", st->cameo_covered,
           st->cameo_codes);
    printf("  none: %s\n", st->uncovered[0] ? st->uncovered : "(every code has one)");
    size_t shown = st->n_people_countries < TOP_COUNTRIES ? st->n_people_countries : TOP_COUNTRIES;
    printf("people by country: %zu countries (top %zu)\n", st->n_people_countries, shown);
    for (size_t i = 0; i < shown; i++)
        printf("  %s %zu\n", st->people_by_country[i].country, st->people_by_country[i].n);
}

static int cmd_dict_stats(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help")) {
            fputs(usage_dict, stdout);
            return 0;
        }
    code_options o = {0};
    int rc = parse_code_options(argc, argv, &o);
    if (rc == 0 && o.n_inputs) rc = usage_error(usage_dict, "dict stats reads no input (%s)",
                                                o.inputs[0]);
    dyad_coder *c = rc ? NULL : make_coder(&o);
    free(o.inputs);
    free(o.settings);
    if (rc) return rc < 0 ? 0 : rc;
    if (!c) return EXIT_USAGE;
    dyad_dict_stats st;
    dyad_coder_dict_stats(c, &st);
    print_dict_stats(&st);
    dyad_dict_stats_clear(&st);
    dyad_coder_free(c);
    return fflush(stdout) == 0 ? 0 : EXIT_USAGE;
}

static int cmd_dict(int argc, char **argv)
{
    if (argc >= 1 && strcmp(argv[0], "stats") == 0) return cmd_dict_stats(argc - 1, argv + 1);
    if (argc < 1 || strcmp(argv[0], "check") != 0) {
        if (argc >= 1 && (!strcmp(argv[0], "--help") || !strcmp(argv[0], "-h"))) {
            fputs(usage_dict, stdout);
            return 0;
        }
        return usage_error(usage_dict, "unknown dict command: %s", argc ? argv[0] : "(none)");
    }
    const char *kind = NULL;
    int files = 0, problems = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) { fputs(usage_dict, stdout); return 0; }
        if (!strcmp(argv[i], "--kind")) {
            if (!(kind = option_value(argc, argv, &i))) return EXIT_USAGE;
            continue;
        }
        int n = dyad_dict_check(argv[i], kind, print_warning, NULL);
        problems += n < 0 ? 1 : n;
        files++;
    }
    if (!files) return usage_error(usage_dict, "%s", "no dictionary files given");
    fprintf(stderr, "dyad: %d file%s checked, %d problem%s\n", files, files == 1 ? "" : "s",
            problems, problems == 1 ? "" : "s");
    return problems ? 1 : 0;
}

/* ---- dispatch ---- */

typedef struct command {
    const char *name;
    int (*run)(int argc, char **argv);
} command;

static const command commands[] = {
    {"code", cmd_code},
    {"times", cmd_times},
    {"query", cmd_query},
    {"plot", cmd_plot},
    {"export", cmd_export},
    {"parse", cmd_parse},
    {"eval", cmd_eval},
    {"eval-plover", cmd_eval_plover},
    {"validate", cmd_validate},
    {"dict", cmd_dict},
};

int main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
        !strcmp(argv[1], "help")) {
        fputs(usage_main, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("dyad %s\n", dyad_version());
        return 0;
    }
    for (size_t k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[1], commands[k].name) == 0) return commands[k].run(argc - 2, argv + 2);
    return usage_error(usage_main, "unknown command: %s", argv[1]);
}
