/* test_builtin_data.c — the data files compiled into the library.
 *
 * Checks that the built-in tables and dictionaries are embedded, ASCII and
 * well-formed, reading the PETRARCH actor and agent formats minimally here
 * (independently of src/dict.c):
 *   - countries.actors.txt (generated from iso-codes and
 *     countries.authored.txt): every entry's code is three upper-case
 *     letters, or a country's code + GOV; all 249 ISO 3166-1 entities are
 *     there, the ambiguous ISO names are not;
 *   - no phrase (primary or synonym) appears twice in the actor files
 *     (countries, leaders, international), so no name has two codes;
 *   - the people (leaders.actors.txt and the regional leaders-*.actors.txt):
 *     every person has date-restricted codes, every
 *     date is a real YYYYMMDD date, every range runs forwards, and one
 *     person's ranges never overlap (whatever their codes);
 *   - agents.txt: every line is PHRASE {PLURALS} [~CODE] or [CODE~];
 * and spot-checks codes that are certain.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../harness.h"
#include "builtin.h"

#define MAX_ENTRIES 8192
#define MAX_PHRASES 32768
#define MAX_RANGES 16
#define TEXT_MAX 160

typedef struct {
    char code[32];
    long lo, hi;          /* inclusive YYYYMMDD bounds */
    int dated;            /* 0 for a bare [CODE] default */
} range;

typedef struct {
    char name[TEXT_MAX];
    char code[32];        /* code on the primary line, "" if none */
    const char *file;
    int line;
    int n_ranges;
    range ranges[MAX_RANGES];
} entry;

typedef struct {
    char text[TEXT_MAX];  /* upper case, trailing '_' removed */
    int entry;
    int line;
} phrase;

typedef struct {
    entry *entries;
    int n_entries;
    phrase *phrases;
    int n_phrases;
    int problems;
} actors;

/* Copies the line at p into buf without its comment and trailing blanks;
 * returns the line's length (without the newline). */
static size_t data_line(const char *p, char *buf, size_t cap)
{
    size_t n = strcspn(p, "\n");
    size_t m = n < cap - 1 ? n : cap - 1;
    memcpy(buf, p, m);
    buf[m] = '\0';
    char *hash = strchr(buf, '#');
    if (hash) *hash = '\0';
    size_t len = strlen(buf);
    while (len && isspace((unsigned char)buf[len - 1])) buf[--len] = '\0';
    return n;
}

static void problem(actors *a, const char *file, int line, const char *what, const char *text)
{
    printf("  %s:%d: %s: %s\n", file, line, what, text);
    a->problems++;
}

/* Copies s[0..n) to out as a phrase key: upper case, no trailing '_'. */
static void phrase_key(const char *s, size_t n, char *out)
{
    if (n >= TEXT_MAX) n = TEXT_MAX - 1;
    while (n && s[n - 1] == '_') n--;
    for (size_t i = 0; i < n; i++) out[i] = (char)toupper((unsigned char)s[i]);
    out[n] = '\0';
}

static int is_leap(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/* True when s is 8 digits forming a real calendar date. */
static int parse_date(const char *s, size_t n, long *out)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (n != 8) return 0;
    for (size_t i = 0; i < 8; i++)
        if (!isdigit((unsigned char)s[i])) return 0;
    long v = strtol(s, NULL, 10);
    long y = v / 10000, m = v / 100 % 100, d = v % 100;
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return 0;
    if (d > days[m - 1] + (m == 2 && is_leap(y))) return 0;
    *out = v;
    return 1;
}

/* Parses "[CODE]", "[CODE <D]", "[CODE >D]" or "[CODE D-D]" at s (after
 * leading blanks); returns 1 and fills *r. */
static int parse_range(const char *s, range *r)
{
    if (*s != '[') return 0;
    const char *close = strchr(s, ']');
    if (!close) return 0;
    const char *p = s + 1;
    size_t cl = strcspn(p, " ]");
    if (cl == 0 || cl >= sizeof r->code) return 0;
    for (size_t i = 0; i < cl; i++)
        if (!isupper((unsigned char)p[i])) return 0;
    memcpy(r->code, p, cl);
    r->code[cl] = '\0';
    p += cl;
    r->lo = 0;
    r->hi = 99999999;
    r->dated = 0;
    if (p == close) return 1;
    p += strspn(p, " ");
    size_t rest = (size_t)(close - p);
    while (rest && p[rest - 1] == ' ') rest--;
    r->dated = 1;
    if (*p == '<') return parse_date(p + 1, rest - 1, &r->hi);
    if (*p == '>') return parse_date(p + 1, rest - 1, &r->lo);
    const char *dash = memchr(p, '-', rest);
    if (!dash) return 0;
    return parse_date(p, (size_t)(dash - p), &r->lo) &&
           parse_date(dash + 1, rest - (size_t)(dash - p) - 1, &r->hi) && r->lo <= r->hi;
}

