// lo_two_threads: T1 takes A then B; T2, created after T1 was joined, takes
// B then A. The two never overlap, so nothing hangs, but run at once they
// can deadlock: one lock order inversion, with both acquisition sites of
// each edge.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 22 23 32 33
// STDERR-HAS: Cycle in lock order graph: M1 (
// STDERR-HAS: Mutex M2 acquired here while holding M1, by thread T1:
// STDERR-HAS: Mutex M1 acquired here while holding M2, by thread T2:
// STDERR-HAS: Mutex M1 previously acquired by the same thread here:
// STDERR-HAS: Found 1 lock order inversion(s)
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long shared;

static void *a_then_b(void *arg)
{
    pthread_mutex_lock(&a); /* FRAME */
    pthread_mutex_lock(&b); /* FRAME */
    shared++;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
    return arg;
}

static void *b_then_a(void *arg)
{
    pthread_mutex_lock(&b); /* FRAME */
    pthread_mutex_lock(&a); /* FRAME */
    shared++;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, a_then_b, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_create(&t2, NULL, b_then_a, NULL); /* CREATE */
    pthread_join(t2, NULL);
    return 0;
}
