/* test_petrarch.c — PETRARCH semantics driven by PETRARCH-format
 * dictionaries: the coder options (require_dyad, unknown agents, the
 * modal rule) and their <Config> settings, discards, agents of a country,
 * patterns that spell out a negation, compounds with no target.
 *
 * The dictionaries are small files written to a temporary folder; cases
 * are "SOURCE>TARGET:CODE" joined by spaces ("-" for no target, "" for no
 * event), coded with the tagger and parser (the default of `dyad code`). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dyad.h"
#include "events.h"
#include "harness.h"

static char dir[64];
static dyad_coder *coder;

static const char verbs_txt[] =
    "&NEGAUX\n"
    "+WILL NOT\n"
    "+DID N'T\n"
    "\n"
    "--- CRITICIZE [111] ---\n"
    "CRITICIZE\n"
    "\n"
    "--- CLASH [190] ---\n"
    "CLASH\n"
    "- MOST_CERTAINLY_&NEGAUX_EVER * OVER [907]\n"
    "- &NEGAUX * OVER [904]\n"
    "- * OVER [121]\n"
    "\n"
    "--- AGREE [030] ---\n"
    "AGREE\n"
    "- * WITH % [031]\n"
    "\n"
    "--- DELAY [120] ---\n"
    "DELAY\n"
    "- % HAVE * [191]\n"
    "\n"
    "--- PROTEST [141] ---\n"
    "PROTEST\n"
    "\n"
    "--- CELEBRATE [181] ---\n"
    "CELEBRATE\n"
    "- * IFTAR IN ^ + [045]\n"
    "- + * EID ^ $ [046]\n"
    "\n"
    "--- CONDEMN [122] ---\n"
    "CONDEMN\n"
    "\n"
    "--- ARREST [212] ---\n"
    "ARREST\n"
    "\n"
    "--- ARRIVE [032:033] ---\n"
    "ARRIVE\n"
    "\n"
    "--- RESTORE [064] ---\n"
    "RESTORE\n"
    "- % * TIES [064]\n"
    "\n"
    "--- ACT [100] ---\n"
    "ACT\n"
    "- INDICATED WOULD * NOW [1010]\n"
    "\n"
    "--- ATTACK [190] ---\n"
    "ATTACK\n"
    "\n"
    "--- SAID [023] ---\n"
    "SAID\n"
    "\n"
    "--- RELEASE [060] ---\n"
    "RELEASE\n"
    "- + * FROM $ [066]\n"
    "\n"
    "--- WOUND [---] ---\n"
    "WOUND\n"
    "\n"
    "--- ACCEPT [080] ---\n"
    "ACCEPT\n"
    "- + * MONEY FROM $ [071]\n"
    "\n"
    "--- WOUND [180] ---\n"
    "WOUND\n"
    "- + WAS * BADLY BY $ [183]\n"
    "\n"
    "--- DEPORT [174] ---\n"
    "DEPORT\n"
    "\n"
    "--- DEPART [032:033] ---\n"
    "DEPART\n"
    "- * FOR + [032:033]\n"
    "\n"
    "--- THREATEN [130] ---\n"
    "THREATEN\n"
    "\n"
    "--- REGRET [111] ---\n"
    "REGRET {REGRETTED REGRETS}\n"
    "- NOTED + * [115]\n";

static const char actors_txt[] =
    "ARNOR [ARN]\n"
    "GONDOR [GON]\n"
    "CALENARDHON [CAL]\n"
    "OSGILIATH [OSG]\n"
    "ITHILEN [ITH]\n"
    "FORNOST [FOR]\n"
    "ROHAN [ROH]\n"
    "+ROHANESE\n"
    "BEREGOND [GONMIL]\n";

static const char agents_txt[] =
    "GOVERNMENT [~GOV]\n"
    "OFFICIAL [~GOV]\n"
    "AMBASSADOR [~GOV]\n"
    "LAWMAKER [~LEG]\n"
    "MINISTER [~GOV]\n"
    "PRIME_MINISTER [~GOV]\n"
    "POLICE [~COP]\n"
    "SOLDIER [~MIL]\n"
    "MEDIA [~MED]\n"
    "ISLAMIST [~MUS]\n"
    "REBEL [~REB]\n"
    "STUDENT [~EDU]\n";

static const char discards_txt[] =
    "+TYPHOON\n"
    "BASEBALL\n";

static void write_file(const char *name, const char *text)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f) return;
    fputs(text, f);
    fclose(f);
}

static void remove_file(const char *name)
{
    char path[128];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    remove(path);
}

static dyad_coder *petrarch_coder(void)
{
    const char *actors[] = {"actors.txt"};
    dyad_dict_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.dictionary_dir = dir;
    cfg.verbs = "verbs.txt";
    cfg.actors = actors;
    cfg.n_actors = 1;
    cfg.agents = "agents.txt";
    cfg.discards = "discards.txt";
    char err[512];
    dyad_coder *c = dyad_coder_new(&cfg, NULL, NULL, err, sizeof err);
    if (!c) printf("coder: %s\n", err);
    return c;
}

static const char *code_text(const char *text, char *out, size_t cap)
{
    char err[256];
    dyad_story *s = dyad_story_new("t", "1995-01-01", text, err, sizeof err);
    if (!s) { snprintf(out, cap, "error: %s", err); return out; }
    events_of(dyad_code(coder, s), out, cap);
    dyad_story_free(s);
    return out;
}

#define EXPECT(text, want) \
    do { char buf_[1024]; CHECK_STR(code_text(text, buf_, sizeof buf_), want); } while (0)

static void set(const char *name, const char *value)
{
    CHECK_INT(dyad_coder_set_option(coder, name, value), 0);
}

static void test_options(void)
{
    dyad_coder_options o;
    dyad_coder_get_options(coder, &o);
    /* PETRARCH's defaults with PETRARCH dictionaries. */
    CHECK_INT(o.require_dyad, 1);
    CHECK_INT(o.unknown_agents, 1);
    CHECK_INT(o.modal_intent, 0);
    CHECK_INT(o.comma_max, 8);
    /* Booleans read the way PETRARCH reads them; integers must be numbers. */
    set("require_dyad", "FALSE");
    set("comma_emax", "0");
    dyad_coder_get_options(coder, &o);
    CHECK_INT(o.require_dyad, 0);
    CHECK_INT(o.comma_emax, 0);
    CHECK_INT(dyad_coder_set_option(coder, "comma_min", "four"), -1);
    CHECK_INT(dyad_coder_set_option(coder, "no_such_option", "1"), -1);
    set("require_dyad", "True");
    set("comma_emax", "8");
    /* dyad's own defaults with the built-in dictionaries. */
    char err[256];
    dyad_coder *b = dyad_coder_new(NULL, NULL, NULL, err, sizeof err);
    CHECK(b != NULL);
    if (!b) return;
    dyad_coder_get_options(b, &o);
    CHECK_INT(o.require_dyad, 0);
    CHECK_INT(o.unknown_agents, 0);
    CHECK_INT(o.modal_intent, 1);
    CHECK_INT(o.comma_max, 0);               /* no clause is left out */
    CHECK_INT(o.comma_bmax, 0);
    CHECK_INT(o.comma_emax, 0);
    dyad_coder_free(b);
}