static void add_phrase(actors *a, const char *file, int line, const char *s, size_t n)
{
    if (a->n_phrases >= MAX_PHRASES || a->n_entries == 0) {
        problem(a, file, line, "phrase without an entry, or too many phrases", s);
        return;
    }
    phrase *ph = &a->phrases[a->n_phrases++];
    phrase_key(s, n, ph->text);
    ph->entry = a->n_entries - 1;
    ph->line = line;
    if (!ph->text[0]) problem(a, file, line, "empty phrase", s);
}

/* Reads one line (comment removed, not empty) of an actors file. */
static void actor_line(actors *a, const char *file, int line, char *s)
{
    if (s[0] == '+') {
        size_t n = strcspn(s + 1, " \t");
        if (s[1 + n + strspn(s + 1 + n, " \t")] != '\0')
            problem(a, file, line, "text after a synonym", s);
        add_phrase(a, file, line, s + 1, n);
    } else if (s[0] == '\t' || s[0] == ' ') {
        const char *p = s + strspn(s, " \t");
        entry *e = a->n_entries ? &a->entries[a->n_entries - 1] : NULL;
        if (!e || e->n_ranges >= MAX_RANGES || !parse_range(p, &e->ranges[e->n_ranges]))
            problem(a, file, line, "malformed code line", s);
        else
            e->n_ranges++;
    } else {
        if (a->n_entries >= MAX_ENTRIES) {
            problem(a, file, line, "too many entries", s);
            return;
        }
        entry *e = &a->entries[a->n_entries++];
        memset(e, 0, sizeof *e);
        e->file = file;
        e->line = line;
        size_t n = strcspn(s, " \t");
        phrase_key(s, n, e->name);
        add_phrase(a, file, line, s, n);
        const char *p = s + n + strspn(s + n, " \t");
        range r;
        if (*p && !parse_range(p, &r))
            problem(a, file, line, "malformed code after the primary phrase", s);
        else if (*p) {
            if (r.dated) problem(a, file, line, "dates on the primary line", s);
            memcpy(e->code, r.code, sizeof e->code);
        }
    }
}

/* Splits text into lines, drops comments and trailing blanks. */
static void read_actors(actors *a, const char *name)
{
    const struct builtin_file *f = builtin_find(name);
    if (!f) {
        problem(a, name, 0, "not embedded", name);
        return;
    }
    const char *p = f->data;
    int line = 0;
    while (*p) {
        line++;
        char buf[1024];
        size_t n = data_line(p, buf, sizeof buf);
        if (buf[0]) actor_line(a, name, line, buf);
        p += n;
        if (*p == '\n') p++;
    }
}

/* The people: the most newsworthy countries, then the other countries by
 * region, then the people whose roles all ended before 2000. */
static const char *const leader_files[] = {
    "leaders.actors.txt",          "leaders-europe.actors.txt",
    "leaders-americas.actors.txt", "leaders-africa.actors.txt",
    "leaders-mideast.actors.txt",  "leaders-asia.actors.txt",
    "leaders-1979-1999.actors.txt",
};

static void read_leaders(actors *a)
{
    for (size_t i = 0; i < sizeof leader_files / sizeof *leader_files; i++)
        read_actors(a, leader_files[i]);
}

static actors *actors_new(void)
{
    actors *a = calloc(1, sizeof *a);
    a->entries = calloc(MAX_ENTRIES, sizeof *a->entries);
    a->phrases = calloc(MAX_PHRASES, sizeof *a->phrases);
    return a;
}

static void actors_free(actors *a)
{
    free(a->entries);
    free(a->phrases);
    free(a);
}

static const entry *find_entry(const actors *a, const char *phrase_text)
{
    for (int i = 0; i < a->n_phrases; i++)
        if (strcmp(a->phrases[i].text, phrase_text) == 0) return &a->entries[a->phrases[i].entry];
    return NULL;
}

/* The code an entry has on a date, as a PETRARCH coder would pick it: the
 * dated range containing the date, else a bare default, else the primary
 * line's code; "" when none applies. */
