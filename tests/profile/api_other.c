/* api_other.c - crace_thread_id() from a second file (api.c). */
#include <crace.h>

unsigned other_file_id(void)
{
    return crace_thread_id();
}
