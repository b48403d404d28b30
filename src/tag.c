/* tag.c — see tag.h.  The closed-class table is kept sorted for reading;
 * look-ups go through a hash table on token.hash. */
#include "tag.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "key.h"

typedef struct { const char *word; uint8_t pos; } lex_entry;

/* Closed-class English words and their usual tag, and the most frequent
 * adjectives of news copy (sorted by word, for bsearch). */
static const lex_entry closed_class[] = {
    {"'d", POS_AUX}, {"'ll", POS_AUX}, {"'m", POS_AUX}, {"'re", POS_AUX}, {"'s", POS_PART},
    {"'ve", POS_AUX}, {"a", POS_DET}, {"about", POS_ADP}, {"above", POS_ADP},
    {"across", POS_ADP}, {"after", POS_ADP}, {"against", POS_ADP}, {"all", POS_DET},
    {"along", POS_ADP}, {"also", POS_ADV}, {"although", POS_SCONJ}, {"am", POS_AUX},
    {"among", POS_ADP}, {"an", POS_DET}, {"and", POS_CCONJ}, {"another", POS_DET},
    {"any", POS_DET}, {"are", POS_AUX}, {"around", POS_ADP}, {"as", POS_ADP},
    {"at", POS_ADP}, {"bad", POS_ADJ}, {"be", POS_AUX}, {"because", POS_SCONJ},
    {"been", POS_AUX}, {"before", POS_ADP}, {"behind", POS_ADP}, {"being", POS_AUX},
    {"below", POS_ADP}, {"between", POS_ADP}, {"big", POS_ADJ}, {"both", POS_DET},
    {"but", POS_CCONJ}, {"by", POS_ADP}, {"can", POS_AUX}, {"certain", POS_ADJ},
    {"clear", POS_ADJ}, {"close", POS_ADJ}, {"could", POS_AUX}, {"did", POS_AUX},
    {"direct", POS_ADJ}, {"do", POS_AUX}, {"does", POS_AUX}, {"domestic", POS_ADJ},
    {"during", POS_ADP}, {"each", POS_DET}, {"early", POS_ADJ}, {"either", POS_DET},
    {"even", POS_ADV}, {"every", POS_DET}, {"few", POS_ADJ}, {"first", POS_ADJ},
    {"for", POS_ADP}, {"foreign", POS_ADJ}, {"former", POS_ADJ}, {"free", POS_ADJ},
    {"from", POS_ADP}, {"full", POS_ADJ}, {"further", POS_ADV}, {"global", POS_ADJ},
    {"good", POS_ADJ}, {"great", POS_ADJ}, {"had", POS_AUX}, {"has", POS_AUX},
    {"have", POS_AUX}, {"having", POS_AUX}, {"he", POS_PRON}, {"her", POS_PRON},
    {"hers", POS_PRON}, {"herself", POS_PRON}, {"high", POS_ADJ}, {"him", POS_PRON},
    {"himself", POS_PRON}, {"his", POS_PRON}, {"however", POS_ADV}, {"i", POS_PRON},
    {"if", POS_SCONJ}, {"in", POS_ADP}, {"indeed", POS_ADV}, {"into", POS_ADP},
    {"is", POS_AUX}, {"it", POS_PRON}, {"its", POS_PRON}, {"itself", POS_PRON},
    {"joint", POS_ADJ}, {"junior", POS_ADJ}, {"just", POS_ADV}, {"key", POS_ADJ},
    {"last", POS_ADJ}, {"late", POS_ADJ}, {"latest", POS_ADJ}, {"likely", POS_ADJ},
    {"local", POS_ADJ}, {"long", POS_ADJ}, {"low", POS_ADJ}, {"main", POS_ADJ},
    {"major", POS_ADJ}, {"many", POS_ADJ}, {"may", POS_AUX}, {"me", POS_PRON},
    {"meanwhile", POS_ADV}, {"might", POS_AUX}, {"minor", POS_ADJ}, {"more", POS_ADV},
    {"most", POS_ADV}, {"must", POS_AUX}, {"my", POS_PRON}, {"n't", POS_PART},
    {"near", POS_ADP}, {"neither", POS_CCONJ}, {"never", POS_ADV}, {"new", POS_ADJ},
    {"next", POS_ADJ}, {"no", POS_DET}, {"nor", POS_CCONJ}, {"not", POS_PART},
    {"now", POS_ADV}, {"of", POS_ADP}, {"off", POS_ADP}, {"old", POS_ADJ}, {"on", POS_ADP},
    {"once", POS_ADV}, {"only", POS_ADV}, {"onto", POS_ADP}, {"open", POS_ADJ},
    {"or", POS_CCONJ}, {"other", POS_ADJ}, {"our", POS_PRON}, {"ours", POS_PRON},
    {"out", POS_ADP}, {"over", POS_ADP}, {"own", POS_ADJ}, {"possible", POS_ADJ},
    {"potential", POS_ADJ}, {"private", POS_ADJ}, {"public", POS_ADJ}, {"real", POS_ADJ},
    {"recent", POS_ADJ}, {"regional", POS_ADJ}, {"same", POS_ADJ}, {"senior", POS_ADJ},
    {"several", POS_ADJ}, {"shall", POS_AUX}, {"she", POS_PRON}, {"should", POS_AUX},
    {"since", POS_SCONJ}, {"small", POS_ADJ}, {"so", POS_ADV}, {"some", POS_DET},
    {"special", POS_ADJ}, {"still", POS_ADV}, {"strong", POS_ADJ}, {"such", POS_DET},
    {"than", POS_SCONJ}, {"that", POS_SCONJ}, {"the", POS_DET}, {"their", POS_PRON},
    {"theirs", POS_PRON}, {"them", POS_PRON}, {"themselves", POS_PRON}, {"then", POS_ADV},
    {"there", POS_PRON}, {"these", POS_DET}, {"they", POS_PRON}, {"this", POS_DET},
    {"those", POS_DET}, {"though", POS_SCONJ}, {"through", POS_ADP}, {"to", POS_PART},
    {"top", POS_ADJ}, {"toward", POS_ADP}, {"towards", POS_ADP}, {"under", POS_ADP},
    {"unless", POS_SCONJ}, {"until", POS_ADP}, {"up", POS_ADP}, {"upon", POS_ADP},
    {"us", POS_PRON}, {"very", POS_ADV}, {"via", POS_ADP}, {"was", POS_AUX},
    {"we", POS_PRON}, {"weak", POS_ADJ}, {"were", POS_AUX}, {"what", POS_PRON},
    {"when", POS_SCONJ}, {"where", POS_SCONJ}, {"whether", POS_SCONJ}, {"which", POS_PRON},
    {"while", POS_SCONJ}, {"who", POS_PRON}, {"whole", POS_ADJ}, {"whom", POS_PRON},
    {"whose", POS_PRON}, {"why", POS_ADV}, {"will", POS_AUX}, {"with", POS_ADP},
    {"within", POS_ADP}, {"without", POS_ADP}, {"would", POS_AUX}, {"yet", POS_ADV},
    {"you", POS_PRON}, {"your", POS_PRON},
    /* the first halves of "won't" and "can't" */
    {"wo", POS_AUX}, {"ca", POS_AUX}, {"ought", POS_AUX},
};