static const char *code_on(const entry *e, long date)
{
    for (int i = 0; i < e->n_ranges; i++)
        if (e->ranges[i].dated && e->ranges[i].lo <= date && date <= e->ranges[i].hi)
            return e->ranges[i].code;
    for (int i = 0; i < e->n_ranges; i++)
        if (!e->ranges[i].dated) return e->ranges[i].code;
    return e->code;
}

static const char *code_of(const actors *a, const char *phrase_text, long date)
{
    const entry *e = find_entry(a, phrase_text);
    return e ? code_on(e, date) : NULL;
}

static int cmp_phrase(const void *x, const void *y)
{
    return strcmp(((const phrase *)x)->text, ((const phrase *)y)->text);
}

/* ------------------------------------------------------------------ */

static void test_files_embedded(void)
{
    const char *names[] = {"cameo.txt",          "countries.actors.txt",
                           "leaders.actors.txt", "leaders-europe.actors.txt",
                           "leaders-americas.actors.txt", "leaders-africa.actors.txt",
                           "leaders-mideast.actors.txt", "leaders-asia.actors.txt",
                           "leaders-1979-1999.actors.txt",
                           "international.actors.txt", "agents.txt"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        const struct builtin_file *f = builtin_find(names[i]);
        if (!f) printf("  missing %s\n", names[i]);
        CHECK(f != NULL);
        if (!f) continue;
        CHECK(f->len > 100);
        CHECK(f->data[f->len] == '\0');
        size_t bad = 0;
        for (size_t k = 0; k < f->len; k++) {
            unsigned char c = (unsigned char)f->data[k];
            if (c > 126 || (c < 32 && c != '\n' && c != '\t' && c != '\r')) bad++;
        }
        if (bad) printf("  %s: %zu bytes that are not printable ASCII\n", names[i], bad);
        CHECK_INT(bad, 0);
        CHECK(f->data[f->len - 1] == '\n');
    }
}

static void test_countries(void)
{
    actors *a = actors_new();
    read_actors(a, "countries.actors.txt");
    CHECK_INT(a->problems, 0);
    char country[4] = "";
    int n_countries = 0;
    for (int i = 0; i < a->n_entries; i++) {
        const entry *e = &a->entries[i];
        /* A country is three letters; its capital and seats of government,
         * an entry of their own, the country's code + GOV. */
        size_t len = strlen(e->code);
        int ok = (len == 3 || (len == 6 && strcmp(e->code + 3, "GOV") == 0)) &&
                 e->n_ranges == 0;
        for (int k = 0; k < 3 && ok; k++) ok = isupper((unsigned char)e->code[k]);
        if (len == 3) {
            strcpy(country, e->code);
            n_countries++;
        }
        else if (ok) ok = strncmp(e->code, country, 3) == 0;
        if (!ok) printf("  countries.actors.txt:%d: %s has code \"%s\"\n", e->line, e->name, e->code);
        CHECK(ok);
    }
    static const char *const expect[][2] = {
        {"RUSSIA", "RUS"},       {"RUSSIAN_FEDERATION", "RUS"}, {"KREMLIN", "RUSGOV"},
        {"MOSCOW", "RUSGOV"},    {"BEIJING", "CHNGOV"},         {"CHINESE", "CHN"},
        {"WHITE_HOUSE", "USAGOV"}, {"WASHINGTON", "USAGOV"},    {"U.S.", "USA"},
        {"DOWNING_STREET", "GBRGOV"}, {"ELYSEE", "FRAGOV"},     {"ELYSEE_PALACE", "FRAGOV"},
        {"TEHRAN", "IRNGOV"},    {"KYIV", "UKRGOV"},            {"KIEV", "UKRGOV"},
        {"TAIPEI", "TWNGOV"},    {"PRISTINA", "KSV"},           {"RAMALLAH", "PSEGOV"},
        {"GAZA", "PSE"},
        {"HOLY_SEE", "VAT"},     {"HONG_KONG", "HKG"},          {"WESTERN_SAHARA", "ESH"},
        {"SOUTH_SUDAN", "SSD"},  {"NORTH_KOREA", "PRK"},        {"SEOUL", "KORGOV"},
        /* From the ISO names: inverted, folded to ASCII, common names. */
        {"REPUBLIC_OF_KOREA", "KOR"}, {"TURKIYE", "TUR"},       {"COTE_D'IVOIRE", "CIV"},
        {"STATE_OF_PALESTINE", "PSE"}, {"BRITISH_VIRGIN_ISLANDS", "VGB"},
        {"GREENLAND", "GRL"},    {"ALAND_ISLANDS", "ALA"},      {"SAINT_HELENA", "SHN"},
        /* The authored choice wins over iso-codes' "Congo" for COG. */
        {"CONGO", "COD"},        {"REPUBLIC_OF_THE_CONGO", "COG"},
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        const char *got = code_of(a, expect[i][0], 20240409);
        if (!got || strcmp(got, expect[i][1]) != 0)
            printf("  %s codes as %s, expected %s\n", expect[i][0], got ? got : "(absent)", expect[i][1]);
        CHECK(got && strcmp(got, expect[i][1]) == 0);
    }
    /* 249 ISO 3166-1 entities and Kosovo. */
    CHECK(n_countries >= 250);
    CHECK(find_entry(a, "US") == NULL);   /* the pronoun */
    CHECK(find_entry(a, "JERSEY") == NULL);          /* "New Jersey" */
    CHECK(find_entry(a, "REUNION") == NULL);         /* an ordinary word */
    CHECK(find_entry(a, "VIRGIN_ISLANDS") == NULL);  /* British or U.S.? */
    actors_free(a);
}

