/* test_timex.c — unit tests of the temporal expression stage (src/timex.h)
 * and of event dating (src/resolve.h, through the public API).
 *
 * Unless a test says otherwise the story date is Tuesday 2024-04-09, in
 * ISO week 15 and the second quarter.  Each expected value was worked out
 * by hand from that date.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "arena.h"
#include "doc.h"
#include "dyad.h"
#include "pipeline.h"
#include "timex.h"

#define STORY_DATE "2024-04-09"
#define MAX_FOUND 32

typedef struct found_times {
    char text[MAX_FOUND][96];
    char type[MAX_FOUND][12];
    char value[MAX_FOUND][TIMEX_VALUE_MAX];
    size_t n;
} found_times;

/* Runs the front end and timex_find on every sentence of text, dated date. */
static void find_all(const char *text, const char *date, found_times *out)
{
    arena *a = arena_new();
    story st;
    memset(&st, 0, sizeof st);
    st.id = "t";
    snprintf(st.date, sizeof st.date, "%s", date);
    sscanf(date, "%d-%d-%d", &st.year, &st.month, &st.day);
    st.text = text;
    st.text_len = strlen(text);
    doc d;
    out->n = 0;
    if (pipeline_text(a, &st, &d) == 0) {
        for (size_t s = 0; s < d.n_sents; s++) {
            timex x[MAX_FOUND];
            timex_anchor an = {st.year, st.month, st.day};
            size_t n = timex_find(d.tokens + d.sents[s].first_token, d.sents[s].n_tokens, an, x,
                                  MAX_FOUND);
            for (size_t k = 0; k < n && out->n < MAX_FOUND; k++) {
                const token *f = &d.tokens[d.sents[s].first_token + x[k].first];
                const token *l = &d.tokens[d.sents[s].first_token + x[k].first + x[k].n - 1];
                snprintf(out->text[out->n], sizeof out->text[0], "%.*s",
                         (int)(l->start + l->len - f->start), d.clean + f->start);
                snprintf(out->type[out->n], sizeof out->type[0], "%s",
                         timex_type_name((timex_type)x[k].type));
                snprintf(out->value[out->n], sizeof out->value[0], "%s", x[k].value);
                out->n++;
            }
        }
    }
    arena_free(a);
}

/* Checks that text (dated date) has the expression `words` with this type
 * and value. */
#define EXPECT_ON(date, text, words, type, value) \
    expect_time(__FILE__, __LINE__, date, text, words, type, value)
#define EXPECT(text, words, type, value) EXPECT_ON(STORY_DATE, text, words, type, value)

static void expect_time(const char *file, int line, const char *date, const char *text,
                        const char *words, const char *type, const char *value)
{
    found_times f;
    find_all(text, date, &f);
    for (size_t k = 0; k < f.n; k++) {
        if (strcmp(f.text[k], words) != 0) continue;
        if (strcmp(f.type[k], type) == 0 && strcmp(f.value[k], value) == 0) return;
        char m[512];
        snprintf(m, sizeof m, "\"%s\" in \"%s\": %s %s, expected %s %s", words, text, f.type[k],
                 f.value[k], type, value);
        harness_fail(file, line, m);
        return;
    }
    char m[1024];
    int used = snprintf(m, sizeof m, "\"%s\" not found in \"%s\"; found:", words, text);
    for (size_t k = 0; k < f.n && used > 0 && (size_t)used < sizeof m; k++)
        used += snprintf(m + used, sizeof m - (size_t)used, " [%s]", f.text[k]);
    harness_fail(file, line, m);
}

/* Checks that no expression of text contains the word w. */
#define EXPECT_NONE(text, w) expect_none(__FILE__, __LINE__, text, w)

static void expect_none(const char *file, int line, const char *text, const char *w)
{
    found_times f;
    find_all(text, STORY_DATE, &f);
    for (size_t k = 0; k < f.n; k++) {
        if (!strstr(f.text[k], w)) continue;
        char m[512];
        snprintf(m, sizeof m, "\"%s\" in \"%s\" read as %s %s", f.text[k], text, f.type[k],
                 f.value[k]);
        harness_fail(file, line, m);
    }
}

/* ------------------------------------------------------------------ */
/* Weekdays.                                                           */

