/* test_tagger.c — the part-of-speech tagger (tagger.h): training on a
 * tiny inline treebank, determinism, save/load through a model file, and
 * (when the treebank and the trained model are present) dev accuracy. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conllu.h"
#include "model.h"
#include "tagger.h"
#include "harness.h"

/* Appends one CoNLL-U sentence of "form/UPOS/XPOS" items to f. */
static void put_sentence(FILE *f, const char *const *items, int n)
{
    for (int i = 0; i < n; i++) {
        char form[64], upos[16], xpos[16];
        sscanf(items[i], "%63[^/]/%15[^/]/%15s", form, upos, xpos);
        fprintf(f, "%d\t%s\t_\t%s\t%s\t_\t%d\tdep\t_\t_\n", i + 1, form, upos, xpos, i);
    }
    fputc('\n', f);
}

/* Writes a small treebank (ambiguous "runs", "saw") to a temp file and
 * reads it. */
static treebank *tiny_treebank(void)
{
    static const char *const s1[] = { "The/DET/DT", "dog/NOUN/NN", "runs/VERB/VBZ", "./PUNCT/." };
    static const char *const s2[] = { "She/PRON/PRP", "saw/VERB/VBD", "the/DET/DT", "saw/NOUN/NN", "./PUNCT/." };
    static const char *const s3[] = { "Two/NUM/CD", "runs/NOUN/NNS", "scored/VERB/VBD", "./PUNCT/." };
    static const char *const s4[] = { "Putin/PROPN/NNP", "met/VERB/VBD", "Xi/PROPN/NNP", "in/ADP/IN", "Beijing/PROPN/NNP", "./PUNCT/." };
    char path[] = "/tmp/dyad_tagger_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fdopen(fd, "w");
    for (int r = 0; r < 5; r++) {
        put_sentence(f, s1, 4);
        put_sentence(f, s2, 5);
        put_sentence(f, s3, 4);
        put_sentence(f, s4, 6);
    }
    fclose(f);
    char err[256];
    treebank *tb = conllu_read_file(path, err, sizeof err);
    remove(path);
    return tb;
}

static tagger *train_tiny(const treebank *tb)
{
    tagger_train_opts o = { .epochs = 5, .xbits = 10, .ubits = 10, .seed = 3,
                            .leave_one_out = 1, .lex_min = 1 };
    return tagger_train(tb, tb, &o);
}

/* Saves a tagger to a temp model file; returns the path (static). */
static const char *save_tiny(const tagger *t)
{
    static char path[64];
    snprintf(path, sizeof path, "/tmp/dyad_tagger_model_XXXXXX");
    close(mkstemp(path));
    model_writer *w = model_writer_new();
    tagger_save(t, w);
    char err[256];
    int rc = model_writer_save(w, path, err, sizeof err);
    model_writer_free(w);
    return rc == 0 ? path : NULL;
}

static void test_train_and_tag(void)
{
    treebank *tb = tiny_treebank();
    CHECK(tb != NULL);
    if (!tb) return;
    tagger *t = train_tiny(tb);
    tagger_scores sc;
    tagger_evaluate(t, tb, &sc);
    CHECK_INT(sc.words, 95);
    CHECK_INT(sc.upos_ok, 95);
    CHECK_INT(sc.xpos_ok, 95);
    const char *forms[] = { "She", "saw", "the", "saw", "." };
    uint8_t up[5];
    uint16_t xp[5];
    tagger_tag(t, forms, 5, up, xp);
    CHECK_INT(up[1], POS_VERB);
    CHECK_INT(up[3], POS_NOUN);
    CHECK_STR(tagger_xpos_name(t, xp[1]), "VBD");
    CHECK_STR(tagger_xpos_name(t, xp[3]), "NN");
    CHECK_STR(tagger_xpos_name(t, -1), "_");
    CHECK_INT(tagger_xpos_count(t), 10);
    tagger_tag(t, forms, 0, up, xp);          /* empty sentence: nothing happens */
    tagger_free(t);
    conllu_free(tb);
}

