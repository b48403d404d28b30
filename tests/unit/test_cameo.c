/* test_cameo.c — the CAMEO code table (src/cameo.c, data/cameo.txt).
 *
 * Spot checks of codes whose values are certain, the table's internal
 * consistency (roots, parents, quad classes, Goldstein range, PLOVER
 * types), lookups from many threads, and, when $SHARED (default ../shared)
 * holds the PLOVER project's published CAMEO2PLOVER-2021.txt, that every
 * code it lists is in dyad's table; the share of codes on which dyad's
 * PLOVER column agrees with it is printed as a "  note:" line.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "cameo.h"

static const char *const PLOVER_TYPES[] = {
    "AGREE",    "CONSULT", "SUPPORT",  "CONCEDE",  "COOPERATE", "AID",
    "RETREAT",  "REQUEST", "ACCUSE",   "REJECT",   "THREATEN",  "PROTEST",
    "SANCTION", "MOBILIZE", "COERCE",  "ASSAULT",
};

static int is_plover_type(const char *s)
{
    for (size_t i = 0; i < sizeof PLOVER_TYPES / sizeof *PLOVER_TYPES; i++)
        if (strcmp(s, PLOVER_TYPES[i]) == 0) return 1;
    return 0;
}

static int starts_with(const char *s, const char *prefix)
{
    return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Runs first, so the table is built while several threads race for it. */
static void *lookup_many(void *arg)
{
    long *bad = arg;
    for (int i = 0; i < 2000; i++) {
        const cameo_info *e = cameo_lookup(i % 2 ? "051" : "0874");
        if (!e || cameo_count() < 290) ++*bad;
    }
    return NULL;
}

static void test_threads_build_once(void)
{
    enum { N = 8 };
    pthread_t t[N];
    long bad[N] = {0};
    int started = 0;
    for (int i = 0; i < N; i++)
        if (pthread_create(&t[i], NULL, lookup_many, &bad[i]) == 0) started++;
        else break;
    CHECK(started > 0);
    for (int i = 0; i < started; i++) {
        pthread_join(t[i], NULL);
        CHECK_INT(bad[i], 0);
    }
}

static void test_spot_checks(void)
{
    const cameo_info *e = cameo_lookup("040");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->code, "040");
        CHECK(starts_with(e->name, "Consult"));
        CHECK_INT(e->quad_class, 1);
        CHECK_STR(e->plover, "CONSULT");
    }
    e = cameo_lookup("051");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->name, "Praise or endorse");
        CHECK_INT(e->quad_class, 1);
        CHECK(e->goldstein > 0);
        CHECK_STR(e->plover, "SUPPORT");
    }
    e = cameo_lookup("036");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->name, "Express intent to meet or negotiate");
        CHECK_INT(e->quad_class, 1);
    }
    e = cameo_lookup("190");
    CHECK(e != NULL);
    if (e) {
        CHECK(starts_with(e->name, "Use conventional military force"));
        CHECK_INT(e->quad_class, 4);
        CHECK(e->goldstein == -10.0);
        CHECK_STR(e->plover, "ASSAULT");
    }
    e = cameo_lookup("0874");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(e->name, "Retreat or surrender militarily");
        CHECK_INT(e->quad_class, 2);
        CHECK(e->goldstein > 0);
    }
    e = cameo_lookup("010");
    CHECK(e != NULL);
    if (e) CHECK(e->plover == NULL);
    e = cameo_lookup("173");
    CHECK(e != NULL);
    if (e) {
        CHECK(starts_with(e->name, "Arrest"));
        CHECK_INT(e->quad_class, 4);
    }
    const char *subcodes[] = {"0211", "0311", "0874", "1011", "1381", "1823", "2042"};
    for (size_t i = 0; i < sizeof subcodes / sizeof *subcodes; i++)
        CHECK(cameo_lookup(subcodes[i]) != NULL);
}

static void test_not_codes(void)
{
    const char *bad[] = {"", "0", "04", "04000", "999", "0a1", "211", "04 ", " 040", "-10"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(cameo_lookup(bad[i]) == NULL);
    CHECK(cameo_lookup(NULL) == NULL);
    CHECK(cameo_at(-1) == NULL);
    CHECK(cameo_at(cameo_count()) == NULL);
}

static void test_every_root_present(void)
{
    for (int root = 1; root <= 20; root++) {
        char code[16];
        snprintf(code, sizeof code, "%02d0", root);
        const cameo_info *e = cameo_lookup(code);
        if (!e) printf("  missing root %s\n", code);
        CHECK(e != NULL);
    }
    CHECK(cameo_count() >= 290);
}

static void test_table_consistent(void)
{
    int n = cameo_count();
    for (int i = 0; i < n; i++) {
        const cameo_info *e = cameo_at(i);
        CHECK(e != NULL);
        if (!e) return;
        char parent[4] = {0}, root[4] = {0};
        memcpy(parent, e->code, 3);
        memcpy(root, e->code, 2);
        root[2] = '0';
        int r = atoi(parent) / 10;
        int quad = r <= 5 ? 1 : r <= 9 ? 2 : r <= 14 ? 3 : 4;
        int ok = r >= 1 && r <= 20 && e->quad_class == quad &&
                 e->goldstein >= -10.0 && e->goldstein <= 10.0 &&
                 e->name && e->name[0] &&
                 (e->plover == NULL || is_plover_type(e->plover)) &&
                 cameo_lookup(e->code) == e && cameo_lookup(root) != NULL &&
                 (strlen(e->code) == 3 || cameo_lookup(parent) != NULL) &&
                 (i == 0 || strcmp(cameo_at(i - 1)->code, e->code) < 0);
        if (!ok) printf("  inconsistent entry %s\n", e->code);
        CHECK(ok);
    }
}

/* Reads "CODE: TYPE, mode, context # name" lines of the PLOVER table. */
static void test_plover_published_table(void)
{
    const char *shared = getenv("SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/plover/CAMEO2PLOVER-2021.txt",
             shared && *shared ? shared : "../shared");
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("SKIP test_plover_published_table: %s not found\n", path);
        return;
    }
    char line[1024];
    int listed = 0, missing = 0, agree = 0;
    while (fgets(line, sizeof line, f)) {
        size_t len = strspn(line, "0123456789");
        if ((len != 3 && len != 4) || line[len] != ':') continue;
        char code[5] = {0}, type[32] = {0};
        memcpy(code, line, len);
        const char *p = line + len + 1;
        p += strspn(p, " \t");
        size_t tl = strcspn(p, ", \t#\r\n");
        if (tl >= sizeof type) tl = sizeof type - 1;
        memcpy(type, p, tl);
        listed++;
        const cameo_info *e = cameo_lookup(code);
        if (!e) {
            printf("  missing code %s (listed in %s)\n", code, path);
            missing++;
            continue;
        }
        const char *theirs = is_plover_type(type) ? type : NULL;
        if ((!theirs && !e->plover) || (theirs && e->plover && strcmp(theirs, e->plover) == 0))
            agree++;
    }
    fclose(f);
    CHECK(listed > 250);
    CHECK_INT(missing, 0);
    if (listed)
        printf("  note: PLOVER event type agrees with the published CAMEO2PLOVER "
               "table on %d of %d codes (%.1f%%)\n",
               agree, listed - missing, 100.0 * agree / (listed - missing ? listed - missing : 1));
}

int main(void)
{
    RUN(test_threads_build_once);
    RUN(test_spot_checks);
    RUN(test_not_codes);
    RUN(test_every_root_present);
    RUN(test_table_consistent);
    RUN(test_plover_published_table);
    return harness_report("test_cameo");
}
