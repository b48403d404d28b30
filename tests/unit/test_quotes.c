/* test_quotes.c — who said what (quotes.h), through the public API: the
 * forms of reported speech and direct quotes, speakers resolved to actors
 * (pronouns to the person named before), addressees, offsets into the
 * story text, events marked quoted_by, and what is not a quote.  Sentences
 * written for these tests; the built-in dictionaries, with the parser. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyad.h"
#include "harness.h"

static dyad_coder *coder;

/* Codes text (dated 2024-04-09) and writes its quotes as
 * "KIND SPEAKER_NAME/CODE[>ADDRESSEE_CODE]: TEXT" lines joined by " | ". */
static const char *quotes_of(const char *text, char *out, size_t cap)
{
    char err[256];
    dyad_story *s = dyad_story_new("q", "2024-04-09", text, err, sizeof err);
    out[0] = '\0';
    if (!s) { snprintf(out, cap, "error: %s", err); return out; }
    const dyad_result *r = dyad_code(coder, s);
    char tmp[] = "/tmp/dyad_quotes_XXXXXX";
    FILE *f = fdopen(mkstemp(tmp), "w+");
    dyad_write_quotes(f, r);
    size_t used = 0;
    for (size_t k = 0; k < dyad_result_quote_count(r); k++) {
        const dyad_quote *q = dyad_result_quote(r, k);
        const char *code = dyad_quote_speaker_code(q);
        used += (size_t)snprintf(out + used, cap - used, "%s%s/%s: %s", k ? " | " : "",
                                 dyad_quote_speaker(q), code ? code : "-", dyad_quote_text(q));
        if (used >= cap) break;
    }
    /* every record's offsets give back its words (these texts need no
     * cleaning, so the story text holds them as they are) */
    rewind(f);
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        const char *st = strstr(line, "\"start\":"), *en = strstr(line, "\"end\":");
        const char *tx = strstr(line, "\"text\":\"");
        CHECK(st && en && tx);
        if (!st || !en || !tx) break;
        long a = atol(st + 8), b = atol(en + 6);
        CHECK(a >= 0 && b > a && (size_t)b <= strlen(text));
        if (a >= 0 && b > a && (size_t)b <= strlen(text))
            CHECK(strncmp(tx + 8, text + a, (size_t)(b - a)) == 0);
    }
    fclose(f);
    remove(tmp);
    dyad_story_free(s);
    return out;
}

#define EXPECT_QUOTES(text, want) \
    do { char buf_[2048]; CHECK_STR(quotes_of(text, buf_, sizeof buf_), want); } while (0)

static void test_reported_speech(void)
{
    EXPECT_QUOTES("Lavrov said that Russia would deepen its ties with China.",
                  "Lavrov/RUSGOV: Russia would deepen its ties with China");
    EXPECT_QUOTES("Russia will deepen its ties with China, Lavrov said on Tuesday.",
                  "Lavrov/RUSGOV: Russia will deepen its ties with China");
    EXPECT_QUOTES("Russia will deepen its ties with China, said Dmitry Peskov.",
                  "Dmitry Peskov/RUSGOV: Russia will deepen its ties with China");
    EXPECT_QUOTES("Wang Yi also noted that the talks had been useful.",
                  "Wang Yi/CHNGOV: the talks had been useful");
    EXPECT_QUOTES("Xi went on to say that both sides gained.",
                  "Xi/CHNGOV: both sides gained");
    EXPECT_QUOTES("According to Peskov, the visit is planned.",
                  "Peskov/RUSGOV: the visit is planned");
    EXPECT_QUOTES("The visit is planned, according to Peskov.",
                  "Peskov/RUSGOV: The visit is planned");
    /* a speaker shared with an earlier verb */
    EXPECT_QUOTES("Lavrov met Xi and said the talks went well.",
                  "Lavrov/RUSGOV: the talks went well");
}

