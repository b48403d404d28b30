/* tool_util.h — helpers shared by the developer tools under tools/. */
#ifndef DYAD_TOOL_UTIL_H
#define DYAD_TOOL_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "conllu.h"

/* Seconds from a monotonic clock. */
static inline double tool_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Reads a treebank or exits with "PROGRAM: message". */
static inline treebank *tool_read_treebank(const char *program, const char *path)
{
    char err[512];
    treebank *tb = conllu_read_file(path, err, sizeof err);
    if (!tb) {
        fprintf(stderr, "%s: %s\n", program, err);
        exit(1);
    }
    return tb;
}

#endif
