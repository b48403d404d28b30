/* bench.c — throughput of the pipeline on a corpus (make bench).
 *
 *   bench front  CORPUS          reading + cleaning + splitting + tokenizing
 *   bench full   CORPUS [MAX]    the whole pipeline through the public API,
 *                                shallow coder (MAX: stop after MAX stories)
 *   bench parsed CORPUS [MAX]    the same with the tagger and parser
 *   bench syntax GOLD.conllu     model load time and memory; tagging and
 *                                tagging + parsing in tokens/s (gold words)
 *   bench dicts  PETR_config.ini DIR
 *                                load time and memory of the dictionaries
 *                                the ini names (files in DIR)
 *
 * Prints stories/s, sentences/s, MB/s (of story text) and peak memory
 * (ru_maxrss) for one pass, one core.  Figures, never a pass/fail test. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <stdlib.h>

#include "arena.h"
#include "clean.h"
#include "conllu.h"
#include "dyad.h"
#include "model.h"
#include "parser.h"
#include "pipeline.h"
#include "read.h"
#include "split.h"
#include "tagger.h"
#include "tokenize.h"

/* Seconds spent in each front-end stage. */
enum { ST_READ, ST_CLEAN, ST_SPLIT, ST_TOKENIZE, ST_SENTENCES, N_STAGES };
static const char *const stage_names[N_STAGES] = {"read", "clean_text", "split",
                                                   "tokenize", "clean_sentences"};
static double stage_secs[N_STAGES];

typedef struct counts {
    size_t stories, sentences, tokens, bytes, events, failed;
} counts;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long peak_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

/* The stages of pipeline_text(), timed one by one. */
static void front_stages(arena *a, const story *st, doc *d)
{
    double t0 = now();
    memset(d, 0, sizeof *d);
    d->story = st;
    int ok = clean_text(a, d) == 0;
    double t1 = now();
    if (ok) split_sentences(a, d);
    double t2 = now();
    if (ok) tokenize(a, d);
    double t3 = now();
    if (ok) clean_sentences(a, d);
    double t4 = now();
    stage_secs[ST_CLEAN] += t1 - t0;
    stage_secs[ST_SPLIT] += t2 - t1;
    stage_secs[ST_TOKENIZE] += t3 - t2;
    stage_secs[ST_SENTENCES] += t4 - t3;
}

static int run_front(const char *path, counts *c)
{
    read_failure fail;
    reader *r = reader_open(path, INPUT_AUTO, &fail);
    if (!r) { fprintf(stderr, "bench: cannot open %s: %s\n", path, fail.message); return -1; }
    arena *a = arena_new();
    story st;
    read_status rs;
    double t = now();
    while ((rs = reader_next(r, a, &st, &fail)) != READ_END) {
        stage_secs[ST_READ] += now() - t;
        if (rs == READ_STORY) {
            doc d;
            front_stages(a, &st, &d);
            c->sentences += d.n_sents;
            c->tokens += d.n_tokens;
            c->stories++;
            c->bytes += st.text_len;
        } else {
            c->failed++;
        }
        arena_reset(a);
        t = now();
    }
    arena_free(a);
    reader_close(r);
    return 0;
}

static size_t max_stories = (size_t)-1;
static int with_parser;

static int run_full(const char *path, counts *c)
{
    char err[1024];
    dyad_coder *coder = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    if (!coder) { fprintf(stderr, "bench: %s\n", err); return -1; }
    dyad_parser *p = NULL;
    if (with_parser && !(p = dyad_parser_load(NULL, err, sizeof err))) {
        fprintf(stderr, "bench: %s\n", err);
        dyad_coder_free(coder);
        return -1;
    }
    dyad_coder_use_parser(coder, p);
    const char *paths[] = {path};
    dyad_input *in = dyad_input_open(paths, 1, DYAD_INPUT_AUTO);
    dyad_story *s;
    int st;
    while (c->stories < max_stories && (st = dyad_input_next(in, &s)) != DYAD_END) {
        if (st != DYAD_STORY) { c->failed++; continue; }
        const dyad_result *r = dyad_code(coder, s);
        c->stories++;
        c->sentences += dyad_result_sentence_count(r);
        c->events += dyad_result_event_count(r);
        c->bytes += strlen(dyad_story_text(s));
    }
    dyad_input_close(in);
    dyad_coder_free(coder);
    dyad_parser_free(p);
    return 0;
}

/* ---- syntax: the models on gold-tokenized sentences ---- */

#ifndef DYAD_MODEL_DIR
#define DYAD_MODEL_DIR "data/model"
#endif

static model *load_model(const char *name)
{
    char path[4096], err[512];
    const char *dir = getenv("DYAD_MODEL_DIR");
    snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : DYAD_MODEL_DIR, name);
    model *m = model_load(path, err, sizeof err);
    if (!m) fprintf(stderr, "bench: %s: %s\n", path, err);
    return m;
}

