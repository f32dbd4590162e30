// lo_trylock_reverse_none: T1 takes A then B; T2 takes B, then only TRIES
// A and backs off (releases B and retries) when it is busy: the classic
// way to take locks against the order. A try never waits, so it cannot
// close a deadlock: no edge B -> A, no report. The two run at once.
//
// EXPECT: none
#include <errno.h>
#include <pthread.h>
#include <sched.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void *in_order(void *arg)
{
    for (int i = 0; i < 2000; i++) {
        pthread_mutex_lock(&a);
        pthread_mutex_lock(&b);
        n++;
        pthread_mutex_unlock(&b);
        pthread_mutex_unlock(&a);
    }
    return arg;
}

static void *backing_off(void *arg)
{
    for (int i = 0; i < 2000;) {
        pthread_mutex_lock(&b);
        if (pthread_mutex_trylock(&a) == EBUSY) {
            pthread_mutex_unlock(&b);
            sched_yield();
            continue;
        }
        n++;
        i++;
        pthread_mutex_unlock(&a);
        pthread_mutex_unlock(&b);
    }
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, in_order, NULL);    /* CREATE */
    pthread_create(&t2, NULL, backing_off, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return n == 4000 ? 0 : 1;
}
