/* store_export.c — `dyad export`: the events of the store in the layouts
 * of GDELT 2.0 (event and mention tables), Phoenix and PLOVER/POLECAT.
 * Each layout is one SELECT over `events e` and the filter of a
 * dyad_query; fields dyad does not have are empty strings (see README).
 * The SQL texts are printf formats (WHERE clause, LIMIT): % is written %%. */
#include "store.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"

/* The event's day as YYYYMMDD (a month or year counts from its first day). */
#define DAY8 "replace(substr(e.date || '-01-01', 1, 10), '-', '')"

/* GDELT 2.0 event table, 61 columns: ids and dates (5), Actor1 (10),
 * Actor2 (10), the event (10), Actor1Geo, Actor2Geo, ActionGeo (8 each),
 * DATEADDED and SOURCEURL. */
static const char gdelt_events_sql[] =
    "SELECT e.event_id, " DAY8 ", substr(" DAY8 ", 1, 6), substr(e.date, 1, 4),"
    " printf('%%.4f', substr(e.date, 1, 4) + (ifnull(substr(e.date, 6, 2), 1) * 30"
    "   + ifnull(substr(e.date, 9, 2), 1)) / 365.0),"
    " e.source, e.source_name, substr(e.source, 1, 3), '', '', '', '',"
    " nullif(substr(e.source, 4, 3), ''), nullif(substr(e.source, 7, 3), ''), '',"
    " e.target, e.target_name, substr(e.target, 1, 3), '', '', '', '',"
    " nullif(substr(e.target, 4, 3), ''), nullif(substr(e.target, 7, 3), ''), '',"
    " EXISTS (SELECT 1 FROM mentions m WHERE m.event_id = e.event_id AND m.sentence_number = 1),"
    " e.code, substr(e.code, 1, 3), e.root, e.quad_class, e.goldstein, e.mentions, e.sources,"
    " e.stories, '',"
    " '', '', '', '', '', '', '', '',"
    " '', '', '', '', '', '', '', '',"
    " CASE WHEN e.location IS NOT NULL THEN 4 END, e.location, '', '', '', e.lat, e.lon, '',"
    " strftime('%%Y%%m%%d%%H%%M%%S', e.added),"
    " (SELECT s.url FROM mentions m JOIN stories s ON s.story_id = m.story_id"
    "   WHERE m.event_id = e.event_id AND s.url IS NOT NULL ORDER BY m.mention_id LIMIT 1)"
    " FROM events e WHERE %s ORDER BY e.event_id%s";

/* GDELT 2.0 mention table, 16 columns; offsets are bytes of the story
 * text as given, -1 when the part is absent (as GDELT writes it). */
static const char gdelt_mentions_sql[] =
    "SELECT m.event_id, " DAY8 " || '000000', replace(s.date, '-', '') || '000000', 1,"
    " s.outlet, ifnull(s.url, s.story_id), m.sentence_number,"
    " ifnull(m.source_orig_start, -1), ifnull(m.target_orig_start, -1),"
    " ifnull(m.verb_orig_start, -1), 1, '', s.text_length, '', '', ''"
    " FROM mentions m JOIN events e ON e.event_id = m.event_id"
    " JOIN stories s ON s.story_id = m.story_id WHERE %s ORDER BY m.event_id, m.mention_id%s";

/* Phoenix, 26 columns (write.h) with one row per event: sentence ids,
 * URLs and outlets of all its mentions joined by ';'. */
