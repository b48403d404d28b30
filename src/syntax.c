/* syntax.c — see syntax.h. */
#include "syntax.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lemma.h"
#include "model.h"
#include "parser.h"
#include "tagger.h"

#ifndef DYAD_MODEL_DIR
#define DYAD_MODEL_DIR "data/model"
#endif

#define MAX_LEMMA 256

struct syntax {
    model *tag_model, *parse_model;
    tagger *tagger;
    parser *parser;
    parser_work *work;
    /* per-sentence scratch, grown to the longest sentence */
    const char **forms;
    const char **xpos_names;
    uint8_t *upos;
    uint16_t *xpos;
    int *heads, *labels;
    size_t cap;
};

static const char *model_dir_or_default(const char *dir)
{
    if (dir && *dir) return dir;
    const char *env = getenv("DYAD_MODEL_DIR");
    return env && *env ? env : DYAD_MODEL_DIR;
}

static model *load_file(const char *dir, const char *name, char *err, size_t errlen)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char why[512] = "";
    model *m = model_load(path, why, sizeof why);
    if (!m) snprintf(err, errlen, "cannot load model %s: %s", path, why);
    return m;
}

syntax *syntax_load(const char *model_dir, char *err, size_t errlen)
{
    const char *dir = model_dir_or_default(model_dir);
    syntax *sx = xcalloc(1, sizeof *sx);
    sx->tag_model = load_file(dir, "dyad-tagger.model", err, errlen);
    sx->parse_model = sx->tag_model ? load_file(dir, "dyad-parser.model", err, errlen) : NULL;
    if (sx->parse_model) sx->tagger = tagger_load(sx->tag_model, err, errlen);
    if (sx->tagger) sx->parser = parser_from_model(sx->parse_model, err, errlen);
    if (!sx->parser) {
        syntax_free(sx);
        return NULL;
    }
    sx->work = parser_work_new();
    return sx;
}

void syntax_free(syntax *sx)
{
    if (!sx) return;
    if (sx->work) parser_work_free(sx->work);
    parser_free(sx->parser);
    tagger_free(sx->tagger);
    model_free(sx->parse_model);
    model_free(sx->tag_model);
    free(sx->forms);
    free(sx->xpos_names);
    free(sx->upos);
    free(sx->xpos);
    free(sx->heads);
    free(sx->labels);
    free(sx);
}

static void reserve(syntax *sx, size_t n)
{
    if (n <= sx->cap) return;
    sx->cap = n * 2;
    sx->forms = xrealloc(sx->forms, sx->cap * sizeof *sx->forms);
    sx->xpos_names = xrealloc(sx->xpos_names, sx->cap * sizeof *sx->xpos_names);
    sx->upos = xrealloc(sx->upos, sx->cap * sizeof *sx->upos);
    sx->xpos = xrealloc(sx->xpos, sx->cap * sizeof *sx->xpos);
    sx->heads = xrealloc(sx->heads, sx->cap * sizeof *sx->heads);
    sx->labels = xrealloc(sx->labels, sx->cap * sizeof *sx->labels);
}

int syntax_analyze(syntax *sx, arena *a, ud_word *words, size_t n)
{
    if (n == 0) return 0;
    reserve(sx, n);
    for (size_t i = 0; i < n; i++) sx->forms[i] = words[i].form;
    tagger_tag(sx->tagger, sx->forms, n, sx->upos, sx->xpos);
    for (size_t i = 0; i < n; i++) sx->xpos_names[i] = tagger_xpos_name(sx->tagger, sx->xpos[i]);
    if (parser_parse(sx->parser, sx->work, n, sx->forms, sx->upos, sx->xpos_names, sx->heads,
                     sx->labels) != 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char lemma[MAX_LEMMA];
        ud_word *w = &words[i];
        w->upos = sx->upos[i];
        w->xpos = sx->xpos_names[i];
        w->head = sx->heads[i];
        w->deprel = parser_label_name(sx->parser, sx->labels[i]);
        const char *l = lemma_of(w->form, w->upos, w->xpos, lemma, sizeof lemma);
        w->lemma = arena_strdup(a, l ? l : w->form);
    }
    return 0;
}
