// lo_trylock_held: T1 takes A with a trylock, then blocks on B while
// holding it; T2 takes B then A (blocking). The trylock made no edge into
// A, but A held is a real edge A -> B: T2 can wait for A forever while T1
// waits for B. Reported.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 17 18 29
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void *try_a_then_b(void *arg)
{
    if (pthread_mutex_trylock(&a) == 0) { /* FRAME */
        pthread_mutex_lock(&b);           /* FRAME */
        n++;
        pthread_mutex_unlock(&b);
        pthread_mutex_unlock(&a);
    }
    return arg;
}

static void *b_then_a(void *arg)
{
    pthread_mutex_lock(&b);
    pthread_mutex_lock(&a); /* FRAME */
    n++;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, try_a_then_b, NULL); /* CREATE */
    pthread_join(t, NULL);
    pthread_create(&t, NULL, b_then_a, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
