/* libcopy.c - an uninstrumented library whose memcpy calls the runtime
 * checks unless `called_from_lib:libcopy` is suppressed. */
#include <string.h>

void lib_copy(char *dst, const char *src, unsigned long n)
{
    memcpy(dst, src, n);
}
