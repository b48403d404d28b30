/* timex.h — temporal expressions: found in a sentence's tokens and
 * normalized against the story date into TimeML TIMEX3 types and values.
 *
 * Example, story date 2024-04-09 (a Tuesday):
 *   "met Xi on Tuesday"          Tuesday          DATE     2024-04-09
 *   "will meet on Friday"        Friday           DATE     2024-04-12
 *   "suggested last month"       last month       DATE     2024-03
 *   "in March of this year"      March of this year DATE   2024-03
 *   "earlier this week"          earlier this week DATE    2024-W15
 *   "six years ago"              six years ago    DATE     2018
 *   "in the past decade"         the past decade  DURATION P10Y
 *   "every week"                 every week       SET      P1W
 *   "this morning"               this morning     TIME     2024-04-09TMO
 *
 * Values carry the precision the text gives: a day, a month (2024-03), an
 * ISO week (2024-W15), a quarter (2024-Q1), a season (2024-WI), a year,
 * a decade (201); durations as P6Y, PT30M, PXY; sets as P1W or XXXX-WXX-2;
 * vague references as PAST_REF, PRESENT_REF, FUTURE_REF.
 *
 * An expression without a year ("on Tuesday", "in March", "March 5") is
 * the most recent such date on or before the story date, unless the
 * words around it speak of the future ("will", "next", "is due to"),
 * when it is the next one.  The scan is cheap: only a token that can open
 * an expression (a number, a month, a weekday, one of a few dozen time
 * words) is looked at further.
 */
#ifndef DYAD_TIMEX_H
#define DYAD_TIMEX_H

#include <stddef.h>
#include <stdint.h>

#include "doc.h"

typedef enum { TIMEX_DATE = 0, TIMEX_TIME, TIMEX_DURATION, TIMEX_SET } timex_type;

#define TIMEX_VALUE_MAX 24

typedef struct timex {
    uint32_t first, n;              /* tokens [first, first+n) of the sentence (relative) */
    uint8_t type;                   /* timex_type */
    char value[TIMEX_VALUE_MAX];    /* TIMEX3 value, NUL-terminated */
} timex;

/* The date expressions are normalized against. */
typedef struct timex_anchor {
    int year, month, day;
} timex_anchor;

/* Finds the temporal expressions among the n tokens toks (one sentence),
 * in text order and without overlaps, and writes at most max of them to
 * out.  Returns the number written. */
size_t timex_find(const token *toks, size_t n, timex_anchor anchor, timex *out, size_t max);

/* "DATE", "TIME", "DURATION", "SET". */
const char *timex_type_name(timex_type t);

/* The calendar date an expression names, written to out as YYYY-MM-DD,
 * YYYY-MM or YYYY (a week as the month of its Thursday, a quarter or a
 * season as its year, a time as its day).  Returns 0 for an expression
 * that is no point on the calendar (a duration, a set, PAST_REF, a
 * decade): then out is left alone. */
int timex_calendar_date(const timex *t, char out[11]);

#endif
