/* actors.c — see actors.h. */
#include "actors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deprel.h"
#include "key.h"
#include "tag.h"

#define MAX_PARTS 8
#define MAX_CODE 24

/* One dictionary phrase inside a mention. */
typedef struct part {
    noun_match m;
} part;

/* Room for one more mention in the list. */
static mention *list_push(mention_list *l)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 32;
        l->items = xrealloc(l->items, l->cap * sizeof *l->items);
    }
    mention *m = &l->items[l->n++];
    memset(m, 0, sizeof *m);
    m->antecedent = m->conj_next = m->conj_prev = -1;
    return m;
}

/* An unknown capitalised word inside a name ("Sergei" before "Lavrov"). */
static int is_name_word(const token *t)
{
    return t->kind == TOK_WORD && (t->flags & TOKF_CAPITALIZED) && t->pos == POS_PROPN;
}

/* Length of a run of unknown name words at i that ends right before a
 * dictionary phrase (at most two words), else 0. */
static size_t name_words_before_phrase(const dict *dc, const token *toks, size_t n, size_t i)
{
    noun_match m;
    for (size_t k = 0; k < 2 && i + k < n && is_name_word(&toks[i + k]); k++)
        if (i + k + 1 < n && dict_match_noun(dc, toks, n, i + k + 1, &m)) return k + 1;
    return 0;
}

/* May toks[k] stand between a possessive and its agent: a word or a
 * comma ("Ithilen's awful and evil minister", "Dagolath's first Deputy
 * Prime Minister")?  The tagger is not trusted with these adjectives. */
static int is_adjective_run_word(const token *t)
{
    return t->kind == TOK_WORD || strcmp(t->key, ",") == 0;
}

/* When toks[i] is a possessive 's and an agent follows it, perhaps after
 * a few adjectives, the tokens to skip to that agent, else 0: "Gondor's
 * government" is one mention, GONGOV, as "the Gondor government" is, and
 * so is "Dagolath's first Deputy Prime Minister". */
static size_t possessive_before_agent(const dict *dc, const token *toks, size_t n, size_t i)
{
    if (i + 1 >= n || toks[i].kind != TOK_POSSESSIVE) return 0;
    for (size_t j = i + 1; j < n && j < i + 5; j++) {
        noun_match m;
        /* the nearest agent: "Gondor's moderate opposition" is one agent */
        if (dict_match_noun(dc, toks, n, j, &m))
            return m.kind == NOUN_AGENT ? j - i : 0;
        if (!is_adjective_run_word(&toks[j])) return 0;
    }
    return 0;
}

/* Length of the run of unknown name words (at most three) at i. */
static size_t name_words_at(const token *toks, size_t n, size_t i)
{
    size_t k = 0;
    while (k < 3 && i + k < n && is_name_word(&toks[i + k])) k++;
    return k;
}

/* Matches the actor named by the words w1 (and w2, unless NULL) as if
 * they stood in the text, for a token that stands for them. */
static int match_words_as_one(const dict *dc, const char *w1, const char *w2, noun_match *m)
{
    token name[2];
    size_t n = w2 ? 2 : 1;
    memset(name, 0, sizeof name);
    name[0].key = w1;
    name[1].key = w2;
    for (size_t k = 0; k < n; k++) {
        name[k].kind = TOK_WORD;
        name[k].hash = key_hash(name[k].key, strlen(name[k].key));
    }
    if (!dict_match_noun(dc, name, n, 0, m) || m->n_tokens != n || m->kind != NOUN_ACTOR)
        return 0;
    m->n_tokens = 1;
    return 1;
}

/* "US" in capitals is the United States; the dictionaries leave the word
 * out, since match keys are case-folded and "us" is a pronoun.  In an
 * all-capitals line ("US TROOPS LEAVE") it stays ambiguous.  Matches the
 * dictionary's own "United States", if it has one. */
static int match_us_capitals(const dict *dc, const token *toks, size_t n, size_t i,
                             noun_match *m)
{
    const token *t = &toks[i];
    if (t->len != 2 || !(t->flags & TOKF_ALL_CAPS) || strcmp(t->key, "us") != 0) return 0;
    int prose = 0;   /* a neighbouring word in lower case */
    if (i > 0 && toks[i - 1].kind == TOK_WORD && !(toks[i - 1].flags & TOKF_ALL_CAPS)) prose = 1;
    if (i + 1 < n && toks[i + 1].kind == TOK_WORD && !(toks[i + 1].flags & TOKF_ALL_CAPS))
        prose = 1;
    if (!prose) return 0;
    return match_words_as_one(dc, "united", "states", m);
}

/* "Saudi-led forces", "US-led coalition": who leads is the actor.  (Not
 * "-backed" or "-based": a backer or a base is not the one who acts.) */