static void test_deterministic_and_round_trip(void)
{
    treebank *tb = tiny_treebank();
    if (!tb) { CHECK(tb != NULL); return; }
    tagger *a = train_tiny(tb), *b = train_tiny(tb);
    const char *pa = save_tiny(a);
    char path_a[64];
    snprintf(path_a, sizeof path_a, "%s", pa ? pa : "");
    const char *pb = save_tiny(b);
    CHECK(pa && pb);
    size_t la = 0, lb = 0;
    unsigned char *ba = harness_read_file(path_a, &la), *bb = harness_read_file(pb, &lb);
    CHECK(ba && bb && la == lb && la > 0 && memcmp(ba, bb, la) == 0);
    free(bb);
    if (pb) remove(pb);                /* save_tiny reuses its path buffer */
    char err[256] = "";
    model *m = model_load(path_a, err, sizeof err);
    tagger *c = m ? tagger_load(m, err, sizeof err) : NULL;
    model_free(m);                     /* a loaded tagger keeps copies */
    CHECK(c != NULL);
    if (c) {
        /* in memory its rows lie apart by whole cache lines; saved again it
         * writes the same bytes */
        const char *pc = save_tiny(c);
        size_t lc = 0;
        unsigned char *bc = pc ? harness_read_file(pc, &lc) : NULL;
        CHECK(bc && lc == la && memcmp(ba, bc, la) == 0);
        free(bc);
        if (pc) remove(pc);
    }
    free(ba);
    if (c) {
        const char *forms[] = { "Two", "runs", "scored", "in", "Beijing", "." };
        uint8_t u1[6], u2[6];
        uint16_t x1[6], x2[6];
        tagger_tag(a, forms, 6, u1, x1);
        tagger_tag(c, forms, 6, u2, x2);
        CHECK(memcmp(u1, u2, sizeof u1) == 0 && memcmp(x1, x2, sizeof x1) == 0);
        CHECK_INT(u2[1], POS_NOUN);
        CHECK_STR(tagger_xpos_name(c, x2[4]), "NNP");
    }
    tagger_free(c);
    remove(path_a);
    tagger_free(a);
    tagger_free(b);
    conllu_free(tb);
}

static void test_missing_section(void)
{
    model_writer *w = model_writer_new();
    model_writer_add(w, "parser", "x", 1);
    char path[] = "/tmp/dyad_tagger_nosec_XXXXXX";
    close(mkstemp(path));
    char err[256] = "";
    CHECK_INT(model_writer_save(w, path, err, sizeof err), 0);
    model_writer_free(w);
    model *m = model_load(path, err, sizeof err);
    CHECK(m != NULL);
    CHECK(tagger_load(m, err, sizeof err) == NULL);
    CHECK(strstr(err, "tagger") != NULL);
    model_free(m);
    remove(path);
}

/* 1 when a model whose "tagger" section is the given bytes loads as a
 * tagger; 0 with err. */
static int section_loads(const void *bytes, size_t len, char *err, size_t errlen)
{
    model_writer *w = model_writer_new();
    model_writer_add(w, "tagger", bytes, len);
    char path[] = "/tmp/dyad_tagger_sec_XXXXXX";
    close(mkstemp(path));
    CHECK_INT(model_writer_save(w, path, err, errlen), 0);
    model_writer_free(w);
    model *m = model_load(path, err, errlen);
    remove(path);
    CHECK(m != NULL);
    tagger *t = m ? tagger_load(m, err, errlen) : NULL;
    tagger_free(t);
    model_free(m);
    return t != NULL;
}

/* A section written by older code (layout 1, "TAG1") is refused with a
 * message that says to retrain; so is a newer layout version, and a
 * header whose sizes do not match the section. */