static void test_weekday_past(void)
{
    EXPECT("Lavrov met Xi on Tuesday.", "Tuesday", "DATE", "2024-04-09");   /* the story day */
    EXPECT("The ministers talked on Friday.", "Friday", "DATE", "2024-04-05");
    EXPECT("Officials said on Wednesday that the talks failed.", "Wednesday", "DATE",
           "2024-04-03");
    EXPECT("They met last Tuesday.", "last Tuesday", "DATE", "2024-04-02");
    EXPECT("Xi spoke on Monday morning.", "Monday morning", "TIME", "2024-04-08TMO");
}

static void test_weekday_future(void)
{
    EXPECT("Lavrov will meet Xi on Friday.", "Friday", "DATE", "2024-04-12");
    EXPECT("The talks are scheduled to resume on Thursday.", "Thursday", "DATE", "2024-04-11");
    EXPECT("The ministers meet again next Tuesday.", "next Tuesday", "DATE", "2024-04-16");
    EXPECT("The report is to be published on Monday.", "Monday", "DATE", "2024-04-15");
}

static void test_full_dates(void)
{
    EXPECT("The deal was signed on Tuesday, April 2, 2024.", "Tuesday, April 2, 2024", "DATE",
           "2024-04-02");
    EXPECT("The deal was signed on March 5, 2023.", "March 5, 2023", "DATE", "2023-03-05");
    EXPECT("The deal was signed on 5 March 2023.", "5 March 2023", "DATE", "2023-03-05");
    EXPECT("The deal was signed on the 5th of March 2023.", "5th of March 2023", "DATE",
           "2023-03-05");
    EXPECT("The deal was signed on 2023-03-05 in Geneva.", "2023-03-05", "DATE", "2023-03-05");
    EXPECT("The deal was signed on 7/8/07 in Geneva.", "7/8/07", "DATE", "2007-07-08");
    EXPECT("It was signed on Jan. 5, 2023.", "Jan. 5, 2023", "DATE", "2023-01-05");
}

static void test_month_and_day(void)
{
    EXPECT("The deal was signed on March 5.", "March 5", "DATE", "2024-03-05");
    EXPECT("The deal was signed on 5 March.", "5 March", "DATE", "2024-03-05");
    EXPECT("The summit will open on May 20.", "May 20", "DATE", "2024-05-20");
    /* past tense: a later day of the year is last year's */
    EXPECT("The deal was signed on June 1st.", "June 1st", "DATE", "2023-06-01");
    /* no tense: the nearest such day */
    EXPECT("A June 3 hearing is on the calendar.", "June 3", "DATE", "2024-06-03");
}

/* ------------------------------------------------------------------ */
/* Words for days, weeks, months and years.                             */

static void test_day_words(void)
{
    EXPECT("Officials said today that talks went well.", "today", "DATE", "2024-04-09");
    EXPECT("Rebels attacked the town yesterday.", "yesterday", "DATE", "2024-04-08");
    EXPECT("The envoy arrives tomorrow.", "tomorrow", "DATE", "2024-04-10");
    EXPECT("The envoy arrives tonight.", "tonight", "TIME", "2024-04-09TNI");
    EXPECT("Talks began this morning.", "this morning", "TIME", "2024-04-09TMO");
    EXPECT("Shelling went on last night.", "last night", "TIME", "2024-04-08TNI");
    EXPECT("Talks ended yesterday afternoon.", "yesterday afternoon", "TIME", "2024-04-08TAF");
    EXPECT("Talks ended earlier today.", "earlier today", "DATE", "2024-04-09");
}

static void test_relative_weeks_months_years(void)
{
    EXPECT("Troops moved in last week.", "last week", "DATE", "2024-W14");
    EXPECT("The talks resume next week.", "next week", "DATE", "2024-W16");
    EXPECT("The envoy met Xi earlier this week.", "earlier this week", "DATE", "2024-W15");
    EXPECT("Putin suggested last month that he would go.", "last month", "DATE", "2024-03");
    EXPECT("Elections follow next month.", "next month", "DATE", "2024-05");
    EXPECT("Prices rose earlier this month.", "earlier this month", "DATE", "2024-04");
    EXPECT("Growth slowed this year.", "this year", "DATE", "2024");
    EXPECT("Growth slowed last year.", "last year", "DATE", "2023");
    EXPECT("Growth returns next year.", "next year", "DATE", "2025");
    EXPECT("The plant opens later this year.", "later this year", "DATE", "2024");
    EXPECT("Both sides met earlier this year.", "earlier this year", "DATE", "2024");
    EXPECT("Riots broke out last weekend.", "last weekend", "DATE", "2024-W14-WE");
}

