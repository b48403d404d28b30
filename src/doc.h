/* doc.h — the data of one story as it flows through the pipeline.
 *
 *   read -> clean -> split -> tokenize -> tag -> actors -> parse -> code -> resolve -> write
 *
 * Each stage fills in the part of `doc` it owns and only reads what earlier
 * stages made.  Everything lives in the story's arena (arena.h).
 *
 * Offsets: the cleaned text is a new string; `doc.orig[i]` is the byte offset
 * in the original story text of cleaned byte i (and orig[clean_len] is the
 * original length), so every token and every output field can be traced to
 * the bytes the user gave us.
 *
 * Example: story text "Lavrov \xe2\x80\x9cmet\xe2\x80\x9d Xi." is cleaned to
 * "Lavrov \"met\" Xi."; the token `met` has start 8 in the cleaned text and
 * orig[8] == 10 in the original.
 */
#ifndef DYAD_DOC_H
#define DYAD_DOC_H

#include <stddef.h>
#include <stdint.h>

/* A story as a reader delivers it.  All strings are NUL-terminated, valid
 * UTF-8, owned by the story's arena. */
typedef struct story {
    const char *id;          /* story id (file stem, JSON "id", XML id attribute) */
    char date[11];           /* publication date, "YYYY-MM-DD" */
    int year, month, day;
    const char *title;       /* NULL when absent */
    const char *source;      /* outlet; NULL when absent */
    const char *url;         /* NULL when absent */
    const char *text;        /* the story text exactly as given (after UTF-8 check) */
    size_t text_len;
    const char *origin;      /* file the record came from, "-" for stdin */
    long line;               /* 1-based line of the file where the record starts */
    const char *category;    /* petrarch-xml category attribute; NULL otherwise */
    const char *config;      /* petrarch-xml: the <Config> settings met since
                                the previous record, "option=value" lines in
                                file order; NULL when none */
    int is_record;           /* set by the input layer for petrarch-xml: the
                                story is one record, whose id is the id of
                                each of its sentences */
} story;

/* Why a sentence is not coded. */
typedef enum {
    SENT_KEPT = 0,
    SENT_DUPLICATE,          /* repeats an earlier or later sentence of the story */
    SENT_BOILERPLATE,        /* agency credit, byline, "Read more", ... */
    SENT_DISCARDED,          /* has a sentence-level phrase of the discards
                                dictionary (pipeline.c) */
} sentence_status;

typedef enum {
    TOK_WORD = 1,            /* letters, digits inside words, internal - ' . */
    TOK_NUMBER,              /* 12, 3.5, 1,000, 75th */
    TOK_PUNCT,               /* . , ; : ! ? ( ) [ ] - and the like */
    TOK_QUOTE,               /* a quotation mark " or ' used as a quote */
    TOK_POSSESSIVE,          /* 's or ' after a word */
    TOK_SYMBOL,              /* $ % & @ # and other symbols */
} token_kind;

enum {
    TOKF_CAPITALIZED = 1u << 0,  /* first letter is upper case */
    TOKF_ALL_CAPS    = 1u << 1,  /* two or more letters, all upper case */
    TOKF_SPACE_AFTER = 1u << 2,  /* followed by white space in the cleaned text */
    TOKF_ABBREV      = 1u << 3,  /* ends in a period that is part of the token (U.S., Mr.) */
    TOKF_HYPHENATED  = 1u << 4,  /* contains an internal hyphen (two-day, Putin-Xi) */
};

/* Coarse part of speech (Universal Dependencies UPOS), set by the tag stage. */
typedef enum {
    POS_X = 0, POS_ADJ, POS_ADP, POS_ADV, POS_AUX, POS_CCONJ, POS_DET, POS_INTJ,
    POS_NOUN, POS_NUM, POS_PART, POS_PRON, POS_PROPN, POS_PUNCT, POS_SCONJ,
    POS_SYM, POS_VERB, POS_COUNT
} pos_tag;

/* Word classes the coder asks about, set by the tag stage (tag.h). */
enum {
    LEX_NEGATION    = 1u << 0,   /* not, n't, never, no */
    LEX_MODAL       = 1u << 1,   /* will, would, could, ... */
    LEX_BE          = 1u << 2,   /* be, is, was, were, been, ... */
    LEX_SUBORDINATE = 1u << 3,   /* that, whether, because, which, who, ... */
    LEX_HE_SHE      = 1u << 4,   /* he, she: pronouns that name a person */
};

typedef struct token {
    uint32_t start, len;     /* bytes in the cleaned text */
    uint8_t kind;            /* token_kind */
    uint8_t flags;           /* TOKF_* */
    uint8_t pos;             /* pos_tag, POS_X until tagged */
    uint8_t lex;             /* LEX_* word classes, 0 until tagged */
    uint32_t hash;           /* key_hash() of the key (key.h) */
    const char *key;         /* match key: case-folded, accents stripped, NUL-terminated */
    /* set by the parse stage (syntax.h) when the sentence is parsed */
    int32_t head;            /* sentence-relative index of the head token, -1 for the root */
    uint8_t rel;             /* dep_rel (deprel.h) of the arc from the head */
    /* set by dict_stamp_tokens(): the word's id in one dictionary */
    uint32_t word;           /* dict word id, 0 for a word the dictionary lacks */
    uint32_t word_dict;      /* that dictionary's serial, 0 when not stamped */
} token;

typedef struct sentence {
    uint32_t start, end;     /* bytes [start, end) in the cleaned text */
    uint32_t first_token;    /* index into doc.tokens */
    uint32_t n_tokens;
    int number;              /* 1-based among kept sentences; 0 when not kept */
    uint8_t status;          /* sentence_status */
    int duplicate_of;        /* index (into doc.sents) of the sentence it repeats, or -1 */
    uint8_t parsed;          /* tokens carry head and rel (and the tagger's pos) */
} sentence;

typedef struct doc {
    const story *story;
    /* clean */
    char *clean;             /* cleaned text, NUL-terminated */
    size_t clean_len;
    uint32_t *orig;          /* clean_len + 1 entries: original offset of each cleaned byte */
    /* split + tokenize */
    sentence *sents;
    size_t n_sents;
    token *tokens;
    size_t n_tokens;
} doc;

/* Hard limit on one story's text: larger records fail with a message
 * instead of growing memory without bound.  Offsets are 32-bit. */
#define DYAD_MAX_STORY_BYTES (16u * 1024u * 1024u)

#endif
