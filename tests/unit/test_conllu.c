/* test_conllu.c — CoNLL-U reading and writing (conllu.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conllu.h"
#include "harness.h"

/* Writes text to a fresh temporary file; returns its path (static buffer). */
static const char *temp_file(const char *text)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/dyad_conllu_XXXXXX");
    int fd = mkstemp(path);
    if (fd < 0) return NULL;
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

/* Reads an inline CoNLL-U text through a temp file. */
static treebank *read_text(const char *text, char *err, size_t errlen)
{
    const char *path = temp_file(text);
    treebank *tb = conllu_read_file(path, err, errlen);
    remove(path);
    return tb;
}

static const char *const SMALL =
    "# newdoc id = d1\n"
    "# sent_id = s1\n"
    "# text = I don't know.\n"
    "1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_\n"
    "2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n"
    "2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_\n"
    "3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_\n"
    "4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\t_\n"
    "4.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t4:conj\t_\n"
    "5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = s2\n"
    "1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
    "2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n";   /* no closing blank line */

static void test_small(void)
{
    char err[256] = "";
    treebank *tb = read_text(SMALL, err, sizeof err);
    CHECK(tb != NULL);
    if (!tb) { printf("  %s\n", err); return; }
    CHECK_INT(tb->n_sents, 2);
    CHECK_INT(tb->n_words, 7);
    CHECK_INT(tb->sents[0].n, 5);
    CHECK_STR(tb->sents[0].sent_id, "s1");
    CHECK_STR(tb->sents[0].text, "I don't know.");
    CHECK_STR(tb->sents[0].words[1].form, "do");
    CHECK_STR(tb->sents[0].words[2].lemma, "not");
    CHECK_INT(tb->sents[0].words[2].upos, POS_PART);
    CHECK_STR(tb->sents[0].words[3].xpos, "VB");
    CHECK_INT(tb->sents[0].words[3].head, 0);
    CHECK_INT(tb->sents[0].words[0].head, 4);
    CHECK_STR(tb->sents[0].words[4].deprel, "punct");
    CHECK_INT(tb->sents[1].n, 2);
    CHECK(tb->sents[1].text == NULL);
    CHECK_INT(tb->sents[1].words[0].upos, POS_INTJ);
    conllu_free(tb);
}

static void test_unknown_fields(void)
{
    char err[256] = "";
    treebank *tb = read_text("1\tfoo\t_\t_\t_\t_\t_\t_\t_\t_\r\n\r\n", err, sizeof err);
    CHECK(tb != NULL);
    if (!tb) return;
    CHECK_INT(tb->n_sents, 1);
    CHECK_INT(tb->sents[0].words[0].upos, POS_X);
    CHECK_INT(tb->sents[0].words[0].head, -1);
    CHECK_STR(tb->sents[0].words[0].xpos, "_");
    CHECK_STR(tb->sents[0].words[0].deprel, "_");
    conllu_free(tb);
}

/* Checks that text is refused with a message containing want. */
static void check_refused(const char *text, const char *want)
{
    char err[256] = "";
    treebank *tb = read_text(text, err, sizeof err);
    CHECK(tb == NULL);
    conllu_free(tb);
    CHECK(strstr(err, want) != NULL);
    CHECK(strstr(err, "/tmp/dyad_conllu_") != NULL);
}

static void test_malformed(void)
{
    check_refused("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n2\tb\tb\n", ":2: expected 10");
    check_refused("# c\n1\ta\ta\tX\t_\t_\tzz\troot\t_\t_\n", ":2: bad HEAD");
    check_refused("1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n3\tb\tb\tX\t_\t_\t1\tdep\t_\t_\n",
                  ":2: word IDs out of sequence");
    check_refused("x\ta\ta\tX\t_\t_\t0\troot\t_\t_\n", ":1: bad ID");
    char err[256] = "";
    CHECK(conllu_read_file("/nonexistent/x.conllu", err, sizeof err) == NULL);
    CHECK(strstr(err, "/nonexistent/x.conllu") != NULL);
}