static void test_unknown_agents_and_require_dyad(void)
{
    /* An official of no named country is ---GOV. */
    EXPECT("A senior official criticized Gondor.", "---GOV>GON:111");
    set("unknown_agents", "false");
    EXPECT("A senior official criticized Gondor.", "");
    set("unknown_agents", "true");
    /* require_dyad: no event without a target. */
    EXPECT("Gondor attacked yesterday.", "");
    set("require_dyad", "false");
    /* Without it, a phrase after the verb that names no actor is the
     * unknown target; with no phrase there at all (a bare time word is
     * none) there is no event, as in PETRARCH's unit tests ("a senior
     * Bree official said today" codes nothing, "... said on Saturday"
     * codes BREGOV>---). */
    EXPECT("Gondor attacked the convoy.", "GON>-:190");
    EXPECT("Gondor attacked on Monday.", "GON>-:190");
    EXPECT("Gondor attacked yesterday.", "");
    EXPECT("Gondor attacked.", "");
    /* PETRARCH's comma_emax 8 leaves the 2-word terminal clause out. */
    EXPECT("Arnor criticized Gondor, officials said on Monday.", "ARN>GON:111");
    set("comma_emax", "0");
    /* A reported clause before "said" is what was said, not its target. */
    EXPECT("Arnor criticized Gondor, officials said on Monday.",
           "ARN>GON:111 ---GOV>-:023");
    EXPECT("Arnor criticized Gondor, officials said.", "ARN>GON:111");
    /* A name the parser split from its title still takes the title's agent. */
    EXPECT("Fornost and Gondor welcome a resumption of ties with Osgiliath after a 12-year "
           "rift, the primary official news agency WFNA said on Thursday.",
           "---GOV>-:023");
    set("comma_emax", "8");
    set("require_dyad", "true");
    EXPECT("Arnor criticized Gondor, officials said.", "ARN>GON:111");
    /* With require_dyad, the place of a verb with no other target is its target. */
    EXPECT("Gondor protested in Arnor.", "GON>ARN:141");
}