static void test_no_phrase_twice(void)
{
    actors *a = actors_new();
    read_actors(a, "countries.actors.txt");
    read_leaders(a);
    read_actors(a, "international.actors.txt");
    CHECK_INT(a->problems, 0);
    qsort(a->phrases, (size_t)a->n_phrases, sizeof *a->phrases, cmp_phrase);
    int dups = 0;
    for (int i = 1; i < a->n_phrases; i++)
        if (strcmp(a->phrases[i - 1].text, a->phrases[i].text) == 0) {
            const entry *x = &a->entries[a->phrases[i - 1].entry];
            const entry *y = &a->entries[a->phrases[i].entry];
            printf("  %s appears under %s (%s:%d) and %s (%s:%d)\n", a->phrases[i].text,
                   x->name, x->file, a->phrases[i - 1].line, y->name, y->file, a->phrases[i].line);
            dups++;
        }
    CHECK_INT(dups, 0);
    actors_free(a);
}

/* A person's name, a date and the code it must give then ("" for none). */
typedef struct dated_code {
    const char *who;
    long date;
    const char *code;
} dated_code;

static void check_codes(actors *a, const dated_code *expect, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *got = code_of(a, expect[i].who, expect[i].date);
        if (!got || strcmp(got, expect[i].code) != 0)
            printf("  %s on %ld codes as \"%s\", expected \"%s\"\n", expect[i].who,
                   expect[i].date, got ? got : "(absent)", expect[i].code);
        CHECK(got && strcmp(got, expect[i].code) == 0);
    }
}

static void test_leaders_dates(void)
{
    actors *a = actors_new();
    read_leaders(a);
    CHECK_INT(a->problems, 0);
    CHECK(a->n_entries >= 50);
    for (int i = 0; i < a->n_entries; i++) {
        const entry *e = &a->entries[i];
        if (e->n_ranges == 0 || e->code[0]) {
            printf("  %s:%d: %s needs date-restricted codes only\n", e->file, e->line, e->name);
            CHECK(0);
        }
        for (int x = 0; x < e->n_ranges; x++) {
            CHECK(e->ranges[x].dated);
            for (int y = x + 1; y < e->n_ranges; y++) {
                const range *r = &e->ranges[x], *s = &e->ranges[y];
                if (r->lo <= s->hi && s->lo <= r->hi) {
                    printf("  %s: %s: [%s %ld-%ld] overlaps [%s %ld-%ld]\n",
                           e->file, e->name, r->code, r->lo, r->hi, s->code, s->lo, s->hi);
                    CHECK(0);
                }
            }
        }
    }
    static const dated_code expect[] = {
        {"VLADIMIR_PUTIN", 20240409, "RUSGOV"}, {"PUTIN", 19950101, ""},
        {"LAVROV", 20240409, "RUSGOV"},         {"SERGEI_LAVROV", 20040309, "RUSGOV"},
        {"XI_JINPING", 20240409, "CHNGOV"},     {"PESKOV", 20240409, "RUSGOV"},
        {"MEDVEDEV", 20100101, "RUSGOV"},       {"MEDVEDEV", 20230101, "RUSGOV"},
        {"TRUMP", 20180101, "USAGOV"},          {"TRUMP", 20230101, "USAELI"},
        {"TRUMP", 20250120, "USAGOV"},          {"TRUMP", 20170119, "USAELI"},
        {"BIDEN", 20220101, "USAGOV"},          {"BIDEN", 20250120, "USAELI"},
        {"BIDEN", 20000101, "USALEG"},          {"RAISI", 20240601, ""},
        {"RAISI", 20220101, "IRNGOV"},          {"ZELENSKY", 20240409, "UKRGOV"},
        {"ZELENSKYY", 20180101, ""},            {"STOLTENBERG", 20200101, "IGOWSTNAT"},
        {"RUTTE", 20250101, "IGOWSTNAT"},       {"GUTERRES", 20240409, "IGOUNO"},
        {"STARMER", 20230101, "GBROPP"},        {"STARMER", 20250101, "GBRGOV"},
        {"ASSAD", 20240101, "SYRGOV"},          {"ASSAD", 20250101, "SYRELI"},
        {"MERZ", 20250601, "DEUGOV"},           {"SCHOLZ", 20250601, "DEUELI"},
    };
    check_codes(a, expect, sizeof expect / sizeof *expect);
    actors_free(a);
}

