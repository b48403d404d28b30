/* harness.h — a small unit-test harness.
 *
 * A test is a function; CHECK* macros record failures without stopping it.
 * main() calls RUN(test_fn) for each, then return harness_report("suite");
 * which prints "ok NAME" / "FAIL NAME" lines and "N passed, N failed" (tests,
 * not checks), and exits non-zero when anything failed.  tests/run.sh adds
 * up the closing lines of every suite.
 */
#ifndef DYAD_HARNESS_H
#define DYAD_HARNESS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int harness_passed, harness_failed, harness_current_failed;
static const char *harness_current;

static void harness_fail(const char *file, int line, const char *what)
{
    if (!harness_current_failed)
        printf("FAIL %s\n", harness_current);
    printf("  %s:%d: %s\n", file, line, what);
    harness_current_failed = 1;
}

#define CHECK(cond) \
    do { if (!(cond)) harness_fail(__FILE__, __LINE__, "CHECK(" #cond ")"); } while (0)

#define CHECK_INT(got, want) \
    do { long long g_ = (long long)(got), w_ = (long long)(want); \
         if (g_ != w_) { char m_[256]; \
             snprintf(m_, sizeof m_, "%s == %lld, expected %lld", #got, g_, w_); \
             harness_fail(__FILE__, __LINE__, m_); } } while (0)

#define CHECK_STR(got, want) \
    do { const char *g_ = (got), *w_ = (want); \
         if (!g_ || !w_ || strcmp(g_, w_) != 0) { char m_[1024]; \
             snprintf(m_, sizeof m_, "%s == \"%s\", expected \"%s\"", #got, \
                      g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
             harness_fail(__FILE__, __LINE__, m_); } } while (0)

/* Compares a span (pointer + length) with a C string. */
#define CHECK_SPAN(ptr, len, want) \
    do { const char *w_ = (want); size_t l_ = (size_t)(len); \
         if (strlen(w_) != l_ || memcmp((ptr), w_, l_) != 0) { char m_[1024]; \
             snprintf(m_, sizeof m_, "span \"%.*s\", expected \"%s\"", (int)l_, \
                      (const char *)(ptr), w_); \
             harness_fail(__FILE__, __LINE__, m_); } } while (0)

#define RUN(fn) \
    do { harness_current = #fn; harness_current_failed = 0; fn(); \
         if (harness_current_failed) harness_failed++; \
         else { harness_passed++; printf("ok %s\n", #fn); } } while (0)

/* The whole file at path in a malloc'd buffer (the caller frees it), or
 * NULL when it cannot be opened; *len gets its size. */
static inline unsigned char *harness_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    *len = 0;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    unsigned char *p = malloc(size > 0 ? (size_t)size : 1);
    if (p && size > 0 && fread(p, 1, (size_t)size, f) == (size_t)size) *len = (size_t)size;
    fclose(f);
    return p;
}

static int harness_report(const char *suite)
{
    printf("%s: %d passed, %d failed\n", suite, harness_passed, harness_failed);
    return harness_failed ? 1 : 0;
}

#endif
