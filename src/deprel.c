/* deprel.c — see deprel.h. */
#include "deprel.h"

#include <string.h>

static const struct { const char *name; dep_rel rel; } labels[] = {
    {"root", DEP_ROOT},          {"nsubj", DEP_NSUBJ},         {"csubj", DEP_NSUBJ},
    {"nsubj:pass", DEP_NSUBJ_PASS}, {"csubj:pass", DEP_NSUBJ_PASS},
    {"obj", DEP_OBJ},            {"iobj", DEP_IOBJ},           {"obl", DEP_OBL},
    {"obl:agent", DEP_OBL_AGENT}, {"nmod", DEP_NMOD},          {"nmod:poss", DEP_NMOD_POSS},
    {"appos", DEP_APPOS},        {"compound", DEP_COMPOUND},   {"flat", DEP_FLAT},
    {"amod", DEP_AMOD},          {"conj", DEP_CONJ},           {"cc", DEP_CC},
    {"case", DEP_CASE},          {"mark", DEP_MARK},           {"advmod", DEP_ADVMOD},
    {"aux", DEP_AUX},            {"aux:pass", DEP_AUX_PASS},   {"cop", DEP_COP},
    {"xcomp", DEP_XCOMP},        {"ccomp", DEP_CCOMP},         {"advcl", DEP_ADVCL},
    {"acl", DEP_ACL},            {"acl:relcl", DEP_ACL_RELCL}, {"parataxis", DEP_PARATAXIS},
    {"det", DEP_DET},            {"punct", DEP_PUNCT},
};

#define N_LABELS (sizeof labels / sizeof labels[0])

static dep_rel lookup(const char *name, size_t len)
{
    for (size_t k = 0; k < N_LABELS; k++)
        if (strlen(labels[k].name) == len && memcmp(labels[k].name, name, len) == 0)
            return labels[k].rel;
    return DEP_OTHER;
}

dep_rel deprel_from_name(const char *label)
{
    if (!label) return DEP_OTHER;
    dep_rel r = lookup(label, strlen(label));
    if (r != DEP_OTHER) return r;
    const char *colon = strchr(label, ':');     /* a subtype we don't use */
    return colon ? lookup(label, (size_t)(colon - label)) : DEP_OTHER;
}

static size_t universal_len(const char *s)
{
    const char *c = strchr(s, ':');
    return c ? (size_t)(c - s) : strlen(s);
}

int deprel_same_universal(const char *a, const char *b)
{
    size_t la = universal_len(a), lb = universal_len(b);
    return la == lb && memcmp(a, b, la) == 0;
}

const char *deprel_name(dep_rel r)
{
    for (size_t k = 0; k < N_LABELS; k++)
        if (labels[k].rel == r) return labels[k].name;
    return "dep";
}