static void test_layout_version(void)
{
    unsigned char sec[64];
    char err[256] = "";
    memset(sec, 0, sizeof sec);
    memcpy(sec, "TAG1", 4);
    sec[4] = 16;
    CHECK(!section_loads(sec, sizeof sec, err, sizeof err));
    CHECK(strstr(err, "layout version 1") != NULL && strstr(err, "retrain") != NULL);
    memcpy(sec, "DTAG", 4);
    sec[4] = 99;
    CHECK(!section_loads(sec, sizeof sec, err, sizeof err));
    CHECK(strstr(err, "layout version 99") != NULL);
    sec[4] = 2;                                 /* right version, sizes wrong */
    const unsigned char fields[] = { 10, 3, 10, POS_COUNT, 0, 0 };
    for (int k = 0; k < 6; k++) sec[8 + 4 * k] = fields[k];
    CHECK(!section_loads(sec, sizeof sec, err, sizeof err));
    CHECK(strstr(err, "malformed") != NULL);
}

/* The section's integers are little-endian whatever the host. */
static void test_little_endian_header(void)
{
    treebank *tb = tiny_treebank();
    if (!tb) { CHECK(tb != NULL); return; }
    tagger *t = train_tiny(tb);
    model_writer *w = model_writer_new();
    tagger_save(t, w);
    char path[] = "/tmp/dyad_tagger_le_XXXXXX", err[256] = "";
    close(mkstemp(path));
    CHECK_INT(model_writer_save(w, path, err, sizeof err), 0);
    model_writer_free(w);
    model *m = model_load(path, err, sizeof err);
    size_t len = 0;
    const unsigned char *p = m ? model_section(m, "tagger", &len) : NULL;
    CHECK(p != NULL && len > 32);
    if (p && len > 32) {
        static const unsigned char want[] = { 'D', 'T', 'A', 'G', 2, 0, 0, 0, 10, 0, 0, 0,
                                              10, 0, 0, 0, 10, 0, 0, 0, POS_COUNT, 0, 0, 0 };
        CHECK(memcmp(p, want, sizeof want) == 0);
    }
    model_free(m);
    remove(path);
    tagger_free(t);
    conllu_free(tb);
}

/* The committed (or $DYAD_TAGGER_MODEL) tagger and the EWT dev set; 0
 * with a SKIP line for test `name` when either is missing.  The model
 * file is freed at once: the tagger keeps copies of what it needs. */
static int load_dev(const char *name, tagger **t, treebank **tb)
{
    const char *shared = getenv("SHARED");
    const char *mpath = getenv("DYAD_TAGGER_MODEL");
    char dev[1024];
    snprintf(dev, sizeof dev, "%s/ud-english-ewt/en_ewt-ud-dev.conllu",
             shared ? shared : "../shared");
    if (!mpath) mpath = "data/model/dyad-tagger.model";
    *t = NULL;
    *tb = NULL;
    if (access(dev, R_OK) != 0 || access(mpath, R_OK) != 0) {
        printf("SKIP %s: %s or %s not found\n", name, dev, mpath);
        return 0;
    }
    char err[512] = "";
    model *m = model_load(mpath, err, sizeof err);
    *t = m ? tagger_load(m, err, sizeof err) : NULL;
    model_free(m);
    *tb = conllu_read_file(dev, err, sizeof err);
    CHECK(*t != NULL && *tb != NULL);
    return 1;
}

static void test_ewt_dev_accuracy(void)
{
    tagger *t;
    treebank *tb;
    if (!load_dev("test_ewt_dev_accuracy", &t, &tb)) return;
    if (t && tb) {
        tagger_scores sc;
        tagger_evaluate(t, tb, &sc);
        printf("  dev UPOS %.2f%% XPOS %.2f%%\n", 100.0 * (double)sc.upos_ok / (double)sc.words,
               100.0 * (double)sc.xpos_ok / (double)sc.words);
        /* Recorded when the committed model was trained: dev UPOS 95.35%,
         * XPOS 94.56%.  A drop of more than 0.2 points fails. */
        CHECK(sc.upos_ok * 10000 >= sc.words * 9515);
        CHECK(sc.xpos_ok * 10000 >= sc.words * 9436);
    }
    conllu_free(tb);
    tagger_free(t);
}

