/* fuzz_read_xml.c — libFuzzer target: the petrarch-xml reader, above all
 * its recovery after XML errors (every session must start further on). */
#include "fuzz_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    fuzz_drain(data, size, "fuzz.xml", INPUT_PETRARCH_XML);
    return 0;
}
