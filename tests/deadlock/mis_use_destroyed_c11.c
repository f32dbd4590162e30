// mis_use_destroyed_c11: a C11 mutex used after mtx_destroy (glibc's
// mtx_destroy marks it as pthread_mutex_destroy does).
//
// EXPECT: report
// WARNING: USE OF DESTROYED MUTEX x1
// FRAME-LINES: 13 14
#include <threads.h>

int main(void)
{
    mtx_t m;
    mtx_init(&m, mtx_plain);
    mtx_destroy(&m);                             /* FRAME */
    return mtx_lock(&m) == thrd_success ? 1 : 0; /* FRAME */
}