static void test_agents_of_countries(void)
{
    EXPECT("The government of Gondor criticized Arnor.", "GONGOV>ARN:111");
    EXPECT("Lawmakers in Gondor criticized Arnor.", "GONLEG>ARN:111");
    /* One event per country of a compound. */
    EXPECT("The ambassadors of Arnor and Gondor criticized Rohan.",
           "ARNGOV>ROH:111 GONGOV>ROH:111");
    /* A possessive country reaches its agent over a few words. */
    EXPECT("Gondor's first Deputy Prime Minister Telemar criticized Arnor.", "GONGOV>ARN:111");
    EXPECT("Gondor's awful and evil minister criticized Arnor.", "GONGOV>ARN:111");
    /* A named country is a better target than an official of none. */
    EXPECT("Arnor criticized Gondor after a rift, the official agency said.",
           "ARN>GON:111");
}

static void test_negation_and_modality_patterns(void)
{
    /* A pattern that spells out the negation codes the negated verb. */
    EXPECT("Arnor will not clash over the efforts of Gondor.", "ARN>GON:904");
    EXPECT("Arnor clashed over the efforts of Gondor.", "ARN>GON:121");
    /* Words joined by '_' (a synset among them) must be consecutive. */
    EXPECT("Arnor most certainly will not ever clash over the efforts of Gondor.",
           "ARN>GON:907");
    EXPECT("Arnor most certainly will not even ever clash over the efforts of Gondor.",
           "ARN>GON:904");
    /* Without such a pattern a negated verb is no event. */
    EXPECT("Arnor did not criticize Gondor.", "");
    /* PETRARCH codes a modal verb as the verb (modal_intent 0). */
    EXPECT("Arnor will attack Gondor.", "ARN>GON:190");
    /* dyad's rule makes a committed attack (190) a threat of one (1384). */
    set("modal_intent", "true");
    EXPECT("Arnor will attack Gondor.", "ARN>GON:1384");
    set("modal_intent", "false");
}

/* The object's own modifiers come before the verb's obliques, and an
 * oblique that says when is no target. */
static void test_target_order(void)
{
    /* An act is not renamed by an apposition the parser hangs on it. */
    EXPECT("The Calenardhon government condemned an attack by Osgiliath soldiers in south "
           "Ithilen on Thursday", "CALGOV>OSGMIL:122");
    EXPECT("Arnor restored ties with Gondor five years after Rohan crowds attacked its embassy.",
           "ARN>GON:064");
}