/* People across the sections, on dates inside and outside their terms:
 * each expected code is read off the person's ranges in leaders.actors.txt
 * (a handover day belongs to the incoming office-holder; outside every
 * range a minister has no code, a former head of government is an ELI). */
static void test_leaders_terms(void)
{
    actors *a = actors_new();
    read_actors(a, "leaders.actors.txt");
    CHECK_INT(a->problems, 0);
    CHECK(a->n_entries >= 1300);
    static const dated_code expect[] = {
        {"MERKEL", 20030101, "DEUOPP"},          {"MERKEL", 20100101, "DEUGOV"},
        {"ANGELA_MERKEL", 20220101, "DEUELI"},   {"GEORGE_W._BUSH", 20050101, "USAGOV"},
        {"GEORGE_W._BUSH", 20120101, "USAELI"},  {"POMPEO", 20190101, "USAGOV"},
        {"POMPEO", 20220101, ""},                {"JEROME_POWELL", 20200101, "USAGOVBUS"},
        {"THERESA_MAY", 20170101, "GBRGOV"},     {"THERESA_MAY", 20200101, "GBRELI"},
        {"TONY_BLAIR", 20070626, "GBRGOV"},      {"BLAIR", 20070627, "GBRELI"},
        {"DAVID_CAMERON", 20200101, "GBRELI"},   {"DAVID_CAMERON", 20240101, "GBRGOV"},
        {"LAGARDE", 20090101, "FRAGOV"},         {"LAGARDE", 20150101, "IGOBUSIMF"},
        {"LAGARDE", 20200101, "IGOEUREEC"},      {"KIM_JONG_IL", 20050101, "PRKGOV"},
        {"KIM_JONG_IL", 20120101, ""},           {"MORSI", 20130101, "EGYGOV"},
        {"MORSI", 20150101, "EGYELI"},           {"MORSI", 20200101, ""},
        {"BAN_KI-MOON", 20050101, "KORGOV"},     {"BAN_KI-MOON", 20100101, "IGOUNO"},
        {"SIKORSKI", 20070601, ""},              {"SIKORSKI", 20100101, "POLGOV"},
        {"AL-SUDANI", 20230101, "IRQGOV"},       {"AL-SUDANI", 20260601, ""},
        {"MODI", 20100101, "INDGOV"},            {"MANMOHAN_SINGH", 20100101, "INDGOV"},
        {"LULA", 20150101, "BRAELI"},            {"TEDROS", 20200101, "IGOUNOHLHWHO"},
    };
    check_codes(a, expect, sizeof expect / sizeof *expect);
    /* Common surnames and words are no synonyms on their own. */
    static const char *const absent[] = {"BUSH", "CAMERON", "MAY", "HAGUE", "POWELL", "BOLTON"};
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++) {
        if (code_of(a, absent[i], 20100101)) printf("  %s is a synonym\n", absent[i]);
        CHECK(code_of(a, absent[i], 20100101) == NULL);
    }
    actors_free(a);
}

/* Spot-checks of the regional files, each read off the person's ranges
 * (and checked against what is known of the office: the comment). */