static int match_led_by(const dict *dc, const token *t, noun_match *m)
{
    static const char suffix[] = "-led";
    size_t len = strlen(t->key), sl = sizeof suffix - 1;
    if (!(t->flags & TOKF_HYPHENATED) || len <= sl || len - sl >= 48 ||
        strcmp(t->key + len - sl, suffix) != 0)
        return 0;
    char prefix[48];
    memcpy(prefix, t->key, len - sl);
    prefix[len - sl] = '\0';
    if (strchr(prefix, '-')) return 0;
    if (strcmp(prefix, "us") == 0) return match_words_as_one(dc, "united", "states", m);
    return match_words_as_one(dc, prefix, NULL, m);
}

/* Collects the phrases of one mention starting at i; returns tokens
 * covered.  A title with an unknown name after it takes the name in:
 * "German Foreign Minister Oskar Fischer" is one mention, GOV of DEU. */
static size_t collect_parts(const dict *dc, const token *toks, size_t n, size_t i,
                            part *parts, size_t *n_parts, size_t *name_words)
{
    size_t j = i;
    *n_parts = 0;
    while (j < n && *n_parts < MAX_PARTS) {
        noun_match m;
        if (dict_match_noun(dc, toks, n, j, &m) || match_us_capitals(dc, toks, n, j, &m) ||
            match_led_by(dc, &toks[j], &m)) {
            parts[(*n_parts)++].m = m;
            j += m.n_tokens;
            continue;
        }
        size_t skip = *n_parts ? name_words_before_phrase(dc, toks, n, j) : 0;
        if (!skip && *n_parts) skip = possessive_before_agent(dc, toks, n, j);
        if (!skip) break;
        j += skip;
    }
    *name_words = 0;
    if (*n_parts && parts[*n_parts - 1].m.kind == NOUN_AGENT) *name_words = name_words_at(toks, n, j);
    return j + *name_words - i;
}

/* Whether the code already holds the agent at a 3-letter boundary
 * (GMWGOV holds GOV, not WGO). */
static int holds_agent(const char *code, const char *agent)
{
    size_t nc = strlen(code), na = strlen(agent);
    for (size_t k = 0; k + na <= nc; k += 3)
        if (memcmp(code + k, agent, na) == 0) return 1;
    return 0;
}

/* Appends an agent code to an actor code, honouring prefix agents. */
static void add_agent(char *code, const char *agent, int is_prefix)
{
    if (strlen(code) + strlen(agent) >= MAX_CODE || holds_agent(code, agent)) return;
    size_t na = strlen(agent), nc = strlen(code);
    if (is_prefix) {
        memmove(code + na, code, nc + 1);
        memcpy(code, agent, na);
    } else {
        memcpy(code + nc, agent, na + 1);
    }
}

/* The actor with a code on the date among parts[0..end), rightmost
 * first, or -1; *code is set to its code. */
static int rightmost_actor(const dict *dc, const part *parts, size_t end, int yyyymmdd,
                           const char **code)
{
    for (size_t k = end; k-- > 0;) {
        if (parts[k].m.kind != NOUN_ACTOR) continue;
        const char *c = dict_actor_code(dc, parts[k].m.entry, yyyymmdd);
        if (c && strcmp(c, "---") == 0) c = NULL;  /* null code */
        if (c) { *code = c; return (int)k; }
    }
    return -1;
}

/* The code of a mention's parts: the rightmost actor with a code on the
 * date, with the agents of the phrase (add_agent).  A name after a title
 * that already has its actor ("Ithilen's minister Calimehtar", "Hamas
 * leader Ismail Haniyeh") is the holder of that title: the actor before
 * the title gives the code, whatever else the name is coded; the name
 * stays the head (*head). */
static const char *parts_code(arena *a, const dict *dc, const part *parts, size_t n_parts,
                              int yyyymmdd, int unknown_agents, int *head,
                              uint8_t *head_agent_len)
{
    *head_agent_len = 0;
    const char *actor_code = NULL;
    *head = -1;
    *head = rightmost_actor(dc, parts, n_parts, yyyymmdd, &actor_code);
    if (*head > 0 && parts[*head - 1].m.kind == NOUN_AGENT) {
        /* the name stays the head: it is the person "he" may refer to */
        const char *before = NULL;
        if (rightmost_actor(dc, parts, (size_t)*head - 1, yyyymmdd, &before) >= 0)
            actor_code = before;
    }
    if (!actor_code && !unknown_agents) return NULL;
    char code[MAX_CODE];
    snprintf(code, sizeof code, "%s", actor_code ? actor_code : "---");
    for (size_t k = 0; k < n_parts; k++) {
        if (parts[k].m.kind != NOUN_AGENT) continue;
        int is_prefix = 0;
        const char *agent = dict_agent_code(dc, parts[k].m.entry, &is_prefix);
        if (!agent || !*agent) continue;
        size_t before = strlen(code);
        add_agent(code, agent, is_prefix);
        if (!is_prefix && strlen(code) > before) *head_agent_len = (uint8_t)(strlen(code) - before);
    }
    if (!actor_code && strcmp(code, "---") == 0) return NULL;   /* no agent with a code */
    return arena_strdup(a, code);
}