/* A pattern that puts "+" before the verb and "$" after it names the
 * roles itself, whatever the voice; a verb defined in two blocks keeps
 * the first block's code and both blocks' patterns. */
static void test_pattern_roles(void)
{
    EXPECT("Arnor released Gondor.", "ARN>GON:060");
    EXPECT("Rohanese soldiers were released from Gondor.", "GON>ROHMIL:066");
    EXPECT("Arnor accepted money from Osgiliath.", "OSG>ARN:071");
    EXPECT("Arnor accepted the offer of Osgiliath.", "ARN>OSG:080");
    EXPECT("An Ithilen soldier was wounded badly by Rohan.", "ROH>ITHMIL:183");
    EXPECT("Ithilen wounded Rohan.", "");         /* the first block's null code */
    /* "+" before the verb and no "$": the one who reports it is the source */
    EXPECT("Arnor noted that Gondor regretted the rift.", "ARN>GON:115");
}

/* A passive verb with no "by" phrase: the actor is where the act came
 * from ("from"); with PETRARCH's conventions (require_dyad) also the
 * place it happened ("in").  A passive that names no actor at all is
 * read as active with PETRARCH's conventions (modal_intent off), as its
 * unit tests ask; dyad's own reading makes the subject the target of an
 * unknown actor, which is no event. */
static void test_passive_source(void)
{
    EXPECT("Rohanese students were deported from Gondor.", "GON>ROHEDU:174");
    EXPECT("Rohanese students were deported by Gondor in Arnor.", "GON>ROHEDU:174");
    EXPECT("Rohanese students were deported in Arnor.", "ARN>ROHEDU:174");
    set("require_dyad", "false");
    EXPECT("Rohanese students were deported in Arnor.", "ROHEDU>-:174");
    set("require_dyad", "true");
    EXPECT("Arnor was criticized over its dispute with Gondor.", "ARN>GON:111");
    set("modal_intent", "true");
    EXPECT("Arnor was criticized over its dispute with Gondor.", "");
    set("modal_intent", "false");
}

/* A name after a title that has its country is the title's holder: the
 * country and the title make the code, whatever the name alone is. */
static void test_title_holder(void)
{
    EXPECT("Beregond criticized Rohan.", "GONMIL>ROH:111");
    EXPECT("Ithilen's minister Beregond criticized Rohan.", "ITHGOV>ROH:111");
    EXPECT("Ithilen's awful and evil minister Beregond criticized Rohan.", "ITHGOV>ROH:111");
}

/* PETRARCH's conventions: a clause after the verb whose subject is a
 * pronoun (the source again) gives the verb its target, the first actor
 * named in it; the pronoun itself is never the target. */
static void test_target_in_own_clause(void)
{
    EXPECT("Arnor said it has deep ties with Gondor.", "ARN>GON:023");
    EXPECT("Arnor said Rohan has deep ties with Gondor.", "ARN>ROH:023");
    set("modal_intent", "true");
    EXPECT("Arnor said it has deep ties with Gondor.", "");
    set("modal_intent", "false");
}

/* PETRARCH's conventions: an opening participle ("Criticized by Rohan,
 * Gondor ...") has no source before it and codes nothing; dyad's own
 * reading lends it the main clause's subject. */
static void test_opening_participle(void)
{
    set("comma_emax", "0");     /* else the main clause is a terminal one */
    EXPECT("Criticized by Rohan, Gondor restored ties with Arnor.", "GON>ARN:064");
    set("modal_intent", "true");
    EXPECT("Criticized by Rohan, Gondor restored ties with Arnor.",
           "ROH>GON:111 GON>ARN:064");
    set("modal_intent", "false");
    set("comma_emax", "8");
}

/* PETRARCH's conventions: no event in an adverbial clause of a verb that
 * codes one; dyad's own reading codes both. */