static void test_upos_names(void)
{
    CHECK_INT(upos_from_name("NOUN"), POS_NOUN);
    CHECK_INT(upos_from_name("VERB"), POS_VERB);
    CHECK_INT(upos_from_name("nope"), -1);
    CHECK_STR(upos_name(POS_PROPN), "PROPN");
    for (int p = 0; p < POS_COUNT; p++) CHECK_INT(upos_from_name(upos_name(p)), p);
}

static void test_write_round_trip(void)
{
    char err[256] = "";
    treebank *tb = read_text(SMALL, err, sizeof err);
    CHECK(tb != NULL);
    if (!tb) return;
    char path[] = "/tmp/dyad_conllu_out_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    for (size_t s = 0; s < tb->n_sents; s++) conllu_write_sentence(f, &tb->sents[s]);
    fclose(f);
    treebank *tb2 = conllu_read_file(path, err, sizeof err);
    remove(path);
    CHECK(tb2 != NULL);
    if (tb2) {
        CHECK_INT(tb2->n_words, tb->n_words);
        CHECK_STR(tb2->sents[0].words[2].form, "n't");
        CHECK_STR(tb2->sents[0].text, "I don't know.");
        CHECK_INT(tb2->sents[0].words[0].head, 4);
        CHECK_STR(tb2->sents[1].words[1].deprel, "punct");
    }
    conllu_free(tb2);
    conllu_free(tb);
}

/* A tagger's runner-up XPOS travels in MISC as AltXPOS=, among other
 * items or alone, and survives writing and reading again. */
static void test_alt_xpos_in_misc(void)
{
    static const char *const text =
        "1\tThey\tthey\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n"
        "2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No|AltXPOS=VBN\n"
        "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\tAltXPOS=\n";
    char err[256] = "";
    treebank *tb = read_text(text, err, sizeof err);
    CHECK(tb != NULL);
    if (!tb) return;
    CHECK(tb->sents[0].words[0].xpos_alt == NULL);       /* MISC "_" */
    CHECK_STR(tb->sents[0].words[1].xpos_alt, "VBN");
    CHECK(tb->sents[0].words[2].xpos_alt == NULL);       /* empty value */
    char path[] = "/tmp/dyad_conllu_alt_XXXXXX";
    FILE *f = fdopen(mkstemp(path), "w");
    conllu_write_sentence(f, &tb->sents[0]);
    fclose(f);
    treebank *tb2 = conllu_read_file(path, err, sizeof err);
    remove(path);
    CHECK(tb2 != NULL);
    if (tb2) {
        CHECK(tb2->sents[0].words[0].xpos_alt == NULL);
        CHECK_STR(tb2->sents[0].words[1].xpos_alt, "VBN");
        CHECK_STR(tb2->sents[0].words[1].xpos, "VBD");
    }
    conllu_free(tb2);
    conllu_free(tb);
}

static void test_ewt_dev(void)
{
    const char *shared = getenv("SHARED");
    char path[1024];
    snprintf(path, sizeof path, "%s/ud-english-ewt/en_ewt-ud-dev.conllu",
             shared ? shared : "../shared");
    if (access(path, R_OK) != 0) {
        printf("SKIP test_ewt_dev: %s not found\n", path);
        return;
    }
    char err[512] = "";
    treebank *tb = conllu_read_file(path, err, sizeof err);
    CHECK(tb != NULL);
    if (!tb) { printf("  %s\n", err); return; }
    CHECK_INT(tb->n_sents, 2001);
    CHECK_INT(tb->n_words, 25147);
    size_t sum = 0;
    for (size_t s = 0; s < tb->n_sents; s++) sum += tb->sents[s].n;
    CHECK_INT(sum, tb->n_words);
    CHECK(tb->sents[0].sent_id != NULL);
    CHECK_STR(tb->sents[0].words[0].form, "From");
    conllu_free(tb);
}

int main(void)
{
    RUN(test_small);
    RUN(test_alt_xpos_in_misc);
    RUN(test_unknown_fields);
    RUN(test_malformed);
    RUN(test_upos_names);
    RUN(test_write_round_trip);
    RUN(test_ewt_dev);
    return harness_report("conllu");
}
