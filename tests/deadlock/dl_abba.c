// dl_abba: the classic lock-order deadlock. T1 takes A then B, T2 takes B
// then A; a barrier makes both hold their first lock before asking for the
// second, so they wait for each other forever while main waits in join.
// The wait-for cycle is reported as soon as it closes (not after a CI
// timeout) and the run ends with status 66.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 24 34
// STDERR-HAS: Cycle: thread T1 waits for M
// STDERR-HAS: Found 1 deadlock(s)
// TIMEOUT: 20
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;

static void *first_a_then_b(void *arg)
{
    pthread_mutex_lock(&a);
    pthread_barrier_wait(&both_hold_one);
    pthread_mutex_lock(&b); /* BLOCKED */
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return arg;
}

static void *first_b_then_a(void *arg)
{
    pthread_mutex_lock(&b);
    pthread_barrier_wait(&both_hold_one);
    pthread_mutex_lock(&a); /* BLOCKED */
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_barrier_init(&both_hold_one, NULL, 2);
    pthread_create(&t1, NULL, first_a_then_b, NULL); /* CREATE */
    pthread_create(&t2, NULL, first_b_then_a, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("not reached\n");
    return 0;
}
