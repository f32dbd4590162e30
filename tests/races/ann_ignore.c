// ann_ignore: two racy writes per variable, one of them inside
// crace_ignore_begin/end. For `early` the ignored write comes first (it must
// not be remembered); for `late` it comes second (it must not be checked).
// Real-time order comes from uninstr_sync. No race reported.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "crace.h"
#include "uninstr_sync.h"

_Alignas(64) int early;
_Alignas(64) int late;
static int early_done, late_done;

static void *first(void *arg)
{
    crace_ignore_begin();
    early = 1;
    crace_ignore_end();
    crace_test_signal(&early_done);
    crace_test_wait(&late_done);
    crace_ignore_begin();
    late = 1;
    crace_ignore_end();
    return arg;
}

static void *second(void *arg)
{
    crace_test_wait(&early_done);
    early = 2;
    late = 2;
    crace_test_signal(&late_done);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return early == 2 && late == 1 ? 0 : 1;
}