/* tagger_tag_alt tags as tagger_tag does, and names a runner-up where
 * the tagger was unsure: on EWT dev, a minority of the words (13.0% when
 * measured), among which most of its XPOS errors (77.8%), the runner-up
 * being the right tag for more than half of them (55.7%). */
static void test_runner_up_on_dev(void)
{
    tagger *t;
    treebank *tb;
    if (!load_dev("test_runner_up_on_dev", &t, &tb)) return;
    size_t words = 0, unsure = 0, errors = 0, errors_unsure = 0, alt_right = 0, same = 1;
    for (size_t s = 0; t && tb && s < tb->n_sents; s++) {
        const ud_sentence *se = &tb->sents[s];
        const char *forms[256];
        uint8_t up[256], up2[256];
        uint16_t xp[256], xp2[256], alt[256];
        if (se->n > 256) continue;
        for (size_t i = 0; i < se->n; i++) forms[i] = se->words[i].form;
        tagger_tag(t, forms, se->n, up, xp);
        tagger_tag_alt(t, forms, se->n, up2, xp2, alt);
        same &= memcmp(up, up2, se->n) == 0 && memcmp(xp, xp2, se->n * sizeof *xp) == 0;
        for (size_t i = 0; i < se->n; i++) {
            int ok = strcmp(tagger_xpos_name(t, xp[i]), se->words[i].xpos) == 0;
            words++;
            unsure += alt[i] != xp[i];
            errors += !ok;
            errors_unsure += !ok && alt[i] != xp[i];
            alt_right += !ok && strcmp(tagger_xpos_name(t, alt[i]), se->words[i].xpos) == 0;
        }
    }
    if (words) {
        printf("  unsure on %.1f%% of words; %.1f%% of errors; runner-up right for %.1f%%\n",
               100.0 * (double)unsure / (double)words,
               100.0 * (double)errors_unsure / (double)errors,
               100.0 * (double)alt_right / (double)errors);
        CHECK(same);
        CHECK(unsure * 100 > words * 5 && unsure * 100 < words * 20);
        CHECK(errors_unsure * 100 > errors * 70);
        CHECK(alt_right * 100 > errors * 50);
    }
    conllu_free(tb);
    tagger_free(t);
}

/* Auxiliaries are a closed class: a word the training data never showed
 * is never tagged AUX, however auxiliary its place ("will abandon
 * improved relations" made "abandon", absent from EWT's training set,
 * an auxiliary before that rule). */
static void test_unseen_word_is_no_auxiliary(void)
{
    const char *mpath = getenv("DYAD_TAGGER_MODEL");
    if (!mpath) mpath = "data/model/dyad-tagger.model";
    if (access(mpath, R_OK) != 0) {
        printf("SKIP test_unseen_word_is_no_auxiliary: %s not found\n", mpath);
        return;
    }
    char err[512] = "";
    model *m = model_load(mpath, err, sizeof err);
    tagger *t = m ? tagger_load(m, err, sizeof err) : NULL;
    CHECK(t != NULL);
    if (t) {
        const char *a[] = { "Arnor", "will", "abandon", "improved", "economic", "relations", "." };
        const char *b[] = { "It", "will", "florble", "been", "done", "." };
        uint8_t up[8];
        uint16_t xp[8];
        tagger_tag(t, a, 7, up, xp);
        CHECK_INT(up[1], POS_AUX);                /* a known auxiliary stays one */
        CHECK(up[2] != POS_AUX);
        tagger_tag(t, b, 6, up, xp);
        CHECK(up[2] != POS_AUX);
        CHECK_INT(up[3], POS_AUX);
    }
    tagger_free(t);
    model_free(m);
}

int main(void)
{
    RUN(test_train_and_tag);
    RUN(test_unseen_word_is_no_auxiliary);
    RUN(test_deterministic_and_round_trip);
    RUN(test_missing_section);
    RUN(test_layout_version);
    RUN(test_little_endian_header);
    RUN(test_ewt_dev_accuracy);
    RUN(test_runner_up_on_dev);
    return harness_report("tagger");
}