/* The agent codes of a phrase with no actor ("GOV", "LEG"), or NULL;
 * *prefix is set when the first is a prefix agent. */
static const char *parts_agents(arena *a, const dict *dc, const part *parts, size_t n_parts,
                                uint8_t *prefix)
{
    char code[MAX_CODE] = "";
    *prefix = 0;
    for (size_t k = 0; k < n_parts; k++) {
        if (parts[k].m.kind != NOUN_AGENT) continue;
        int is_prefix = 0;
        const char *agent = dict_agent_code(dc, parts[k].m.entry, &is_prefix);
        if (!agent || !*agent) continue;
        if (!*code) *prefix = (uint8_t)is_prefix;
        add_agent(code, agent, 0);
    }
    return *code ? arena_strdup(a, code) : NULL;
}

/* True when the token before position i (skipping one determiner) is a
 * preposition: "to Beijing", "with the Kremlin". */
/* Words that place a name within its country or region ("in central
 * Baghdad", "to southern Lebanon"); the lexical tagger that runs before
 * actor recognition does not know them as adjectives. */
static int is_direction_word(const token *t)
{
    static const char *const words[] = {
        "central", "northern", "southern", "eastern", "western", "north", "south", "east",
        "west", "northeastern", "northwestern", "southeastern", "southwestern", "northeast",
        "northwest", "southeast", "southwest", "downtown", "rural", "coastal", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(t->key, *w) == 0) return 1;
    return 0;
}

/* The token before mention start i, over direction words and one article:
 * "in central Baghdad", "to the south of". */
static size_t word_before_phrase(const token *toks, size_t i)
{
    size_t k = i - 1;
    while (k > 0 && is_direction_word(&toks[k]) && !(toks[k].flags & TOKF_CAPITALIZED)) k--;
    if (toks[k].pos == POS_DET && k > 0) k--;
    return k;
}

static int follows_preposition(const token *toks, size_t i)
{
    if (i == 0) return 0;
    size_t k = word_before_phrase(toks, i);
    /* "thousands of Iraqis": the group is what it holds */
    if (k > 0 && strcmp(toks[k].key, "of") == 0 && tag_is_partitive(&toks[k - 1])) return 0;
    if (toks[k].pos == POS_ADP) return 1;
    return strcmp(toks[k].key, "to") == 0;
}

/* True when the preposition before position i says where: "in Athens". */
static int follows_locative(const token *toks, size_t i)
{
    static const char *const words[] = {"in", "at", "near", "inside", "outside", "across", NULL};
    if (i == 0) return 0;
    size_t k = word_before_phrase(toks, i);
    for (const char *const *w = words; *w; w++)
        if (strcmp(toks[k].key, *w) == 0) return 1;
    return 0;
}

/* Does a person's name only modify something else: a possessor
 * ("Lavrov's visit"), or a name between "a" and a noun ("a possible Putin
 * visit to China")?  Such a name is no antecedent for "he". */
static int names_a_modifier(const doc *d, const mention *m)
{
    if (m->possessive) return 1;
    const sentence *se = &d->sents[m->sent];
    uint32_t k = m->first;
    if (k > se->first_token && d->tokens[k - 1].pos == POS_ADJ) k--;
    return k > se->first_token &&
           (strcmp(d->tokens[k - 1].key, "a") == 0 || strcmp(d->tokens[k - 1].key, "an") == 0);
}

static int can_be_antecedent(const doc *d, const mention *m)
{
    return m->is_person && !m->is_pronoun && m->code && !names_a_modifier(d, m);
}

/* The antecedent of "he" or "she" at token `at` of sentence `sent`: the
 * nearest earlier person mention (this sentence or the one before, and
 * among the last 50 mentions, which keeps long inputs linear); but a
 * pronoun that opens its sentence is its subject, and a subject most
 * often goes on from the person the sentence before was about: the first
 * person named there outside a prepositional phrase ("Putin met Xi. He
 * said ..." is Putin). */
static int find_antecedent(const doc *d, const mention_list *l, size_t before, uint32_t sent,
                           uint32_t at)
{
    size_t floor = before > 50 ? before - 50 : 0;
    int nearest = -1, first_prev = -1;
    for (size_t k = before; k-- > floor;) {
        const mention *m = &l->items[k];
        if (m->sent + 1 < sent) break;
        if (!can_be_antecedent(d, m)) continue;
        if (nearest < 0) nearest = (int)k;
        if (m->sent + 1 == sent && !m->after_preposition) first_prev = (int)k;
    }
    int opens_sentence = at == d->sents[sent].first_token;
    return opens_sentence && first_prev >= 0 ? first_prev : nearest;
}

