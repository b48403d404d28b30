/* calendar.h — civil (proleptic Gregorian) date arithmetic, for the stages
 * that count days: temporal expressions (timex.h) and the event store's
 * periods (store.h).
 *
 *   long z = calendar_days(2024, 4, 9);      // days since 1970-01-01
 *   calendar_date(z + 7, &y, &m, &d);        // 2024-04-16
 */
#ifndef DYAD_CALENDAR_H
#define DYAD_CALENDAR_H

/* Days since 1970-01-01 of year y, month m (1-12), day d (1-31). */
long calendar_days(int y, int m, int d);

/* The civil date of day z (days since 1970-01-01). */
void calendar_date(long z, int *y, int *m, int *d);

#endif