static void test_leaders_regions(void)
{
    actors *a = actors_new();
    read_leaders(a);
    CHECK_INT(a->problems, 0);
    static const dated_code expect[] = {
        /* Middle East and North Africa */
        {"MOSHE_YAALON", 20140101, "ISRGOV"},        /* defence minister 2013-2016 */
        {"MOHAMED_GHANNOUCHI", 20050101, "TUNGOV"},  /* prime minister 1999-2011 */
        {"MOHAMED_GHANNOUCHI", 20150101, "TUNELI"},  /* former prime minister */
        {"SALIM_HOSS", 20050101, "LBNELI"},          /* former prime minister */
        {"SALIM_HOSS", 20250101, ""},                /* died August 2024 */
        {"FOUAD_SINIORA", 20070101, "LBNGOV"},       /* prime minister 2005-2009 */
        {"BEJI_CAID_ESSEBSI", 20170101, "TUNGOV"},   /* president 2014-2019 */
        {"ESSEBSI", 20200101, ""},                   /* died July 2019 */
        {"ABDULLAH_ENSOUR", 20140101, "JORGOV"},     /* prime minister 2012-2016 */
        /* the Americas */
        {"JOHN_SNOW", 20040310, "USAGOV"},           /* treasury secretary 2003-2006 */
        {"DEAN_BARROW", 20120601, "BLZGOV"},         /* prime minister 2008-2020 */
        {"KEITH_ROWLEY", 20260105, "TTOELI"},        /* prime minister until March 2025 */
        {"TABARE_VAZQUEZ", 20100501, "URYELI"},      /* between his terms */
        {"DENNIS_HASTERT", 20050501, "USALEG"},      /* House speaker 1999-2007 */
        {"JEANINE_ANEZ", 20200601, "BOLGOV"},        /* interim president 2019-2020 */
        {"HUGO_BANZER", 20030101, ""},               /* died May 2002 */
        {"DESI_BOUTERSE", 20250301, ""},             /* died December 2024 */
        {"MIA_MOTTLEY", 20200101, "BRBGOV"},         /* prime minister from 2018 */
        /* Europe */
        {"MILOS_ZEMAN", 20100101, "CZEELI"},         /* former prime minister (1998-2002) */
        {"PETER_MANDELSON", 20060601, "IGOEUREEC"},  /* EU trade commissioner 2004-2008 */
        {"MYKOLA_AZAROV", 20120101, "UKRGOV"},       /* prime minister 2010-2014 */
        {"BORIS_NEMTSOV", 20160101, ""},             /* killed February 2015 */
        {"JUAN_CARLOS_I", 20150101, "ESPELI"},       /* abdicated June 2014 */
        {"MIKHEIL_KAVELASHVILI", 20200101, ""},      /* president from December 2024 */
        {"GIULIO_TREMONTI", 20090601, "ITAGOV"},     /* economy minister 2008-2011 */
        {"JERZY_BUZEK", 20100601, "IGOEUREEC"},      /* European Parliament president 2009-2012 */
        /* out of office before 2000, living after it */
        {"THATCHER", 19850101, "GBRGOV"},            /* prime minister 1979-1990 */
        {"THATCHER", 20050101, "GBRELI"},            /* former prime minister */
        {"THATCHER", 20140101, ""},                  /* died April 2013 */
        {"RONALD_REAGAN", 19900101, "USAELI"},       /* president 1981-1989 */
        {"JIMMY_CARTER", 20100101, "USAELI"},        /* president 1977-1981, died December 2024 */
        {"SUHARTO", 19980601, "IDNELI"},             /* resigned May 1998 */
        /* 1979-1999 */
        {"LEONID_BREZHNEV", 19800115, "RUSGOV"},     /* Soviet leader until his death, 1982 */
        {"ANWAR_SADAT", 19790326, "EGYGOV"},         /* president, signing the treaty with Israel */
        {"ANWAR_SADAT", 19811101, ""},               /* assassinated October 1981 */
        {"FRANCOIS_MITTERRAND", 19950801, "FRAELI"}, /* left office May 1995, died January 1996 */
        {"GEORGE_SHULTZ", 19820101, ""},             /* secretary of state from July 1982 */
        {"MANFRED_WORNER", 19900101, "IGOWSTNAT"},   /* NATO secretary general 1988-1994 */
        {"YITZHAK_RABIN", 19880101, "ISRGOV"},       /* defence minister 1984-1990 */
        {"JULIUS_NYERERE", 19900101, "TZAELI"},      /* left office 1985, died October 1999 */
        /* sub-Saharan Africa */
        {"YEMI_OSINBAJO", 20160315, "NGAGOV"},       /* vice president 2015-2023 */
        {"OSINBAJO", 20140101, ""},                  /* before any role */
        {"MORGAN_TSVANGIRAI", 20100601, "ZWEGOV"},   /* prime minister 2009-2013 */
        {"TSVANGIRAI", 20190101, ""},                /* died February 2018 */
        {"KIKWETE", 20100101, "TZAGOV"},             /* president 2005-2015 */
        {"KIKWETE", 20180101, "TZAELI"},             /* former president */
        {"FARMAAJO", 20180101, "SOMGOV"},            /* president 2017-2022 */
        {"GIDEON_GONO", 20080101, "ZWEGOVBUS"},      /* Reserve Bank governor 2003-2013 */
        /* Asia and Oceania */
        {"TUNG_CHEE-HWA", 20030101, "HKGGOV"},       /* chief executive 1997-2005 */
        {"TUNG_CHEE-HWA", 20100101, "HKGELI"},       /* former chief executive */
        {"JOHN_KEY", 20120101, "NZLGOV"},            /* prime minister 2008-2016 */
        {"JOHN_KEY", 20050101, ""},                  /* before any role */
        {"HELEN_CLARK", 20120101, "IGOUNO"},         /* UNDP administrator 2009-2017 */
        {"ABDUL_KALAM", 20100101, "INDELI"},         /* former president (2002-2007) */
        {"ABDUL_KALAM", 20160101, ""},               /* died July 2015 */
        {"MAITHRIPALA_SIRISENA", 20160101, "LKAGOV"}, /* president 2015-2019 */
        {"LEE_JU-YEOL", 20180101, "KORGOVBUS"},      /* Bank of Korea governor 2014-2022 */
        {"SURIN_PITSUWAN", 20100101, "IGOSEAASN"},   /* ASEAN secretary-general 2008-2012 */
    };
    check_codes(a, expect, sizeof expect / sizeof *expect);
    actors_free(a);
}

