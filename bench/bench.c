/* bench.c — throughput of the pipeline on a corpus (make bench).
 *
 *   bench front CORPUS   reading + cleaning + splitting + tokenizing
 *   bench full  CORPUS   the whole pipeline through the public API
 *
 * Prints stories/s, sentences/s, MB/s (of story text) and peak memory
 * (ru_maxrss) for one pass, one core.  Figures, never a pass/fail test. */
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "arena.h"
#include "clean.h"
#include "dyad.h"
#include "pipeline.h"
#include "read.h"
#include "split.h"
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

static int run_full(const char *path, counts *c)
{
    char err[256];
    dyad_coder *coder = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    if (!coder) { fprintf(stderr, "bench: %s\n", err); return -1; }
    const char *paths[] = {path};
    dyad_input *in = dyad_input_open(paths, 1, DYAD_INPUT_AUTO);
    dyad_story *s;
    int st;
    while ((st = dyad_input_next(in, &s)) != DYAD_END) {
        if (st != DYAD_STORY) { c->failed++; continue; }
        const dyad_result *r = dyad_code(coder, s);
        c->stories++;
        c->sentences += dyad_result_sentence_count(r);
        c->events += dyad_result_event_count(r);
    }
    dyad_input_close(in);
    dyad_coder_free(coder);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "front") && strcmp(argv[1], "full"))) {
        fprintf(stderr, "usage: bench front|full CORPUS.jsonl\n");
        return 1;
    }
    counts c = {0};
    double t0 = now();
    int full = strcmp(argv[1], "full") == 0;
    if ((full ? run_full : run_front)(argv[2], &c) != 0) return 1;
    double secs = now() - t0;
    FILE *f = fopen(argv[2], "rb");
    long size = 0;
    if (f) { fseek(f, 0, SEEK_END); size = ftell(f); fclose(f); }
    printf("%-28s %8.2f s  %9.0f stories/s  %10.0f sentences/s  %7.1f MB/s  peak %ld MB",
           full ? "whole pipeline:" : "read+clean+split+tokenize:", secs, c.stories / secs,
           c.sentences / secs, size / 1048576.0 / secs, peak_kb() / 1024);
    if (full) printf("  (%zu events)", c.events);
    else printf("  (%.0f tokens/s)", c.tokens / secs);
    printf("\n");
    for (int k = 0; !full && k < N_STAGES; k++)
        printf("  %-16s %6.2f s  %7.1f MB/s\n", stage_names[k], stage_secs[k],
               size / 1048576.0 / stage_secs[k]);
    return 0;
}