#define N_CLOSED (sizeof closed_class / sizeof closed_class[0])
#define LEX_SLOTS 1024            /* a power of two, over twice N_CLOSED */

/* The closed-class words by key hash (token.hash), with their LEX_*
 * classes; built once. */
typedef struct lex_slot {
    const lex_entry *entry;       /* NULL: empty */
    uint32_t hash;
    uint8_t lex;
} lex_slot;

static lex_slot lex_table[LEX_SLOTS];
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static uint8_t word_classes(const char *key);

static void build_lex_table(void)
{
    for (size_t k = 0; k < N_CLOSED; k++) {
        const char *w = closed_class[k].word;
        uint32_t h = key_hash(w, strlen(w));
        size_t i = h & (LEX_SLOTS - 1);
        while (lex_table[i].entry) i = (i + 1) & (LEX_SLOTS - 1);
        lex_table[i] = (lex_slot){&closed_class[k], h, word_classes(w)};
    }
}

/* The closed-class entry of a token, or NULL. */
static const lex_slot *closed_lookup(const token *t)
{
    pthread_once(&lex_once, build_lex_table);
    for (size_t i = t->hash & (LEX_SLOTS - 1); lex_table[i].entry; i = (i + 1) & (LEX_SLOTS - 1))
        if (lex_table[i].hash == t->hash && strcmp(lex_table[i].entry->word, t->key) == 0)
            return &lex_table[i];
    return NULL;
}

static int in_list(const char *key, const char *const *list)
{
    for (; *list; list++)
        if (strcmp(key, *list) == 0) return 1;
    return 0;
}

int tag_is_partitive(const token *t)
{
    static const char *const partitive[] = {
        "thousands", "hundreds", "dozens", "tens", "millions", "scores", "thousand",
        "hundred", "dozen", "handful", "number", "group", "groups", "crowd", "crowds",
        "members", "member", "majority", "hundreds-of-thousands", NULL};
    return t->key && in_list(t->key, partitive);
}

