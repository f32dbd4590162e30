// dl_spin_cycle: two threads take two spin locks in opposite orders. A
// spinning thread never sleeps (the kernel shows it running), but it can
// only get the lock from a holder that is itself stuck: still a cycle.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 23 34
// STDERR-HAS: blocked in pthread_spin_lock on spinlock M
// LINK: uninstr_sync
// TIMEOUT: 20
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_spinlock_t a, b;
static int t1_holds_a, t2_holds_b;

static void *first_a(void *arg)
{
    pthread_spin_lock(&a);
    crace_test_signal(&t1_holds_a);
    crace_test_wait(&t2_holds_b);
    pthread_spin_lock(&b); /* BLOCKED */
    pthread_spin_unlock(&b);
    pthread_spin_unlock(&a);
    return arg;
}

static void *first_b(void *arg)
{
    pthread_spin_lock(&b);
    crace_test_signal(&t2_holds_b);
    crace_test_wait(&t1_holds_a);
    pthread_spin_lock(&a); /* BLOCKED */
    pthread_spin_unlock(&a);
    pthread_spin_unlock(&b);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_spin_init(&a, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_init(&b, PTHREAD_PROCESS_PRIVATE);
    pthread_create(&t1, NULL, first_a, NULL); /* CREATE */
    pthread_create(&t2, NULL, first_b, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