static void test_adverbial_clauses(void)
{
    EXPECT("Arnor restored ties with Gondor when Rohan criticized Osgiliath.",
           "ARN>GON:064");
    EXPECT("Arnor is about to restore ties with Gondor when Rohan criticized Osgiliath.",
           "ARN>GON:064");
    EXPECT("Arnor improved ties with Gondor when Rohan criticized Osgiliath.",
           "ROH>OSG:111");
    /* nor in one of a verb whose event the verb it complements codes */
    EXPECT("Arnor is said to restore ties with Gondor when Rohan criticized Osgiliath.",
           "ARN>GON:023");
    /* a clause the parser hangs on "said" without a conjunction stays */
    set("comma_emax", "0");
    set("require_dyad", "false");
    EXPECT("Arnor criticized Gondor, officials said on Monday.",
           "ARN>GON:111 ---GOV>-:023");
    set("require_dyad", "true");
    set("comma_emax", "8");
    set("modal_intent", "true");
    EXPECT("Arnor restored ties with Gondor when Rohan criticized Osgiliath.",
           "ARN>GON:064 ROH>OSG:111");
    set("modal_intent", "false");
}

/* The agents of a compound share the country named once: before the
 * first member ("Rohanese media and government"), or tied to the last
 * one ("lawmakers and officials in Arnor and Gondor"). */
static void test_compound_agents_share_country(void)
{
    EXPECT("Rohanese media and government criticized Gondor.", "ROHMED>GON:111 ROHGOV>GON:111");
    EXPECT("The Rohanese Islamist media and government criticized Gondor.",
           "ROHMUSMED>GON:111 ROHMUSGOV>GON:111");
    EXPECT("Lawmakers and officials in Arnor and Gondor criticized Rohan.",
           "ARNLEG>ROH:111 GONLEG>ROH:111 ARNGOV>ROH:111 GONGOV>ROH:111");
    /* an agent with a country of its own keeps it */
    EXPECT("Rohanese media and Gondor officials criticized Arnor.",
           "ROHMED>ARN:111 GONGOV>ARN:111");
}

/* Lists of actors: the serial comma, and words that modify a member;
 * a name after an adjective is the subject of a past form; a subject
 * that is no actor may have a conjunct that is one. */
static void test_compound_lists(void)
{
    EXPECT("Arnor, Rohan, and Gondor criticized Osgiliath.",
           "ARN>OSG:111 ROH>OSG:111 GON>OSG:111");
    EXPECT("Proud Arnor, the ancient Rohan, and brave Gondor criticized Osgiliath.",
           "ARN>OSG:111 ROH>OSG:111 GON>OSG:111");
    EXPECT("Brave Gondor criticized Osgiliath.", "GON>OSG:111");
    EXPECT("The horsemen and the brave Gondor criticized Osgiliath.", "GON>OSG:111");
    /* a member is named by its first actor: two in one phrase are one party */
    EXPECT("Rohan and the evil Arnor awful Gondor criticized Osgiliath.",
           "ROH>OSG:111 ARN>OSG:111");
    /* a possessor takes the conjuncts of its noun; with PETRARCH's
     * conventions a noun's "of" phrase names its party */
    EXPECT("Ithilen's sheep and goats of Gondor criticized Rohan.",
           "ITH>ROH:111 GON>ROH:111");
    set("modal_intent", "true");
    EXPECT("Ithilen's sheep and goats of Gondor criticized Rohan.", "ITH>ROH:111");
    set("modal_intent", "false");
    /* ", the ..." with no "and" after it is an apposition, not a list */
    EXPECT("Gondor criticized Arnor, the Rohanese ally.", "GON>ARN:111");
    /* ", and" before the subject of another verb ends a clause, not a list */
    EXPECT("Arnor criticized Gondor, and Rohan will attack Osgiliath.",
           "ARN>GON:111 ROH>OSG:190");
}

