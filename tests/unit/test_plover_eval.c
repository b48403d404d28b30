/* test_plover_eval.c — the CAMEO-to-PLOVER table reader and the gold
 * records' type names (plover_eval.h).  Scoring is checked end to end in
 * tests/e2e/eval_plover.sh. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "../harness.h"
#include "plover_eval.h"

/* A table in the published file's shape: a root line, listed codes with
 * mode and context fields and comments, a root listed twice, a blank line
 * and the closing "~~~~~". */
static const char table_text[] =
    "# CAMEO to PLOVER conversion table\n"
    "03: AGREE\n"
    "030: AGREE,  , diplomatic # Express intent to cooperate\n"
    "\n"
    "08: CONCEDE\n"
    "081: CONCEDE,   ,   legal # Ease administrative sanctions\n"
    "08: RETREAT\n"
    "0874: RETREAT, disarm,   military # Retreat or surrender militarily\n"
    "0813: RETREAT, ,   legal # Ease curfew\n"
    "~~~~~\n";

static plover_table *read_table(const char *text, char *err, size_t errlen)
{
    char path[] = "/tmp/dyad-plover-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    plover_table *t = plover_table_read(path, err, errlen);
    unlink(path);
    return t;
}

static void test_longest_prefix(void)
{
    char err[256] = "";
    plover_table *t = read_table(table_text, err, sizeof err);
    CHECK(t != NULL);
    if (!t) { printf("  %s\n", err); return; }
    CHECK_STR(plover_type_of(t, "030"), "AGREE");      /* listed */
    CHECK_STR(plover_type_of(t, "036"), "AGREE");      /* under 03 */
    CHECK_STR(plover_type_of(t, "0874"), "RETREAT");   /* listed under the second 08 */
    CHECK_STR(plover_type_of(t, "0813"), "RETREAT");   /* listed, longer than 081 */
    CHECK_STR(plover_type_of(t, "0811"), "CONCEDE");   /* 081 */
    CHECK_STR(plover_type_of(t, "087"), "CONCEDE");    /* 08: the first line holds */
    CHECK(plover_type_of(t, "010") == NULL);           /* no listed prefix */
    CHECK(plover_type_of(t, "0") == NULL);
    CHECK(plover_type_of(t, NULL) == NULL);
    plover_table_free(t);
}

static void test_bad_table(void)
{
    char err[256] = "";
    CHECK(read_table("03: AGREE\nAGREE 03\n", err, sizeof err) == NULL);
    CHECK(strstr(err, ":2: ") != NULL);
    CHECK(read_table("# only a comment\n", err, sizeof err) == NULL);
    CHECK(plover_table_read("/nonexistent/table.txt", err, sizeof err) == NULL);
    CHECK(strstr(err, "/nonexistent/table.txt") != NULL);
}

static void test_older_names(void)
{
    CHECK_STR(plover_current_name("DEMAND"), "REQUEST");
    CHECK_STR(plover_current_name("DISAPPROVE"), "ACCUSE");
    CHECK_STR(plover_current_name("INVESTIGATE"), "ACCUSE");
    CHECK_STR(plover_current_name("FIGHT"), "ASSAULT");
    CHECK_STR(plover_current_name("AGREE"), "AGREE");
}

int main(void)
{
    RUN(test_longest_prefix);
    RUN(test_bad_table);
    RUN(test_older_names);
    return harness_report("plover_eval");
}
