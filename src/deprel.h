/* deprel.h — the Universal Dependencies relations the coder tells apart.
 *
 * The parser's labels are strings ("nsubj:pass", "acl:relcl"); the parse
 * stage turns each into one of these small numbers so that the coder's
 * questions ("is this the passive subject?") are integer compares.  A
 * subtype the coder does not use counts as its universal relation
 * ("obl:tmod" -> DEP_OBL); an unknown relation is DEP_OTHER.
 */
#ifndef DYAD_DEPREL_H
#define DYAD_DEPREL_H

typedef enum {
    DEP_OTHER = 0,
    DEP_ROOT,
    DEP_NSUBJ,          /* nsubj, csubj */
    DEP_NSUBJ_PASS,     /* nsubj:pass, csubj:pass */
    DEP_OBJ,
    DEP_IOBJ,
    DEP_OBL,            /* obl and its subtypes other than obl:agent */
    DEP_OBL_AGENT,      /* the "by" phrase of a passive */
    DEP_NMOD,           /* nmod, nmod:npmod, nmod:tmod */
    DEP_NMOD_POSS,
    DEP_APPOS,
    DEP_COMPOUND,       /* compound and compound:prt */
    DEP_FLAT,
    DEP_AMOD,
    DEP_CONJ,
    DEP_CC,
    DEP_CASE,
    DEP_MARK,
    DEP_ADVMOD,
    DEP_AUX,
    DEP_AUX_PASS,
    DEP_COP,
    DEP_XCOMP,
    DEP_CCOMP,
    DEP_ADVCL,
    DEP_ACL,
    DEP_ACL_RELCL,
    DEP_PARATAXIS,
    DEP_DET,
    DEP_PUNCT,
    DEP_COUNT
} dep_rel;

/* The relation of a UD label; DEP_OTHER when it is none of the above. */
dep_rel deprel_from_name(const char *label);

/* Do two labels agree on their universal part ("nsubj" and "nsubj:pass"
 * do)?  How CoNLL 2018 compares labels for LAS. */
int deprel_same_universal(const char *a, const char *b);

/* The label's universal name ("nsubj:pass" for DEP_NSUBJ_PASS). */
const char *deprel_name(dep_rel r);

#endif