/* new_actor_length: noun phrases that name no actor become actors. */
static void test_new_actors(void)
{
    const char *text = "The old council has departed for the northern capital city.";
    EXPECT(text, "");
    set("new_actor_length", "4");
    EXPECT(text, "\"THE OLD COUNCIL\">\"THE NORTHERN CAPITAL CITY\":032 "
                 "\"THE NORTHERN CAPITAL CITY\">\"THE OLD COUNCIL\":033");
    /* a known actor is not replaced */
    EXPECT("The old council has departed for Gondor.",
           "\"THE OLD COUNCIL\">GON:032 GON>\"THE OLD COUNCIL\":033");
    /* a day is no actor */
    set("require_dyad", "false");
    EXPECT("The old council has departed on Monday.", "\"THE OLD COUNCIL\">-:032");
    set("require_dyad", "true");
    set("new_actor_length", "3");
    EXPECT(text, "");
    set("new_actor_length", "0");
}

/* When the parser makes a noun the root of a sentence with a verb, word
 * order codes it. */
static void test_noun_root_parse(void)
{
    EXPECT("Rohanese police arrested Rohanese students in Arnor today.", "ROHCOP>ROHEDU:212");
}

/* "^" passes over the noun phrase named right there. */
static void test_skip_element(void)
{
    EXPECT("Arnor celebrated Iftar in Osgiliath with Gondor.", "ARN>GON:045");
    /* after its preposition: "with Rohan" is skipped, the source follows */
    EXPECT("Arnor will celebrate Eid with Rohan in Gondor.", "GON>ARN:046");
}

/* A paired code "[032:033]": the target does the second to the source. */
static void test_paired_codes(void)
{
    EXPECT("Arnor arrived in Gondor on Monday.", "ARN>GON:032 GON>ARN:033");
}

/* A pattern's words before the verb may stand above its clause. */
static void test_words_before_the_verb(void)
{
    EXPECT("Arnor indicated it would act now with Gondor.", "ARN>GON:1010");
    EXPECT("Arnor will act with Gondor.", "ARN>GON:100");
}

static void test_compound_without_target(void)
{
    /* A second subject the parser gives the verb may name the actors. */
    EXPECT("Old foes Gondor and Arnor have restored ties after a long break.",
           "GON>ARN:064 ARN>GON:064");
    EXPECT("Arnor and Gondor agree that the dispute should be resolved.",
           "ARN>GON:030 GON>ARN:030");
}

/* "%" in a pattern: before the verb a compound source whose members act
 * on each other, after it a compound target. */
static void test_compound_patterns(void)
{
    EXPECT("Arnor and Gondor have delayed their meeting.", "ARN>GON:191 GON>ARN:191");
    EXPECT("Rohan agrees with Arnor and Gondor that the dispute should end.",
           "ROH>ARN:031 ROH>GON:031");
}

static void test_discards(void)
{
    char err[256];
    dyad_story *s = dyad_story_new("t", "1995-01-01", "Arnor criticized Gondor after a typhoon.",
                                   err, sizeof err);
    CHECK(s != NULL);
    if (!s) return;
    const dyad_result *r = dyad_code(coder, s);
    CHECK_INT(dyad_result_get_status(r), DYAD_DISCARDED);
    CHECK(strstr(dyad_result_discard_reason(r), "story discard") != NULL);
    CHECK(strstr(dyad_result_discard_reason(r), "typhoon") != NULL);
    dyad_story_free(s);
    /* A sentence discard drops its sentence; the story goes on. */
    s = dyad_story_new("t", "1995-01-01",
                       "Arnor criticized Gondor over baseball. Rohan criticized Arnor.", err,
                       sizeof err);
    CHECK(s != NULL);
    if (!s) return;
    r = dyad_code(coder, s);
    char buf[256];
    CHECK_INT(dyad_result_get_status(r), DYAD_CODED);
    CHECK_STR(events_of(r, buf, sizeof buf), "ROH>ARN:111");
    dyad_story_free(s);
    /* Every sentence discarded: the story is. */
    s = dyad_story_new("t", "1995-01-01", "Arnor criticized Gondor over baseball.", err,
                       sizeof err);
    CHECK(s != NULL);
    if (!s) return;
    r = dyad_code(coder, s);
    CHECK_INT(dyad_result_get_status(r), DYAD_DISCARDED);
    CHECK(strstr(dyad_result_discard_reason(r), "sentence discard \"baseball\"") != NULL);
    dyad_story_free(s);
}