static void add_pronoun(mention_list *l, const doc *d, size_t s, size_t i)
{
    mention *m = list_push(l);
    m->first = d->sents[s].first_token + (uint32_t)i;
    m->n = 1;
    m->sent = (uint32_t)s;
    m->is_person = m->is_pronoun = 1;
    m->antecedent = find_antecedent(d, l, l->n - 1, (uint32_t)s, m->first);
    if (m->antecedent >= 0) m->code = l->items[m->antecedent].code;
}

/* A lower-case word that may modify the name after it ("the awful
 * Fornost"): not a verb or a function word (the lexical tags of tag.h
 * do not tell all adjectives from nouns). */
static int is_plain_modifier(const dict *dc, const token *toks, size_t n, size_t k)
{
    const token *t = &toks[k];
    verb_match vm;
    if (t->kind != TOK_WORD || (t->flags & TOKF_CAPITALIZED) ||
        dict_match_verb(dc, toks, n, k, &vm))
        return 0;
    switch (t->pos) {
    case POS_VERB: case POS_AUX: case POS_ADP: case POS_PRON: case POS_CCONJ:
    case POS_SCONJ: case POS_DET: case POS_PART: case POS_PUNCT:
        return 0;
    default:
        return 1;
    }
}

/* The joint between two mentions of a list, tokens [gap, end): "and",
 * ",", ", and" (the serial comma), then perhaps the determiner and
 * adjectives of the next member ("Evil Mordor, the awful Fornost, and
 * good Gondor").  Returns 2 for a joint with "and", 1 for a bare comma,
 * 0 for anything else. */
static int compound_joint(const dict *dc, const token *all, size_t n_all, uint32_t gap,
                          uint32_t end)
{
    uint32_t k = gap;
    int comma = 0, and = 0;
    if (k < end && strcmp(all[k].key, ",") == 0) { comma = 1; k++; }
    if (k < end && strcmp(all[k].key, "and") == 0) { and = 1; k++; }
    if (!comma && !and) return 0;
    int det = k < end && all[k].pos == POS_DET;
    k += (uint32_t)det;
    for (int words = 0; k < end && words < 3 && is_plain_modifier(dc, all, n_all, k); words++)
        k++;
    if (k != end) return 0;
    return and ? 2 : det ? 3 : 1;
}

/* Links mentions separated only by "and" (or "," in a list) as compounds. */
static void link_compounds(const dict *dc, mention_list *l, size_t from, const token *all,
                           size_t n_all)
{
    int next_joint = 0;
    for (size_t k = l->n; k-- > from + 1;) {        /* right to left: the next joint is known */
        mention *a = &l->items[k - 1], *b = &l->items[k];
        int joint = compound_joint(dc, all, n_all, a->first + a->n, b->first);
        /* "Gondor, officials said": a comma before or after an official of
         * no named country ends a clause more often than it lists actors. */
        int comma_ok = !(!a->has_actor && a->agents) && !(!b->has_actor && b->agents);
        /* "Osgiliath, the state's foe" is an apposition; ", the awful
         * Fornost, and" is a list, as the "and" after it shows */
        int listed = joint == 2 || (joint == 1 && comma_ok) ||
                     (joint == 3 && comma_ok && next_joint == 2);
        next_joint = listed ? joint : 0;
        if (joint == 3 && listed) next_joint = 2;   /* a longer list keeps going */
        if (listed) {
            a->conj_next = (int)k;
            b->conj_prev = (int)(k - 1);
        }
    }
}

/* Is mention m an agent with no country: a phrase of agents only
 * ("the government", "lawmakers"), with its agents' codes in *agents? */
static int agent_only(const mention *m)
{
    return !m->has_actor && m->agents && *m->agents;
}

/* Is toks[k] a preposition that ties an agent to its country: "the
 * government of Gondor", "lawmakers in Fornost", "soldiers from Gondor",
 * "students across Gondor"? */
static int is_agent_link(const token *t)
{
    return strcmp(t->key, "of") == 0 || strcmp(t->key, "in") == 0 ||
           strcmp(t->key, "from") == 0 || strcmp(t->key, "throughout") == 0 ||
           strcmp(t->key, "across") == 0;
}

/* Does the link only say where ("in", "throughout", "across"), so that a
 * prefix agent (peacekeepers, IGO~) is not of the country? */
static int is_place_link(const token *t)
{
    return strcmp(t->key, "in") == 0 || strcmp(t->key, "throughout") == 0 ||
           strcmp(t->key, "across") == 0;
}

