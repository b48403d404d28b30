/* dict_report.h — counts of what a dict holds, by kind, for
 * `dyad dict stats` (dyad_coder_dict_stats in dyad.h says what each count
 * means).
 *
 * Example: the built-in set gives 250 countries and territories (249 ISO
 * 3166-1 entities and Kosovo), its people by country (RUS 40, USA 38, ...)
 * and the CAMEO codes that no verb or pattern gives.
 */
#ifndef DYAD_DICT_REPORT_H
#define DYAD_DICT_REPORT_H

#include "dict.h"
#include "dyad.h"

/* Fills *out from d; the caller frees it with dyad_dict_stats_clear(). */
void dict_report(const dict *d, dyad_dict_stats *out);

#endif
