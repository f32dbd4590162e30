/*
 * shared_lib_impl.c - helper for shared_lib.c, not a test case (it has no
 * EXPECT directive). The harness builds it into a shared library with
 * crace-cc -shared -fPIC and links the case against it.
 */
int lib_value;

void lib_set(int v)
{
    lib_value = v;
}
