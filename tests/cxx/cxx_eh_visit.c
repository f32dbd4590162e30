/* Helper of the cxx_eh_* cases (no EXPECT: not a case): plain C, built with
 * crace-cc into a shared library, so instrumented but without unwind
 * cleanups (no -fexceptions): a C++ exception thrown by the callback leaves
 * visit() without its __tsan_func_exit. */
void visit(void (*fn)(long), long n)
{
    for (long i = 0; i < n; i++)
        fn(i);
}
