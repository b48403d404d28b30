/* plover_eval.h — scoring coded events against PLOVER gold records
 * (dyad_plover_evaluate in dyad.h; `dyad eval-plover`).
 *
 * The PLOVER project's CAMEO-to-PLOVER table maps a CAMEO code to a PLOVER
 * event type by its longest listed prefix:
 *   0874: RETREAT, disarm, military # Retreat or surrender militarily
 *   08: CONCEDE
 * gives RETREAT for 0874 and CONCEDE for 0811 (not listed; "08" is).  Only
 * the first field after the colon is read; a code listed twice keeps its
 * first line; codes under no listed prefix (01, 02) have no type.
 *
 * The gold records (PLOVER_GSR_CAMEO.txt) use older type names, read as:
 * DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT.
 */
#ifndef DYAD_PLOVER_EVAL_H
#define DYAD_PLOVER_EVAL_H

#include <stddef.h>

typedef struct plover_table plover_table;

/* Reads the table; NULL with "FILE:LINE: message" in err. */
plover_table *plover_table_read(const char *path, char *err, size_t errlen);
void plover_table_free(plover_table *t);

/* The PLOVER type of a CAMEO code, or NULL when it has none. */
const char *plover_type_of(const plover_table *t, const char *cameo_code);

/* The current name of a gold record's type (see above); other names are
 * returned as they are. */
const char *plover_current_name(const char *gold_type);

#endif
