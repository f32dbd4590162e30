// report_shapes: one race of each report shape the race corpus does not
// show, for the renderer test (render_matches_runtime.py): memory on a
// thread's stack, in its TLS, an access made under a mutex destroyed since,
// and a previous access whose history was overwritten (history_size=0).
// The worker's accesses come first in real time (uninstr_sync), main's
// second, so every report is deterministic. Addresses travel through relaxed
// atomics: no race on the pointers, no happens-before either.
//
// ENV: CRACE_OPTIONS=history_size=0
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static long *stack_ptr, *tls_ptr;
static __thread long tls_value;
static pthread_mutex_t lock;
long guarded;
long overwritten;
static long filler[1 << 18];
static int step1, step2, step3, step4, step5, step6, step7;

/* The racy long is the lowest of a 16 KiB array: well below the top of the
 * thread's stack block, which also holds its TLS. */
static void stack_part(void)
{
    long deep[2048];
    deep[0] = 1; /* RACY: stack */
    __atomic_store_n(&stack_ptr, &deep[0], __ATOMIC_RELAXED);
    crace_test_signal(&step1);
    crace_test_wait(&step2); /* keep the stack alive until main read it */
    __atomic_store_n(&stack_ptr, 0, __ATOMIC_RELAXED);
}

static void *worker(void *arg)
{
    (void)arg;
    stack_part();

    tls_value = 2; /* RACY: TLS */
    __atomic_store_n(&tls_ptr, &tls_value, __ATOMIC_RELAXED);
    crace_test_signal(&step3);
    crace_test_wait(&step4);

    pthread_mutex_init(&lock, NULL);
    pthread_mutex_lock(&lock);
    guarded = 3; /* RACY: under a mutex destroyed before the report */
    pthread_mutex_unlock(&lock);
    pthread_mutex_destroy(&lock);
    crace_test_signal(&step5);
    crace_test_wait(&step6);

    overwritten = 4; /* RACY: then history_size=0's ring is overwritten */
    for (long i = 0; i < (long)(sizeof filler / sizeof filler[0]); i++)
        filler[i] = i;
    crace_test_signal(&step7);
    return 0;
}

int main(void)
{
    pthread_t t;
    long sum = 0;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    crace_test_wait(&step1);
    sum += *__atomic_load_n(&stack_ptr, __ATOMIC_RELAXED); /* RACY: stack */
    crace_test_signal(&step2);
    crace_test_wait(&step3);
    sum += *__atomic_load_n(&tls_ptr, __ATOMIC_RELAXED); /* RACY: TLS */
    crace_test_signal(&step4);
    crace_test_wait(&step5);
    guarded = 5; /* RACY: mutex destroyed */
    crace_test_signal(&step6);
    crace_test_wait(&step7);
    sum += overwritten; /* RACY: history overwritten */
    pthread_join(t, NULL);
    return sum == 0;
}