static void test_addressee(void)
{
    char err[256];
    dyad_story *s = dyad_story_new("q", "2024-04-09",
                                   "Our relations are growing, Lavrov told Wang Yi.", err,
                                   sizeof err);
    const dyad_result *r = dyad_code(coder, s);
    CHECK_INT(dyad_result_quote_count(r), 1);
    char tmp[] = "/tmp/dyad_quotes_XXXXXX";
    FILE *f = fdopen(mkstemp(tmp), "w+");
    dyad_write_quotes(f, r);
    rewind(f);
    char line[2048] = "";
    CHECK(fgets(line, sizeof line, f) != NULL);
    CHECK(strstr(line, "\"addressee\":\"Wang Yi\",\"addressee_code\":\"CHNGOV\"") != NULL);
    CHECK(strstr(line, "\"kind\":\"reported\"") != NULL);
    fclose(f);
    remove(tmp);
    dyad_story_free(s);
}

static void test_direct_quotes(void)
{
    /* the quotation runs over two sentences; "he" is the person named before */
    EXPECT_QUOTES("Putin met Xi in Moscow. He said: \"Our ties are strong. They will grow.\"",
                  "Putin/RUSGOV: Our ties are strong. They will grow");
    /* a quotation in the next sentence with no speaker goes on */
    EXPECT_QUOTES("Peskov replied: \"Such contacts are planned.\" \"We will say more later.\"",
                  "Peskov/RUSGOV: Such contacts are planned | Peskov/RUSGOV: We will say more later");
}

/* A description ("the Russian diplomat") stands for the person of that
 * role named shortly before; with no one named, it is its own words. */
static void test_described_speakers(void)
{
    EXPECT_QUOTES("Lavrov met Xi on Monday. The Russian diplomat said the talks were useful.",
                  "Lavrov/RUSGOV: the talks were useful");
    EXPECT_QUOTES("The Russian diplomat said the talks were useful.",
                  "Russian diplomat/RUSGOV: the talks were useful");
}

static void test_not_quotes(void)
{
    EXPECT_QUOTES("The so-called \"peace plan\" was rejected by Ukraine.", "");
    EXPECT_QUOTES("Lavrov arrived in Beijing on Monday.", "");
    EXPECT_QUOTES("Lavrov's statement drew praise in Beijing.", "");
    /* "said" with nothing said */
    EXPECT_QUOTES("Lavrov said nothing.", "Lavrov/RUSGOV: nothing");
}

static void test_events_quoted_by(void)
{
    char err[256];
    dyad_story *s = dyad_story_new("q", "2024-04-09",
                                   "Lavrov said China praised Russia. Xi praised Russia.", err,
                                   sizeof err);
    const dyad_result *r = dyad_code(coder, s);
    int quoted = 0, plain = 0;
    for (size_t k = 0; k < dyad_result_event_count(r); k++) {
        const dyad_event *e = dyad_result_event(r, k);
        if (strcmp(dyad_event_code(e), "051") != 0) continue;
        const char *by = dyad_event_quoted_by(e);
        if (strcmp(dyad_event_source(e), "CHN") == 0) quoted += by && strcmp(by, "Lavrov") == 0;
        if (strcmp(dyad_event_source(e), "CHNGOV") == 0) plain += by == NULL;
    }
    CHECK_INT(quoted, 1);
    CHECK_INT(plain, 1);
    dyad_story_free(s);
}

int main(void)
{
    char err[1024];
    coder = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    dyad_parser *p = dyad_parser_load(NULL, err, sizeof err);
    CHECK(coder != NULL && p != NULL);
    if (coder && p) {
        dyad_coder_use_parser(coder, p);
        RUN(test_reported_speech);
        RUN(test_addressee);
        RUN(test_direct_quotes);
        RUN(test_described_speakers);
        RUN(test_not_quotes);
        RUN(test_events_quoted_by);
    }
    dyad_coder_free(coder);
    dyad_parser_free(p);
    return harness_report("quotes");
}