int tag_is_negation(const token *t) { return (t->lex & LEX_NEGATION) != 0; }
int tag_is_modal(const token *t) { return (t->lex & LEX_MODAL) != 0; }
int tag_is_be_form(const token *t) { return (t->lex & LEX_BE) != 0; }
int tag_is_subordinator(const token *t) { return (t->lex & LEX_SUBORDINATE) != 0; }
int tag_is_personal_pronoun(const token *t) { return (t->lex & LEX_HE_SHE) != 0; }

int tag_opens_adverbial_clause(const char *word)
{
    static const char *const words[] = {"after", "before", "when", "while", "whilst",
                                        "although", "though", "since", "because", "once",
                                        "until", "unless", "whereas", "if", "as", NULL};
    for (const char *const *w = words; *w; w++)
        if (strcasecmp(word, *w) == 0) return 1;
    return 0;
}

/* The LEX_* classes of a word (see doc.h). */
static uint8_t word_classes(const char *key)
{
    static const char *const negation[] = {"not", "n't", "never", "no", "neither", "nor", NULL};
    static const char *const modal[] = {"will", "would", "could", "can", "may", "might",
                                        "shall", "should", "must", "'ll", "'d", "wo",
                                        "ca", "ought", NULL};
    static const char *const be[] = {"be", "is", "are", "was", "were", "been", "being",
                                     "am", "'s", "'re", "'m", NULL};
    static const char *const subordinate[] = {"that", "whether", "because", "if", "although",
                                              "though", "while", "when", "since", "unless",
                                              "which", "who", "whom", "whose", "where", NULL};
    static const char *const he_she[] = {"he", "she", NULL};
    uint8_t lex = 0;
    if (in_list(key, negation)) lex |= LEX_NEGATION;
    if (in_list(key, modal)) lex |= LEX_MODAL;
    if (in_list(key, be)) lex |= LEX_BE;
    if (in_list(key, subordinate)) lex |= LEX_SUBORDINATE;
    if (in_list(key, he_she)) lex |= LEX_HE_SHE;
    return lex;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

/* The context-free tag of one token. */
static uint8_t lexical_tag(const token *t, int sentence_initial)
{
    switch (t->kind) {
    case TOK_NUMBER: return POS_NUM;
    case TOK_PUNCT: case TOK_QUOTE: return POS_PUNCT;
    case TOK_POSSESSIVE: return POS_PART;
    case TOK_SYMBOL: return POS_SYM;
    default: break;
    }
    const lex_slot *e = closed_lookup(t);
    if (e) return e->entry->pos;
    if ((t->flags & TOKF_CAPITALIZED) && !sentence_initial) return POS_PROPN;
    if (ends_with(t->key, "ly")) return POS_ADV;
    return POS_NOUN;
}

/* Open-class words whose left neighbour makes them verbs. */
static int verb_context(const token *prev)
{
    if (prev->pos == POS_AUX) return 1;                     /* will meet, has met */
    if (prev->pos == POS_PART && strcmp(prev->key, "to") == 0) return 1;
    if (prev->pos == POS_PART && strcmp(prev->key, "n't") == 0) return 1;
    if (prev->pos == POS_PART && strcmp(prev->key, "not") == 0) return 1;
    if (prev->pos == POS_PRON) {
        static const char *const subjects[] = {"he", "she", "it", "they", "we", "i",
                                               "you", "who", "which", NULL};
        return in_list(prev->key, subjects);
    }
    return 0;
}

void tag_sentence(doc *d, size_t s)
{
    sentence *sent = &d->sents[s];
    token *toks = d->tokens + sent->first_token;
    for (uint32_t i = 0; i < sent->n_tokens; i++) {
        toks[i].pos = lexical_tag(&toks[i], i == 0);
        const lex_slot *e = toks[i].kind == TOK_WORD ? closed_lookup(&toks[i]) : NULL;
        toks[i].lex = e ? e->lex : 0;     /* every LEX_* word is in the table */
    }
    for (uint32_t i = 1; i < sent->n_tokens; i++) {
        if (toks[i].pos == POS_NOUN && verb_context(&toks[i - 1])) toks[i].pos = POS_VERB;
        /* An adverb between an auxiliary and a word: "did not necessarily meet". */
        if (i >= 2 && toks[i].pos == POS_NOUN && toks[i - 1].pos == POS_ADV &&
            verb_context(&toks[i - 2]))
            toks[i].pos = POS_VERB;
    }
}
