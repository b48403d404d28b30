/* cameo.h — the CAMEO event code table: name, quad class, Goldstein score
 * and PLOVER event type of every code.
 *
 * The table is data/cameo.txt (authored by the project; see its header),
 * compiled into the library.  Quad classes: 1 verbal cooperation (01-05),
 * 2 material cooperation (06-09), 3 verbal conflict (10-14), 4 material
 * conflict (15-20).
 *
 * Example: cameo_lookup("051") -> {"051", "Praise or endorse", 1, 3.4, "SUPPORT"}.
 */
#ifndef DYAD_CAMEO_H
#define DYAD_CAMEO_H

typedef struct cameo_info {
    const char *code;      /* "051" */
    const char *name;      /* "Praise or endorse" */
    int quad_class;        /* 1..4 */
    double goldstein;      /* -10 .. +10 */
    const char *plover;    /* PLOVER event type, e.g. "SUPPORT"; NULL if none */
} cameo_info;

/* The entry for a code (3 or 4 digits), or NULL when it is not a CAMEO
 * code.  Thread-safe after the first call (the table is built once). */
const cameo_info *cameo_lookup(const char *code);

/* Number of codes in the table. */
int cameo_count(void);

/* Entry i, 0 <= i < cameo_count(), in code order. */
const cameo_info *cameo_at(int i);

#endif