/* The code of country code `country` with the agents of an agent-only
 * mention ("GON" + "GOV" = GONGOV; "officials in Beijing" is CHNGOV, which
 * holds GOV already). */
static const char *country_agent_code(arena *a, const char *country, const mention *agent)
{
    char code[MAX_CODE];
    snprintf(code, sizeof code, "%s", country);
    add_agent(code, agent->agents, agent->agents_prefix);
    return arena_strdup(a, code);
}

/* The countries of mentions first..last (a compound joined by conj_next)
 * with the agents of `agent`, as a coded compound "FORGOV/GONGOV". */
static const char *countries_with_agents(arena *a, const mention_list *l, size_t first,
                                         size_t last, const mention *agent)
{
    char code[256] = "";
    for (size_t j = first; j < l->n; j = (size_t)l->items[j].conj_next) {
        const mention *cj = &l->items[j];
        if (!cj->code || strlen(code) + strlen(cj->code) + 24 >= sizeof code) break;
        if (*code) strcat(code, "/");
        strcat(code, country_agent_code(a, cj->code, agent));
        if (j == last || cj->conj_next < 0) break;
    }
    return arena_strdup(a, code);
}

/* "Lawmakers and officials in Fornost and Gondor": the countries tied to
 * mention k (items first..last) belong to the agent-only mentions
 * compounded before it too (FORLEG/GONLEG). */
static void share_countries_backward(arena *a, mention_list *l, size_t k, size_t from,
                                     size_t first, size_t last)
{
    for (int p = l->items[k].conj_prev; p >= (int)from; p = l->items[p].conj_prev) {
        mention *prev = &l->items[p];
        if (!agent_only(prev)) break;
        prev->code = countries_with_agents(a, l, first, last, prev);
        prev->has_actor = 1;
    }
}

/* "Danish media and government": an agent-only mention compounded after
 * an actor with agents takes that actor's words but its head agent
 * (DNKMED, DNKGOV; "the Danish Islamist media and government" DNKMUSMED,
 * DNKMUSGOV), as TABARI forwards the adjectives of a compound. */
static void forward_adjectives(arena *a, mention_list *l, size_t from)
{
    for (size_t k = from; k < l->n; k++) {
        mention *m = &l->items[k];
        if (!agent_only(m) || m->conj_prev < (int)from || m->agents_prefix) continue;
        const mention *lead = &l->items[m->conj_prev];
        if (!lead->has_actor || !lead->code || !lead->head_agent_len ||
            strchr(lead->code, '/'))
            continue;
        char code[MAX_CODE];
        size_t keep = strlen(lead->code) - lead->head_agent_len;
        if (keep + strlen(m->agents) >= sizeof code) continue;
        memcpy(code, lead->code, keep);
        strcpy(code + keep, m->agents);
        m->code = arena_strdup(a, code);
        m->has_actor = 1;
        m->head_agent_len = (uint8_t)strlen(m->agents);
    }
}

/* PETRARCH's agent of a country: an agent-only mention followed by "of",
 * "in" or "from" and a country (or a compound of countries) takes their
 * codes, one per country ("the ambassadors of Arnor, Osgiliath and
 * Gondor" is ARNGOV/OSGGOV/GONGOV, a coded compound), and the countries
 * become part of its mention.  Mentions k.. of the list are the
 * sentence's. */
static void tie_agents_to_countries(arena *a, mention_list *l, size_t from, const token *all)
{
    for (size_t k = from; k + 1 < l->n; k++) {
        mention *m = &l->items[k];
        const mention *c = &l->items[k + 1];
        uint32_t gap = m->first + m->n;
        if (!agent_only(m) || !c->has_actor || !c->code || c->is_pronoun) continue;
        if (!(c->first == gap + 1 || (c->first == gap + 2 && all[gap + 1].pos == POS_DET)))
            continue;
        if (!is_agent_link(&all[gap])) continue;
        /* peacekeepers "in" a country are foreign by definition */
        if (is_place_link(&all[gap]) && m->agents_prefix) continue;
        size_t last = k + 1;
        for (size_t j = k + 1; j < l->n && l->items[j].code; j = (size_t)l->items[j].conj_next) {
            last = j;
            if (l->items[j].conj_next < 0) break;
        }
        share_countries_backward(a, l, k, from, k + 1, last);
        const mention *end = &l->items[last];
        m->n = end->first + end->n - m->first;
        m->code = countries_with_agents(a, l, k + 1, last, m);
        m->has_actor = 1;
        m->conj_next = end->conj_next;
        if (m->conj_next >= 0) l->items[m->conj_next].conj_prev = (int)k;
        size_t gone = last - k;
        memmove(&l->items[k + 1], &l->items[last + 1], (l->n - last - 1) * sizeof *l->items);
        l->n -= gone;
        for (size_t j = from; j < l->n; j++) {
            mention *x = &l->items[j];
            if (x->conj_next > (int)last) x->conj_next -= (int)gone;
            if (x->conj_prev > (int)last) x->conj_prev -= (int)gone;
            if (x->antecedent > (int)last) x->antecedent -= (int)gone;
            else if (x->antecedent > (int)k) x->antecedent = (int)k;
        }
    }
}