static void test_months(void)
{
    EXPECT("Putin said in March that he would visit.", "March", "DATE", "2024-03");
    EXPECT("The vote was held in May.", "May", "DATE", "2023-05");          /* past */
    EXPECT("The summit will take place in May.", "May", "DATE", "2024-05");  /* future */
    EXPECT("He won the election in March of this year.", "March of this year", "DATE",
           "2024-03");
    EXPECT("He sent a message after the elections in March this year.", "March this year",
           "DATE", "2024-03");
    EXPECT("He won the election in March of last year.", "March of last year", "DATE",
           "2023-03");
    EXPECT("Talks collapsed last March.", "last March", "DATE", "2024-03");
    EXPECT("Talks collapsed last May.", "last May", "DATE", "2023-05");
    EXPECT("Talks resume next March.", "next March", "DATE", "2025-03");
    EXPECT("Sales fell in May 2008.", "May 2008", "DATE", "2008-05");
    EXPECT("Sales fell in early June.", "early June", "DATE", "2023-06");
    EXPECT("Xi's March visit was brief.", "March", "DATE", "2024-03");
}

static void test_years_and_decades(void)
{
    EXPECT("The two last met in 2018.", "2018", "DATE", "2018");
    EXPECT("Relations have improved since 1991.", "1991", "DATE", "1991");
    EXPECT("The 2018 summit failed.", "2018", "DATE", "2018");
    EXPECT("Prices rose 5% in 2018 alone.", "2018", "DATE", "2018");
    EXPECT("The company was sold in late 2006 for $51 million.", "late 2006", "DATE", "2006");
    EXPECT("The war of the 1990s ended.", "the 1990s", "DATE", "199");
    EXPECT("The plant has been closed since '82.", "'82", "DATE", "1982");
    EXPECT("Production starts in mid-2025.", "mid-2025", "DATE", "2025");
}

static void test_ago(void)
{
    EXPECT("The two leaders met six years ago.", "six years ago", "DATE", "2018");
    EXPECT("The ceasefire broke down three days ago.", "three days ago", "DATE", "2024-04-06");
    EXPECT("Fighting resumed two weeks ago.", "two weeks ago", "DATE", "2024-W13");
    EXPECT("The envoy left four months ago.", "four months ago", "DATE", "2023-12");
    EXPECT("The treaty was signed a decade ago.", "a decade ago", "DATE", "201");
    EXPECT("The company was founded twenty-five years ago.", "twenty-five years ago", "DATE",
           "1999");
    EXPECT("The talks began a few years ago.", "few years ago", "DATE", "PAST_REF");
}

static void test_durations(void)
{
    EXPECT("China grew fast in the past decade.", "the past decade", "DURATION", "P10Y");
    EXPECT("He ruled for three years.", "three years", "DURATION", "P3Y");
    EXPECT("Prices doubled over the past three years.", "the past three years", "DURATION",
           "P3Y");
    EXPECT("The siege lasted 18 months.", "18 months", "DURATION", "P18M");
    EXPECT("Lavrov is on a two-day visit to Beijing.", "two-day", "DURATION", "P2D");
    EXPECT("The reforms took several years.", "several years", "DURATION", "PXY");
    EXPECT("They met for the first time in six years.", "six years", "DURATION", "P6Y");
    EXPECT("The strike lasted two hours.", "two hours", "DURATION", "PT2H");
}

static void test_sets(void)
{
    EXPECT("The envoys meet every week.", "every week", "SET", "P1W");
    EXPECT("The council meets weekly.", "weekly", "SET", "P1W");
    EXPECT("Protesters gather every Monday.", "every Monday", "SET", "XXXX-WXX-1");
    EXPECT("The ministers meet twice a year.", "twice a year", "SET", "P1Y");
    EXPECT("The report appears annually.", "annually", "SET", "P1Y");
}

static void test_seasons_quarters_parts(void)
{
    EXPECT("The offensive began in spring.", "spring", "DATE", "2024-SP");
    EXPECT("Gas ran short last winter.", "last winter", "DATE", "2023-WI");
    EXPECT("The talks resume this summer.", "this summer", "DATE", "2024-SU");
    EXPECT("Profits rose in the first quarter.", "the first quarter", "DATE", "2024-Q1");
    EXPECT("Profits rose in the third quarter of 2023.", "the third quarter of 2023", "DATE",
           "2023-Q3");
    EXPECT("Profits fell in the last quarter.", "the last quarter", "DATE", "2024-Q1");
    EXPECT("The vote is at 18:00 UTC.", "18:00 UTC", "TIME", "2024-04-09T18:00");
    EXPECT("The vote closed at 6:40 p.m.", "6:40 p.m.", "TIME", "2024-04-09T18:40");
}

