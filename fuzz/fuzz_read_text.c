/* fuzz_read_text.c — libFuzzer target: the text reader (date line, blank
 * lines, UTF-8 and NUL checks, message quoting). */
#include "fuzz_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drain(data, size, "fuzz/story.txt", INPUT_TEXT);
    return 0;
}