/* "the Russian diplomat", "the Chinese president": a description of a
 * person named shortly before with the same code (a country with a role:
 * RUSGOV), who it stands for; -1 when there is none.  Only a country and
 * agents make a description (the person's own name is no description). */
static int described_person(const doc *d, const mention_list *l, size_t self, const mention *m)
{
    if (!m->code || m->is_person || strlen(m->code) <= 3 || strchr(m->code, '/')) return -1;
    size_t floor = self > 50 ? self - 50 : 0;
    for (size_t k = self; k-- > floor;) {
        const mention *p = &l->items[k];
        if (p->sent + 2 < m->sent) break;
        if (p->is_person && !p->is_pronoun && p->code && strcmp(p->code, m->code) == 0 &&
            !names_a_modifier(d, p))
            return (int)k;
    }
    return -1;
}

/* ---- "the two" ---- */

/* Nouns that "the two" or "both" name a pair of actors with. */
static int is_pair_noun(const token *t)
{
    static const char *const words[] = {
        "leaders", "men", "women", "sides", "countries", "nations", "states", "ministers",
        "presidents", "governments", "neighbours", "neighbors", "powers", "diplomats",
        "officials", "allies", "rivals", "parties", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcmp(t->key, *w) == 0) return 1;
    return 0;
}

/* Length of a phrase at toks[i] that names two actors named before: "the
 * two" (as a subject: not before another noun, "the two days"), "the two
 * leaders", "both sides"; 0 when there is none. */
static size_t pair_phrase(const token *toks, size_t n, size_t i)
{
    int the_two = i + 1 < n && strcmp(toks[i].key, "the") == 0 &&
                  strcmp(toks[i + 1].key, "two") == 0;
    if (!the_two && strcmp(toks[i].key, "both") != 0) return 0;
    size_t k = i + (the_two ? 2 : 1);
    if (k < n && is_pair_noun(&toks[k])) return k + 1 - i;
    if (!the_two || k >= n) return 0;
    /* "the two met", "the two last met": a verb or an adverb follows; a
     * plural noun makes "the two" a number ("the two days"), and a
     * subject's verb after "the two" takes no -s (the lexical tags of
     * tag.h do not tell "met" from a noun) */
    const token *t = &toks[k];
    size_t len = t->key ? strlen(t->key) : 0;
    if (t->kind != TOK_WORD || (t->flags & TOKF_CAPITALIZED) || t->pos == POS_NUM ||
        (len > 2 && t->key[len - 1] == 's' && t->key[len - 2] != 's'))
        return 0;
    return 2;
}

/* The two actors "the two" stands for: the last compound of two named in
 * this sentence or the one before ("Lavrov and Xi met ... The two last
 * met in 2018"), as a coded compound "RUSGOV/CHNGOV"; NULL when none. */
static const char *pair_code(arena *a, const mention_list *l, size_t before, uint32_t sent)
{
    size_t floor = before > 50 ? before - 50 : 0;
    for (size_t k = before; k-- > floor;) {
        const mention *m = &l->items[k];
        if (m->sent + 1 < sent) break;
        if (m->conj_prev < 0 || !m->code || strchr(m->code, '/')) continue;
        const mention *p = &l->items[m->conj_prev];
        if (p->conj_prev >= 0 || !p->code || strchr(p->code, '/') ||
            strcmp(p->code, m->code) == 0)
            continue;
        size_t len = strlen(p->code) + strlen(m->code) + 2;
        char *code = arena_alloc(a, len);
        snprintf(code, len, "%s/%s", p->code, m->code);
        return code;
    }
    return NULL;
}

