// deep_stack: both racing accesses are made at the bottom of a recursion
// deeper than the runtime keeps (the shadow stack keeps THREAD_STACK_CAP
// frames, a history snapshot fewer), so both stacks of the report end with
// "  ... N outer frames not recorded", for the renderer test
// (render_matches_runtime.py). The worker writes first in real time
// (uninstr_sync), main second: the report is deterministic.
//
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define DEPTH 5000 /* above THREAD_STACK_CAP (4096) */

long deep_value;
static int written;

/* noinline and a use of the result after the call: a real frame per level */
__attribute__((noinline)) static long descend(int n, int wait_first)
{
    if (n == 0) {
        if (wait_first)
            crace_test_wait(&written);
        deep_value++; /* RACY */
        if (!wait_first)
            crace_test_signal(&written);
        return deep_value;
    }
    return descend(n - 1, wait_first) + 1;
}

static void *worker(void *arg)
{
    (void)arg;
    descend(DEPTH, 0);
    return 0;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, 0, worker, 0); /* CREATE */
    descend(DEPTH, 1);
    pthread_join(t, 0);
    return 0;
}
