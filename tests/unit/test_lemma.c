/* test_lemma.c — the rule-based lemmatizer (lemma.h). */
#include <string.h>

#include "doc.h"
#include "lemma.h"
#include "harness.h"

/* The lemma of form with the given tags. */
static const char *L(const char *form, int upos, const char *xpos)
{
    static char buf[64];
    return lemma_of(form, upos, xpos, buf, sizeof buf);
}

static void test_nouns(void)
{
    CHECK_STR(L("Studies", POS_NOUN, "NNS"), "study");
    CHECK_STR(L("boxes", POS_NOUN, "NNS"), "box");
    CHECK_STR(L("churches", POS_NOUN, "NNS"), "church");
    CHECK_STR(L("dogs", POS_NOUN, "NNS"), "dog");
    CHECK_STR(L("children", POS_NOUN, "NNS"), "child");
    CHECK_STR(L("status", POS_NOUN, "NN"), "status");
    CHECK_STR(L("Palestinians", POS_PROPN, "NNPS"), "Palestinian");
    CHECK_STR(L("Beijing", POS_PROPN, "NNP"), "Beijing");
}

static void test_verbs(void)
{
    CHECK_STR(L("went", POS_VERB, "VBD"), "go");
    CHECK_STR(L("was", POS_AUX, "VBD"), "be");
    CHECK_STR(L("'s", POS_AUX, "VBZ"), "be");
    CHECK_STR(L("stopped", POS_VERB, "VBD"), "stop");
    CHECK_STR(L("added", POS_VERB, "VBD"), "add");
    CHECK_STR(L("liked", POS_VERB, "VBD"), "like");
    CHECK_STR(L("used", POS_VERB, "VBN"), "use");
    CHECK_STR(L("located", POS_VERB, "VBN"), "locate");
    CHECK_STR(L("tried", POS_VERB, "VBD"), "try");
    CHECK_STR(L("running", POS_VERB, "VBG"), "run");
    CHECK_STR(L("making", POS_VERB, "VBG"), "make");
    CHECK_STR(L("walks", POS_VERB, "VBZ"), "walk");
    CHECK_STR(L("watches", POS_VERB, "VBZ"), "watch");
    CHECK_STR(L("agreed", POS_VERB, "VBD"), "agree");
    CHECK_STR(L("walked", POS_VERB, NULL), "walk");
}

static void test_adjectives_and_others(void)
{
    CHECK_STR(L("bigger", POS_ADJ, "JJR"), "big");
    CHECK_STR(L("happiest", POS_ADJ, "JJS"), "happy");
    CHECK_STR(L("better", POS_ADJ, "JJR"), "good");
    CHECK_STR(L("Great", POS_ADJ, "JJ"), "great");
    CHECK_STR(L("Israeli", POS_ADJ, "JJ"), "Israeli");
    CHECK_STR(L("me", POS_PRON, "PRP"), "I");
    CHECK_STR(L("her", POS_PRON, "PRP"), "she");
    CHECK_STR(L("her", POS_PRON, "PRP$"), "her");
    CHECK_STR(L("n't", POS_PART, "RB"), "not");
    CHECK_STR(L("The", POS_DET, "DT"), "the");
    CHECK_STR(L("An", POS_DET, "DT"), "a");
}

static void test_long_and_small_buffers(void)
{
    char big[300];
    memset(big, 'a', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char out[8];
    CHECK_STR(lemma_of(big, POS_NOUN, "NN", out, sizeof out), "aaaaaaa");
    CHECK_STR(lemma_of("", POS_X, "_", out, sizeof out), "");
}

int main(void)
{
    RUN(test_nouns);
    RUN(test_verbs);
    RUN(test_adjectives_and_others);
    RUN(test_long_and_small_buffers);
    return harness_report("lemma");
}
