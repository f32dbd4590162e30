// mis_double_lock_c11: a C11 plain mutex locked twice by its owner (the
// main thread). Reported before the call; the run ends with status 66.
//
// EXPECT: report
// WARNING: DOUBLE LOCK x1
// FRAME-LINES: 14 15
// TIMEOUT: 30
#include <threads.h>

int main(void)
{
    mtx_t m;
    mtx_init(&m, mtx_plain);
    mtx_lock(&m); /* FRAME */
    mtx_lock(&m); /* FRAME */
    mtx_unlock(&m);
    return 0;
}
