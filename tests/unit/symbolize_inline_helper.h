/* symbolize_inline_helper.h - the -O2 helper used by test_symbolize.c. */
#ifndef CRACE_SYMBOLIZE_INLINE_HELPER_H
#define CRACE_SYMBOLIZE_INLINE_HELPER_H

#include <stdint.h>

/* Returns its own return address (set *out = line first). */
uintptr_t helper_return_address(int *out, int line);

/* Returns a pc inside inline_callee, inlined into inline_helper; sets the
 * line of that call in inline_callee and the line where inline_helper
 * calls inline_callee. */
uintptr_t inline_helper(int *callee_line, int *call_line);

#endif