static void test_international(void)
{
    actors *a = actors_new();
    read_actors(a, "international.actors.txt");
    CHECK_INT(a->problems, 0);
    for (int i = 0; i < a->n_entries; i++) {
        const entry *e = &a->entries[i];
        int ok = (e->code[0] != '\0') != (e->n_ranges > 0);
        if (!ok) printf("  international.actors.txt:%d: %s has no code\n", e->line, e->name);
        CHECK(ok);
    }
    static const char *const expect[][2] = {
        {"UNITED_NATIONS", "IGOUNO"},   {"UN_SECURITY_COUNCIL", "IGOUNO"},
        {"NATO", "IGOWSTNAT"},          {"EUROPEAN_UNION", "IGOEUREEC"},
        {"BRUSSELS", "IGOEUREEC"},      {"AFRICAN_UNION", "IGOAFRAFU"},
        {"ASEAN", "IGOSEAASN"},         {"IMF", "IGOBUSIMF"},
        {"WORLD_BANK", "IGOUNODEVWBK"}, {"ICC", "IGOJUDICC"},
        {"ICJ", "IGOUNOJUDICJ"},        {"IAEA", "IGOUNOIAE"},
        {"ICRC", "NGOHLHIRC"},          {"AMNESTY_INTERNATIONAL", "NGOHRIAMN"},
        {"HAMAS", "PSEREBHMS"},         {"HEZBOLLAH", "LBNREB"},
        {"AL-QAEDA", "IMGMUSALQ"},      {"HOUTHIS", "YEMREB"},
    };
    for (size_t i = 0; i < sizeof expect / sizeof *expect; i++) {
        const char *got = code_of(a, expect[i][0], 20240409);
        if (!got || strcmp(got, expect[i][1]) != 0)
            printf("  %s codes as %s, expected %s\n", expect[i][0], got ? got : "(absent)", expect[i][1]);
        CHECK(got && strcmp(got, expect[i][1]) == 0);
    }
    const char *t = code_of(a, "TALIBAN", 20150101);
    CHECK(t && strcmp(t, "AFGREB") == 0);
    t = code_of(a, "TALIBAN", 20240101);
    CHECK(t && strcmp(t, "AFGGOV") == 0);
    CHECK(find_entry(a, "WHO") == NULL);   /* the pronoun */
    actors_free(a);
}

/* One agents line: PHRASE [{PLURALS}] [~CODE] or [CODE~]; returns 1 if ok. */
static int agent_line_ok(const char *s)
{
    size_t n = strcspn(s, " \t");
    if (n == 0 || s[0] == '+' || s[0] == '[') return 0;
    for (size_t i = 0; i < n; i++)
        if (!(isupper((unsigned char)s[i]) || strchr("_-'.", s[i]))) return 0;
    const char *p = s + n + strspn(s + n, " \t");
    if (*p == '{') {
        const char *close = strchr(p, '}');
        if (!close) return 0;
        p = close + 1;
        p += strspn(p, " \t");
    }
    if (*p != '[') return 0;
    const char *close = strchr(p, ']');
    if (!close || close[1 + strspn(close + 1, " \t")] != '\0') return 0;
    const char *c = p + 1;
    size_t cl = (size_t)(close - c);
    if (cl < 4) return 0;
    int lead = c[0] == '~', trail = c[cl - 1] == '~';
    if (lead == trail) return 0;
    for (size_t i = lead; i < cl - trail; i++)
        if (!isupper((unsigned char)c[i])) return 0;
    return 1;
}