static const char phoenix_sql[] =
    "SELECT e.event_id, " DAY8 ", CAST(substr(e.date, 1, 4) AS INTEGER),"
    " CAST(ifnull(substr(e.date, 6, 2), '') AS INTEGER),"
    " CAST(ifnull(substr(e.date, 9, 2), '') AS INTEGER),"
    " e.source, substr(e.source, 1, 3), substr(e.source, 4, 3), '',"
    " e.target, substr(e.target, 1, 3), substr(e.target, 4, 3), '',"
    " e.code, e.root, e.quad_class, e.goldstein, '', e.lat, e.lon, e.location, '',"
    " e.location_country,"
    " (SELECT group_concat(sentence_id, ';') FROM mentions m WHERE m.event_id = e.event_id),"
    " (SELECT group_concat(u, ';') FROM (SELECT DISTINCT s.url AS u FROM mentions m"
    "   JOIN stories s ON s.story_id = m.story_id WHERE m.event_id = e.event_id)),"
    " (SELECT group_concat(o, ';') FROM (SELECT DISTINCT s.outlet AS o FROM mentions m"
    "   JOIN stories s ON s.story_id = m.story_id WHERE m.event_id = e.event_id))"
    " FROM events e WHERE %s ORDER BY e.event_id%s";

/* One JSON record per event, after POLECAT's (PLOVER's data set) fields,
 * in snake case: event type, mode and intensity, quad code, contexts,
 * actor and recipient, location, stories and dates. */
static const char plover_sql[] =
    "SELECT json_object('event_id', e.event_id, 'event_date', e.date,"
    " 'event_type', e.plover, 'event_mode', NULL, 'event_intensity', NULL,"
    " 'quad_code', e.quad_class, 'contexts', json_array(),"
    " 'actor', json_object('name', e.source_name, 'code', e.source,"
    "   'country', substr(e.source, 1, 3), 'sector', nullif(substr(e.source, 4), '')),"
    " 'recipient', json(CASE WHEN e.target IS NOT NULL THEN json_object('name', e.target_name,"
    "   'code', e.target, 'country', substr(e.target, 1, 3),"
    "   'sector', nullif(substr(e.target, 4), '')) END),"
    " 'location', json(CASE WHEN e.location IS NOT NULL THEN json_object('placename', e.location,"
    "   'country', e.location_country, 'latitude', e.lat, 'longitude', e.lon) END),"
    " 'cameo_code', e.code, 'goldstein', e.goldstein, 'mentions', e.mentions,"
    " 'story_ids', json((SELECT json_group_array(DISTINCT m.story_id) FROM mentions m"
    "   WHERE m.event_id = e.event_id)),"
    " 'sources', json((SELECT json_group_array(DISTINCT s.outlet) FROM mentions m"
    "   JOIN stories s ON s.story_id = m.story_id WHERE m.event_id = e.event_id"
    "   AND s.outlet IS NOT NULL)),"
    " 'date_added', e.added)"
    " FROM events e WHERE %s ORDER BY e.event_id%s";

static const struct {
    const char *name, *sql;
} layouts[] = {
    {"gdelt-events", gdelt_events_sql},
    {"gdelt-mentions", gdelt_mentions_sql},
    {"phoenix", phoenix_sql},
    {"plover-json", plover_sql},
};

int dyad_store_export(dyad_store *s, const char *format, const dyad_query *q, FILE *out)
{
    const char *layout = NULL;
    for (size_t k = 0; k < sizeof layouts / sizeof layouts[0]; k++)
        if (strcmp(format, layouts[k].name) == 0) layout = layouts[k].sql;
    if (!layout) {
        snprintf(s->error, sizeof s->error, "unknown export format \"%s\" (gdelt-events, "
                 "gdelt-mentions, phoenix, plover-json)", format);
        return -1;
    }
    store_filter f;
    if (store_filter_sql(s, q, &f) != 0) return -1;
    char limit[48] = "";
    if (q->limit > 0) snprintf(limit, sizeof limit, " LIMIT %ld", q->limit);
    size_t n = strlen(layout) + strlen(f.sql) + sizeof limit;
    char *sql = xmalloc(n);
    snprintf(sql, n, layout, f.sql, limit);
    sqlite3_stmt *st = store_prepare_filtered(s, sql, &f);
    free(sql);
    return st ? store_write_rows(s, st, DYAD_TABLE_TSV, 0, out) : -1;
}