/* <Config> settings in a petrarch-xml file apply, in file order, to the
 * records after them, through the same input and coder as `dyad code`. */
static void test_config_elements(void)
{
    write_file("records.xml",
               "<Sentences>\n"
               "<Sentence date=\"19950101\" id=\"A\"><Text>Gondor attacked the convoy.</Text></Sentence>\n"
               "<Config option=\"require_dyad\" value=\"false\"></Config>\n"
               "<Sentence date=\"19950101\" id=\"B\"><Text>Gondor attacked the convoy.</Text></Sentence>\n"
               "<Sentence date=\"19950101\" id=\"C\"><Text>Gondor attacked the convoy.</Text></Sentence>\n"
               "<Config option=\"require_dyad\" value=\"true\"></Config>\n"
               "<Sentence date=\"19950101\" id=\"D\"><Text>Gondor attacked the convoy.</Text></Sentence>\n"
               "</Sentences>\n");
    char path[128];
    snprintf(path, sizeof path, "%s/records.xml", dir);
    const char *paths[] = {path};
    dyad_input *in = dyad_input_open(paths, 1, DYAD_INPUT_PETRARCH_XML);
    const char *want[] = {"", "GON>-:190", "GON>-:190", ""};
    dyad_story *s;
    size_t k = 0;
    while (dyad_input_next(in, &s) == DYAD_STORY && k < 4) {
        char buf[256];
        CHECK_STR(events_of(dyad_code(coder, s), buf, sizeof buf), want[k]);
        k++;
    }
    CHECK_INT(k, 4);
    dyad_input_close(in);
    remove_file("records.xml");
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/dyad-petrarch-XXXXXX");
    if (!mkdtemp(dir)) { printf("petrarch: 0 passed, 1 failed\n"); return 1; }
    write_file("verbs.txt", verbs_txt);
    write_file("actors.txt", actors_txt);
    write_file("agents.txt", agents_txt);
    write_file("discards.txt", discards_txt);
    coder = petrarch_coder();
    char err[512];
    dyad_parser *p = dyad_parser_load(NULL, err, sizeof err);
    CHECK(coder != NULL && p != NULL);
    if (coder && p) {
        dyad_coder_use_parser(coder, p);
        RUN(test_options);
        RUN(test_unknown_agents_and_require_dyad);
        RUN(test_agents_of_countries);
        RUN(test_negation_and_modality_patterns);
        RUN(test_words_before_the_verb);
        RUN(test_target_order);
        RUN(test_paired_codes);
        RUN(test_skip_element);
        RUN(test_noun_root_parse);
        RUN(test_compound_without_target);
        RUN(test_compound_patterns);
        RUN(test_discards);
        RUN(test_config_elements);
        RUN(test_pattern_roles);
        RUN(test_passive_source);
        RUN(test_adverbial_clauses);
        RUN(test_title_holder);
        RUN(test_target_in_own_clause);
        RUN(test_opening_participle);
        RUN(test_compound_agents_share_country);
        RUN(test_new_actors);
        RUN(test_compound_lists);
    }
    dyad_coder_free(coder);
    dyad_parser_free(p);
    remove_file("verbs.txt");
    remove_file("actors.txt");
    remove_file("agents.txt");
    remove_file("discards.txt");
    rmdir(dir);
    return harness_report("petrarch");
}