static void test_vague_references(void)
{
    EXPECT("Talks are now in their third week.", "now", "DATE", "PRESENT_REF");
    EXPECT("The envoy recently visited Kyiv.", "recently", "DATE", "PAST_REF");
    EXPECT("Relations will improve in the future.", "the future", "DATE", "FUTURE_REF");
    EXPECT("Such things happened in the past.", "the past", "DATE", "PAST_REF");
    EXPECT("Violence has grown in recent years.", "recent years", "DATE", "PAST_REF");
    EXPECT("Ties will deepen in the long term.", "the long term", "DATE", "FUTURE_REF");
}

/* Numbers, names and verbs that only look like times. */
static void test_not_times(void)
{
    EXPECT_NONE("Lavrov inspected 2,000 troops.", "2,000");
    EXPECT_NONE("The general commanded 2018 troops.", "2018");
    EXPECT_NONE("The fee was $2019 per head.", "2019");
    EXPECT_NONE("Prices rose 2010% in a decade.", "2010");
    EXPECT_NONE("May I ask a question?", "May");
    EXPECT_NONE("Talks may resume soon.", "may");
    EXPECT_NONE("Thousands march on the capital.", "march");
    EXPECT_NONE("March on the capital, the leaders urged.", "March");
    EXPECT_NONE("Turkey and Greece held talks.", "Turkey");
    EXPECT_NONE("April Ross criticized the plan.", "April");
    EXPECT_NONE("Jan said the talks failed.", "Jan");
    EXPECT_NONE("The second round of talks failed.", "second");
    EXPECT_NONE("The two sides respect each other.", "each");
    EXPECT_NONE("The fall of Kabul shocked the world.", "fall");
    EXPECT_NONE("Prices fall when supply rises.", "fall");
    EXPECT_NONE("The firm earns $5 billion a year.", "a year");
    EXPECT_NONE("They met again the next day.", "day");
    EXPECT_NONE("We will tell you as soon as we are ready.", "soon");
    EXPECT_NONE("Lavrov met 30 ministers.", "30");
}

/* Rules that wrap another ("the end of", "early") must not nest without
 * bound: 60,000 of them in one sentence would overflow the stack. */
static void test_pathological_nesting(void)
{
    const char *unit = "the end of early ";
    size_t reps = 60000, len = strlen(unit);
    char *text = malloc(reps * len + 16);
    for (size_t k = 0; k < reps; k++) memcpy(text + k * len, unit, len);
    strcpy(text + reps * len, "2018.");
    found_times f;
    find_all(text, STORY_DATE, &f);
    CHECK(f.n >= 1);
    if (f.n >= 1) CHECK_STR(f.value[f.n - 1], "2018");
    free(text);
}

/* ------------------------------------------------------------------ */
/* timex_calendar_date: the event date of a value.                      */

static void check_calendar(const char *value, timex_type type, const char *want)
{
    timex x;
    memset(&x, 0, sizeof x);
    x.type = (uint8_t)type;
    snprintf(x.value, sizeof x.value, "%s", value);
    char out[11] = "unset";
    int ok = timex_calendar_date(&x, out);
    if (want) { CHECK(ok); CHECK_STR(out, want); }
    else { CHECK(!ok); CHECK_STR(out, "unset"); }
}

static void test_calendar_date(void)
{
    check_calendar("2024-04-09", TIMEX_DATE, "2024-04-09");
    check_calendar("2024-04-09TMO", TIMEX_TIME, "2024-04-09");
    check_calendar("2024-03", TIMEX_DATE, "2024-03");
    check_calendar("2024-W15", TIMEX_DATE, "2024-04");       /* Thursday 2024-04-11 */
    check_calendar("2025-W01", TIMEX_DATE, "2025-01");       /* Thursday 2025-01-02 */
    check_calendar("2024-Q1", TIMEX_DATE, "2024");
    check_calendar("2018", TIMEX_DATE, "2018");
    check_calendar("201", TIMEX_DATE, NULL);                 /* a decade */
    check_calendar("PAST_REF", TIMEX_DATE, NULL);
    check_calendar("P10Y", TIMEX_DURATION, NULL);
    check_calendar("P1W", TIMEX_SET, NULL);
}