/* Tags (and parses) every sentence of tb `reps` times; returns seconds. */
static double tag_parse_all(tagger *tg, parser *ps, parser_work *w, const treebank *tb,
                            int reps)
{
    const char *forms[1024], *xnames[1024], *anames[1024];
    uint8_t upos[1024];
    uint16_t xpos[1024], alt[1024];
    int heads[1024], labels[1024];
    double t0 = now();
    for (int r = 0; r < reps; r++)
        for (size_t s = 0; s < tb->n_sents; s++) {
            const ud_sentence *us = &tb->sents[s];
            if (us->n > 1024) continue;
            for (size_t i = 0; i < us->n; i++) forms[i] = us->words[i].form;
            if (!ps) {
                tagger_tag(tg, forms, us->n, upos, xpos);
                continue;
            }
            tagger_tag_alt(tg, forms, us->n, upos, xpos, alt);
            for (size_t i = 0; i < us->n; i++) {
                xnames[i] = tagger_xpos_name(tg, xpos[i]);
                anames[i] = tagger_xpos_name(tg, alt[i]);
            }
            parser_parse(ps, w, us->n, forms, upos, xnames, anames, heads, labels);
        }
    return now() - t0;
}

static int run_syntax(const char *gold)
{
    char err[512];
    treebank *tb = conllu_read_file(gold, err, sizeof err);
    if (!tb) { fprintf(stderr, "bench: %s\n", err); return -1; }
    size_t words = 0;
    for (size_t s = 0; s < tb->n_sents; s++) words += tb->sents[s].n;
    long rss0 = peak_kb();
    double t0 = now();
    model *tm = load_model("dyad-tagger.model"), *pm = tm ? load_model("dyad-parser.model") : NULL;
    tagger *tg = pm ? tagger_load(tm, err, sizeof err) : NULL;
    parser *ps = tg ? parser_from_model(pm, err, sizeof err) : NULL;
    double load = now() - t0;
    long rss1 = peak_kb();
    if (!ps) {
        if (tm && pm) fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    parser_work *w = parser_work_new();
    const int reps = 5;
    double tag_s = tag_parse_all(tg, NULL, w, tb, reps);
    double both_s = tag_parse_all(tg, ps, w, tb, reps);
    printf("models: loaded in %.1f ms, %ld MB resident (tagger + parser)\n", load * 1000,
           (rss1 - rss0) / 1024);
    printf("tagging:           %9.0f tokens/s  (%zu words x %d, one core)\n",
           words * reps / tag_s, words, reps);
    printf("tagging + parsing: %9.0f tokens/s\n", words * reps / both_s);
    parser_work_free(w);
    parser_free(ps);
    tagger_free(tg);
    model_free(pm);
    model_free(tm);
    conllu_free(tb);
    return 0;
}

/* The standard dictionaries have malformed lines; `dyad dict check` lists
 * them, the benchmark does not. */
static void quiet(void *ctx, const char *message)
{
    (void)ctx;
    (void)message;
}

/* Loads the PETRARCH dictionary set an ini names, as `dyad code
 * --petrarch-config` does, and prints the time and the memory it took. */
static int run_dicts(const char *ini, const char *dir)
{
    char err[512];
    dyad_dict_config cfg;
    if (dyad_dict_config_from_petrarch_ini(ini, &cfg, err, sizeof err) != 0) {
        fprintf(stderr, "bench: %s\n", err);
        return -1;
    }
    free((char *)cfg.dictionary_dir);
    cfg.dictionary_dir = strdup(dir);
    long rss0 = peak_kb();
    double t0 = now();
    dyad_coder *c = dyad_coder_new(&cfg, quiet, NULL, err, sizeof err);
    double secs = now() - t0;
    long rss1 = peak_kb();
    if (!c) {
        fprintf(stderr, "bench: %s\n", err);
        dyad_dict_config_clear(&cfg);
        return -1;
    }
    printf("PETRARCH dictionaries (%zu actor files + verbs, agents, discards, issues): "
           "loaded in %.1f ms, %ld MB resident\n",
           cfg.n_actors, secs * 1000, (rss1 - rss0) / 1024);
    dyad_coder_free(c);
    dyad_dict_config_clear(&cfg);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && strcmp(argv[1], "dicts") == 0) return run_dicts(argv[2], argv[3]) ? 1 : 0;
    if (argc < 3 || (strcmp(argv[1], "front") && strcmp(argv[1], "full") &&
                     strcmp(argv[1], "parsed") && strcmp(argv[1], "syntax"))) {
        fprintf(stderr, "usage: bench front|full|parsed CORPUS.jsonl [MAX] | syntax GOLD.conllu"
                        " | dicts PETR_config.ini DIR\n");
        return 1;
    }
    if (strcmp(argv[1], "syntax") == 0) return run_syntax(argv[2]) ? 1 : 0;
    if (argc > 3) max_stories = (size_t)atol(argv[3]);
    with_parser = strcmp(argv[1], "parsed") == 0;
    counts c = {0};
    double t0 = now();
    int full = strcmp(argv[1], "front") != 0;
    if ((full ? run_full : run_front)(argv[2], &c) != 0) return 1;
    double secs = now() - t0;
    double size = (double)c.bytes;
    printf("%-28s %8.2f s  %9.0f stories/s  %10.0f sentences/s  %7.1f MB/s  peak %ld MB",
           !full ? "read+clean+split+tokenize:" : with_parser ? "whole pipeline, parsed:"
                                                              : "whole pipeline, shallow:",
           secs, c.stories / secs,
           c.sentences / secs, size / 1048576.0 / secs, peak_kb() / 1024);
    if (full) printf("  (%zu events)", c.events);
    else printf("  (%.0f tokens/s)", c.tokens / secs);
    printf("\n");
    for (int k = 0; !full && k < N_STAGES; k++)
        printf("  %-16s %6.2f s  %7.1f MB/s\n", stage_names[k], stage_secs[k],
               size / 1048576.0 / stage_secs[k]);
    return 0;
}