size_t actors_find(arena *a, const dict *dc, const doc *d, size_t s, int yyyymmdd,
                   int unknown_agents, mention_list *list)
{
    const sentence *sent = &d->sents[s];
    const token *toks = d->tokens + sent->first_token;
    size_t n = sent->n_tokens, first_new = list->n;
    for (size_t i = 0; i < n;) {
        if (tag_is_personal_pronoun(&toks[i]) && toks[i].pos == POS_PRON &&
            (strcmp(toks[i].key, "he") == 0 || strcmp(toks[i].key, "she") == 0)) {
            add_pronoun(list, d, s, i++);
            continue;
        }
        size_t pair = pair_phrase(toks, n, i);
        const char *pair_codes = pair ? pair_code(a, list, list->n, (uint32_t)s) : NULL;
        if (pair_codes) {
            mention *m = list_push(list);
            m->first = sent->first_token + (uint32_t)i;
            m->n = (uint32_t)pair;
            m->sent = (uint32_t)s;
            m->code = pair_codes;
            m->has_actor = 1;
            i += pair;
            continue;
        }
        part parts[MAX_PARTS];
        size_t n_parts, name_words;
        size_t len = collect_parts(dc, toks, n, i, parts, &n_parts, &name_words);
        if (!len) { i++; continue; }
        mention *m = list_push(list);
        int head;
        m->first = sent->first_token + (uint32_t)i;
        m->n = (uint32_t)len;
        m->sent = (uint32_t)s;
        m->code = parts_code(a, dc, parts, n_parts, yyyymmdd, unknown_agents, &head,
                             &m->head_agent_len);
        /* A title with a name ("King Abdullah in Tel Aviv") is a person,
         * not an agent of the country named after it, unless "of" ties
         * the two: "King Hassan of Morocco", "President Kim of South
         * Korea". */
        if (head < 0 && (!name_words || (i + len < n && strcmp(toks[i + len].key, "of") == 0)))
            m->agents = parts_agents(a, dc, parts, n_parts, &m->agents_prefix);
        if (head >= 0) {
            m->has_actor = 1;
            m->head_actor = parts[head].m.entry;
            m->is_person = (uint8_t)dict_actor_is_person(dc, m->head_actor);
        }
        m->after_preposition = (uint8_t)follows_preposition(toks, i);
        m->locative = (uint8_t)follows_locative(toks, i);
        if (i > 0 && strcmp(toks[i - 1].key, "the") == 0 && head >= 0)
            m->antecedent = described_person(d, list, list->n - 1, m);
        m->possessive = (uint8_t)(i + len < n && toks[i + len].kind == TOK_POSSESSIVE);
        i += len;
    }
    link_compounds(dc, list, first_new, d->tokens, sent->first_token + n);
    tie_agents_to_countries(a, list, first_new, d->tokens);
    forward_adjectives(a, list, first_new);
    return first_new;
}

/* ---- new actors from noun phrases ---- */

/* Does the noun phrase headed by sentence token h stand in an argument
 * position (subject, object, oblique)? */
static int heads_argument(const token *t)
{
    if (t->pos != POS_NOUN && t->pos != POS_PROPN) return 0;
    return t->rel == DEP_NSUBJ || t->rel == DEP_NSUBJ_PASS || t->rel == DEP_OBJ ||
           t->rel == DEP_IOBJ || t->rel == DEP_OBL;
}

/* Is token k (sentence-relative) inside the subtree of h? */
static int descends_from(const token *toks, size_t n, int k, int h)
{
    for (size_t steps = 0; k >= 0 && steps <= n; steps++) {
        if (k == h) return 1;
        k = toks[k].head;
    }
    return 0;
}

/* The words of the noun phrase headed by h: its subtree's contiguous span
 * [*lo, *hi) without the preposition and punctuation at its edges; 0
 * when the subtree has a gap or holds a verb. */
static int noun_phrase_span(const token *toks, size_t n, int h, size_t *lo, size_t *hi)
{
    size_t l = (size_t)h, r = (size_t)h + 1;
    while (l > 0 && descends_from(toks, n, (int)l - 1, h)) l--;
    while (r < n && descends_from(toks, n, (int)r, h)) r++;
    for (size_t k = l; k < r; k++) {
        if (!descends_from(toks, n, (int)k, h) || toks[k].pos == POS_VERB) return 0;
    }
    while (l < r && (toks[l].rel == DEP_CASE || toks[l].rel == DEP_PUNCT)) l++;
    while (r > l && toks[r - 1].rel == DEP_PUNCT) r--;
    *lo = l;
    *hi = r;
    return r > l;
}

/* The new actor's code: '"' WORDS IN CAPITALS '"', or NULL when the phrase
 * has more than max_words words. */
static const char *new_actor_code(arena *a, const doc *d, const token *toks, size_t lo,
                                  size_t hi, size_t max_words)
{
    size_t words = 0, len = 2;
    for (size_t k = lo; k < hi; k++) {
        if (toks[k].kind != TOK_WORD) continue;
        words++;
        len += toks[k].len + 1;
    }
    if (words == 0 || words > max_words) return NULL;
    char *code = arena_alloc(a, len + 1), *p = code;
    *p++ = '"';
    for (size_t k = lo; k < hi; k++) {
        if (toks[k].kind != TOK_WORD) continue;
        if (p > code + 1) *p++ = ' ';
        for (uint32_t b = 0; b < toks[k].len; b++) {
            char ch = d->clean[toks[k].start + b];
            *p++ = (ch >= 'a' && ch <= 'z') ? (char)(ch - 'a' + 'A') : ch;
        }
    }
    *p++ = '"';
    *p = '\0';
    return code;
}

