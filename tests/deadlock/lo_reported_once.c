// lo_reported_once: eight threads, one after the other (nothing hangs),
// each run both orders of two locks a hundred times, with a fresh pair of
// heap mutexes every round of eight: one report for the inversion, not one
// per thread, repetition or pair of locks (reports are per cycle and per
// code locations).
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
#include <pthread.h>
#include <stdlib.h>

struct pair {
    pthread_mutex_t a, b;
};

static long total;

static void *worker(void *arg)
{
    struct pair *p = arg;
    for (int i = 0; i < 100; i++) {
        pthread_mutex_lock(&p->a);
        pthread_mutex_lock(&p->b);
        total++;
        pthread_mutex_unlock(&p->b);
        pthread_mutex_unlock(&p->a);
        pthread_mutex_lock(&p->b);
        pthread_mutex_lock(&p->a);
        total++;
        pthread_mutex_unlock(&p->a);
        pthread_mutex_unlock(&p->b);
    }
    return NULL;
}

int main(void)
{
    for (int round = 0; round < 3; round++) {
        struct pair *p = malloc(sizeof *p);
        pthread_mutex_init(&p->a, NULL);
        pthread_mutex_init(&p->b, NULL);
        for (int i = 0; i < 8; i++) {
            pthread_t t;
            pthread_create(&t, NULL, worker, p); /* CREATE */
            pthread_join(t, NULL);
        }
        pthread_mutex_destroy(&p->a);
        pthread_mutex_destroy(&p->b);
        free(p);
    }
    return total == 3 * 8 * 200 ? 0 : 1;
}