/* Year and week boundaries of the anchor. */
static void test_calendar_edges(void)
{
    EXPECT_ON("2025-01-02", "Talks stalled last week.", "last week", "DATE", "2024-W52");
    EXPECT_ON("2024-12-30", "Talks resume this week.", "this week", "DATE", "2025-W01");
    EXPECT_ON("2024-01-15", "Talks collapsed last month.", "last month", "DATE", "2023-12");
    EXPECT_ON("2024-03-01", "The deal was signed yesterday.", "yesterday", "DATE", "2024-02-29");
    EXPECT_ON("2024-01-10", "The vote was held in December.", "December", "DATE", "2023-12");
}

/* ------------------------------------------------------------------ */
/* The public API: offsets into the story text as given.               */

static void test_story_times_offsets(void)
{
    char err[256];
    /* curly quotes and a non-breaking space before the expression: the
     * cleaned text is shorter, the offsets must still be the original's */
    const char *text = "\xe2\x80\x9cWe met\xe2\x80\x9d,\xc2\xa0Lavrov said on Tuesday. "
                       "They last met in 2018.";
    dyad_story *s = dyad_story_new("t", STORY_DATE, text, err, sizeof err);
    CHECK(s != NULL);
    if (!s) return;
    const dyad_time_expression *x;
    size_t n = dyad_story_times(s, &x);
    CHECK_INT(n, 2);
    for (size_t k = 0; k < n; k++) {
        CHECK(x[k].end <= strlen(text));
        CHECK_SPAN(text + x[k].start, x[k].end - x[k].start, x[k].text);
    }
    if (n == 2) {
        CHECK_STR(x[0].text, "Tuesday");
        CHECK_STR(x[0].value, "2024-04-09");
        CHECK_STR(x[1].text, "2018");
        CHECK_STR(x[1].type, "DATE");
    }
    dyad_story_free(s);
}

/* ------------------------------------------------------------------ */
/* Event dates (resolve.c), with the shallow coder: the parse is not     */
/* needed for the nearest expression in the clause.                      */

static const dyad_event *first_event(dyad_coder *c, dyad_story **s, const char *text)
{
    char err[256];
    *s = dyad_story_new("t", STORY_DATE, text, err, sizeof err);
    if (!*s) return NULL;
    const dyad_result *r = dyad_code(c, *s);
    return r && dyad_result_event_count(r) ? dyad_result_event(r, 0) : NULL;
}

static void test_event_dates(void)
{
    char err[256];
    dyad_coder *c = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    CHECK(c != NULL);
    if (!c) return;
    dyad_story *s;
    const dyad_event *e = first_event(c, &s, "Russian President Vladimir Putin met Chinese "
                                             "President Xi Jinping in Beijing last month.");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(dyad_event_date(e), "2024-03");
        CHECK_STR(dyad_event_date_text(e), "last month");
    }
    dyad_story_free(s);
    e = first_event(c, &s, "Russian President Vladimir Putin met Chinese President Xi "
                           "Jinping in Beijing.");
    CHECK(e != NULL);
    if (e) {
        CHECK_STR(dyad_event_date(e), STORY_DATE);      /* nothing said: the story date */
        CHECK(dyad_event_date_text(e) == NULL);
    }
    dyad_story_free(s);
    e = first_event(c, &s, "Russian President Vladimir Putin has met Chinese President Xi "
                           "Jinping often since 2018.");
    CHECK(e != NULL);
    if (e) CHECK_STR(dyad_event_date(e), STORY_DATE);   /* "since 2018" bounds, not dates */
    dyad_story_free(s);
    e = first_event(c, &s, "Russian President Vladimir Putin met Chinese President Xi "
                           "Jinping for three years.");
    if (e) CHECK_STR(dyad_event_date(e), STORY_DATE);   /* a duration dates nothing */
    dyad_story_free(s);
    dyad_coder_free(c);
}

int main(void)
{
    RUN(test_weekday_past);
    RUN(test_weekday_future);
    RUN(test_full_dates);
    RUN(test_month_and_day);
    RUN(test_day_words);
    RUN(test_relative_weeks_months_years);
    RUN(test_months);
    RUN(test_years_and_decades);
    RUN(test_ago);
    RUN(test_durations);
    RUN(test_sets);
    RUN(test_seasons_quarters_parts);
    RUN(test_vague_references);
    RUN(test_not_times);
    RUN(test_pathological_nesting);
    RUN(test_calendar_date);
    RUN(test_calendar_edges);
    RUN(test_story_times_offsets);
    RUN(test_event_dates);
    return harness_report("timex");
}