/* The head of the argument that starts at token `at`, when it has the
 * same head and relation as h; n otherwise. */
static size_t next_same_argument(const token *toks, size_t n, size_t h, size_t at)
{
    for (size_t k = at; k < n && descends_from(toks, n, (int)k, toks[h].head); k++) {
        if (toks[k].head == toks[h].head && toks[k].rel == toks[h].rel &&
            heads_argument(&toks[k]))
            return k;
        if (toks[k].head == toks[h].head) return n;
    }
    return n;
}

/* Are the words of [lo, hi) all names of days, months or "today"-like
 * words?  "on Wednesday" says when, it names no one. */
static int all_time_words(const token *toks, size_t lo, size_t hi)
{
    static const char *const words[] = {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "today", "yesterday",
        "tomorrow", "tonight", "week", "month", "year", "day", "morning", "evening",
        "night", "last", "next", "this", "the", "a", NULL};
    for (size_t k = lo; k < hi; k++) {
        if (toks[k].kind != TOK_WORD) continue;
        int found = 0;
        for (size_t w = 0; words[w] && !found; w++) found = strcmp(toks[k].key, words[w]) == 0;
        if (!found) return 0;
    }
    return 1;
}

/* Does any mention first.. of the list cover a token of [lo, hi)
 * (document positions)? */
static int overlaps_mention(const mention_list *l, size_t first, uint32_t lo, uint32_t hi)
{
    for (size_t k = first; k < l->n; k++) {
        const mention *m = &l->items[k];
        if (m->first < hi && m->first + m->n > lo) return 1;
    }
    return 0;
}

/* Puts mentions first.. back in text order, renumbering the links among
 * them (links to earlier sentences' mentions are below first and stay). */
static void sort_sentence_mentions(mention_list *l, size_t first)
{
    size_t n = l->n - first;
    if (n < 2) return;
    size_t *order = xmalloc(n * sizeof *order), *where = xmalloc(n * sizeof *where);
    for (size_t k = 0; k < n; k++) order[k] = first + k;
    for (size_t k = 1; k < n; k++) {          /* insertion sort: few, nearly sorted */
        size_t v = order[k], j = k;
        for (; j > 0 && l->items[order[j - 1]].first > l->items[v].first; j--)
            order[j] = order[j - 1];
        order[j] = v;
    }
    for (size_t k = 0; k < n; k++) where[order[k] - first] = first + k;
    mention *sorted = xmalloc(n * sizeof *sorted);
    for (size_t k = 0; k < n; k++) {
        mention m = l->items[order[k]];
        if (m.conj_next >= (int)first) m.conj_next = (int)where[m.conj_next - (int)first];
        if (m.conj_prev >= (int)first) m.conj_prev = (int)where[m.conj_prev - (int)first];
        if (m.antecedent >= (int)first) m.antecedent = (int)where[m.antecedent - (int)first];
        sorted[k] = m;
    }
    memcpy(&l->items[first], sorted, n * sizeof *sorted);
    free(sorted);
    free(where);
    free(order);
}

void actors_add_new(arena *a, const doc *d, size_t s, size_t max_words, mention_list *list,
                    size_t first)
{
    const sentence *sent = &d->sents[s];
    if (!sent->parsed || max_words == 0) return;
    const token *toks = d->tokens + sent->first_token;
    size_t n = sent->n_tokens, before = list->n;
    for (size_t h = 0; h < n; h++) {
        size_t lo, hi;
        if (!heads_argument(&toks[h]) || !noun_phrase_span(toks, n, (int)h, &lo, &hi)) continue;
        /* "head Minerva McGonagall" parsed as two subjects of one verb
         * is one phrase */
        size_t h2, lo2, hi2;
        while ((h2 = next_same_argument(toks, n, h, hi)) < n &&
               noun_phrase_span(toks, n, (int)h2, &lo2, &hi2) && lo2 == hi) {
            hi = hi2;
            h = h2;
        }
        if (lo > 0 && toks[lo - 1].kind == TOK_PUNCT) continue;   /* an apposition */
        if (all_time_words(toks, lo, hi)) continue;
        uint32_t dlo = sent->first_token + (uint32_t)lo, dhi = sent->first_token + (uint32_t)hi;
        if (overlaps_mention(list, first, dlo, dhi)) continue;
        const char *code = new_actor_code(a, d, toks, lo, hi, max_words);
        if (!code) continue;
        mention *m = list_push(list);
        m->first = dlo;
        m->n = dhi - dlo;
        m->sent = (uint32_t)s;
        m->code = code;
        m->after_preposition = (uint8_t)(lo > 0 && toks[lo - 1].rel == DEP_CASE);
    }
    if (list->n > before) sort_sentence_mentions(list, first);
}
