/* test_model.c — the sectioned binary model file (model.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "model.h"
#include "harness.h"

static char path[64];

/* Writes a model with two sections to a fresh temp path; 0 on success. */
static int write_sample(void)
{
    snprintf(path, sizeof path, "/tmp/dyad_model_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return -1;
    close(fd);
    float weights[1000];
    for (int i = 0; i < 1000; i++) weights[i] = (float)i * 0.5f;
    model_writer *w = model_writer_new();
    model_writer_add(w, "tagger", weights, sizeof weights);
    model_writer_add(w, "facts", "trained on EWT", 14);
    model_writer_add(w, "empty", "", 0);
    char err[256] = "";
    int rc = model_writer_save(w, path, err, sizeof err);
    model_writer_free(w);
    return rc;
}

static void test_round_trip(void)
{
    CHECK_INT(write_sample(), 0);
    char err[256] = "";
    model *m = model_load(path, err, sizeof err);
    CHECK(m != NULL);
    if (!m) { printf("  %s\n", err); return; }
    size_t len = 99;
    const float *wt = model_section(m, "tagger", &len);
    CHECK(wt != NULL);
    CHECK_INT(len, 4000);
    CHECK(((size_t)wt & 7) == 0);
    if (wt) CHECK(wt[999] == 499.5f && wt[3] == 1.5f);
    const char *facts = model_section(m, "facts", &len);
    CHECK_INT(len, 14);
    if (facts) CHECK(memcmp(facts, "trained on EWT", 14) == 0);
    model_section(m, "empty", &len);
    CHECK_INT(len, 0);
    CHECK(model_section(m, "parser", &len) == NULL);
    CHECK_INT(len, 0);
    model_free(m);
    remove(path);
}

/* Loads a modified image from memory; returns the error text. */
static const char *load_modified(size_t at, unsigned char xor_with, char *err, size_t errlen)
{
    size_t len;
    unsigned char *p = harness_read_file(path, &len);
    p[at] ^= xor_with;
    model *m = model_from_memory(p, len, err, errlen);
    CHECK(m == NULL);
    model_free(m);
    free(p);
    return err;
}

static void test_flipped_byte(void)
{
    CHECK_INT(write_sample(), 0);
    char err[256] = "";
    CHECK(strstr(load_modified(200, 0x01, err, sizeof err), "checksum") != NULL);
    CHECK(strstr(load_modified(0, 0x20, err, sizeof err), "magic") != NULL);
    /* the file on disk too */
    size_t len;
    unsigned char *p = harness_read_file(path, &len);
    p[len - 20] ^= 0x80;
    FILE *f = fopen(path, "wb");
    fwrite(p, 1, len, f);
    fclose(f);
    free(p);
    CHECK(model_load(path, err, sizeof err) == NULL);
    CHECK(strstr(err, "checksum") != NULL);
    CHECK(strstr(err, path) != NULL);
    remove(path);
}

static void test_wrong_version(void)
{
    CHECK_INT(write_sample(), 0);
    char err[256] = "";
    char want[64];
    snprintf(want, sizeof want, "version %d,", MODEL_FORMAT_VERSION ^ 0x40);
    CHECK(strstr(load_modified(8, 0x40, err, sizeof err), want) != NULL);
    remove(path);
}

static void test_truncated_and_missing(void)
{
    CHECK_INT(write_sample(), 0);
    size_t len;
    unsigned char *p = harness_read_file(path, &len);
    char err[256] = "";
    CHECK(model_from_memory(p, len - 100, err, sizeof err) == NULL);
    CHECK(model_from_memory(p, 10, err, sizeof err) == NULL);
    free(p);
    remove(path);
    CHECK(model_load("/nonexistent/dyad.model", err, sizeof err) == NULL);
    CHECK(strstr(err, "/nonexistent/dyad.model") != NULL);
}

int main(void)
{
    RUN(test_round_trip);
    RUN(test_flipped_byte);
    RUN(test_wrong_version);
    RUN(test_truncated_and_missing);
    return harness_report("model");
}