static void test_agents(void)
{
    const struct builtin_file *f = builtin_find("agents.txt");
    CHECK(f != NULL);
    if (!f) return;
    /* Lines that must be there as written: codes certain under CAMEO, and
     * plurals the automatic rule would get wrong (MONARCHES, CHURCHS). */
    static const char *const expect[] = {
        "PRESIDENT [~GOV]",
        "FOREIGN_MINISTER [~GOV]",
        "TROOP [~MIL]",
        "POLICE {} [~COP]",
        "PROTESTER [~OPP]",
        "JOURNALIST [~MED]",
        "MONARCH {MONARCHS} [~GOV]",
        "HEALTH_MINISTRY [~GOVHLH]",
        "MINISTRY_OF_DEFENCE {MINISTRIES_OF_DEFENCE} [~GOVMIL]",
        "MILITARY_JUNTA [~GOVMIL]",
        "MILITARY_SPOKESMAN {MILITARY_SPOKESMEN} [~MIL]",
        "GOVERNMENT_FORCES {} [~MIL]",
        "CRIMINAL_COURT [~JUD]",
        "PEACEKEEPER [IGO~]",
        "INTELLIGENCE_OFFICIAL [~SPY]",
        "REBEL_COMMANDER [~REB]",
        "REFUGEE [~REF]",
        "CHURCH {CHURCHES} [~CHR]",
        "THIEF {THIEVES} [~CRM]",
        "MIDWIFE {MIDWIVES} [~HLH]",
        "HERDSMAN {HERDSMEN} [~AGR]",
        "RELIEF_AGENCY [NGO~]",
    };
    enum { N_EXPECT = sizeof expect / sizeof expect[0], MAX_AGENTS = 2048 };
    int found[N_EXPECT] = { 0 };
    static char names[MAX_AGENTS][128];   /* each entry's phrase and plural */
    int n_names = 0;
    const char *p = f->data;
    int line = 0, entries = 0, bad = 0;
    while (*p) {
        line++;
        char buf[512];
        size_t n = data_line(p, buf, sizeof buf);
        if (buf[0]) {
            if (agent_line_ok(buf)) {
                entries++;
                for (int i = 0; i < N_EXPECT; i++) found[i] += strcmp(buf, expect[i]) == 0;
                /* the phrase, and an explicit plural when there is one */
                size_t w = strcspn(buf, " \t");
                const char *brace = strchr(buf, '{');
                size_t pw = brace ? strcspn(brace + 1, "}") : 0;
                if (n_names + 2 <= MAX_AGENTS && w < 128 && pw < 128) {
                    snprintf(names[n_names++], 128, "%.*s", (int)w, buf);
                    if (pw) snprintf(names[n_names++], 128, "%.*s", (int)pw, brace + 1);
                }
            } else {
                printf("  agents.txt:%d: malformed: %s\n", line, buf);
                bad++;
            }
        }
        p += n;
        if (*p == '\n') p++;
    }
    CHECK_INT(bad, 0);
    CHECK(entries >= 420);
    for (int i = 0; i < N_EXPECT; i++) {
        if (found[i] != 1) printf("  agents.txt: expected once: %s\n", expect[i]);
        CHECK_INT(found[i], 1);
    }
    /* No phrase or explicit plural is given twice (it would have two codes). */
    int dups = 0;
    for (int i = 0; i < n_names; i++)
        for (int j = i + 1; j < n_names; j++)
            if (strcmp(names[i], names[j]) == 0) {
                printf("  agents.txt: %s given twice\n", names[i]);
                dups++;
            }
    CHECK_INT(dups, 0);
}

int main(void)
{
    RUN(test_files_embedded);
    RUN(test_countries);
    RUN(test_no_phrase_twice);
    RUN(test_leaders_dates);
    RUN(test_leaders_terms);
    RUN(test_leaders_regions);
    RUN(test_international);
    RUN(test_agents);
    return harness_report("test_builtin_data");
}
