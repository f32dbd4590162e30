// dl_report_mode: with deadlock=report the deadlock is reported and the
// program goes on (the two deadlocked threads stay stuck); main, which is
// not part of the cycle, exits later, and the run still ends with 66 and
// the summary counts the deadlock.
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 26
// STDERR-HAS: Found 1 deadlock(s)
// ENV: CRACE_OPTIONS=deadlock=report
// TIMEOUT: 30
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t both_hold_one;

static void *worker(void *arg)
{
    pthread_mutex_t *first = arg ? &a : &b, *second = arg ? &b : &a;
    pthread_mutex_lock(first);
    pthread_barrier_wait(&both_hold_one);
    pthread_mutex_lock(second); /* BLOCKED */
    pthread_mutex_unlock(second);
    pthread_mutex_unlock(first);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;
    struct timespec two_seconds = {2, 0};
    pthread_barrier_init(&both_hold_one, NULL, 2);
    pthread_create(&t1, NULL, worker, &a);   /* CREATE */
    pthread_create(&t2, NULL, worker, NULL); /* CREATE */
    nanosleep(&two_seconds, NULL);
    printf("main goes on\n");
    exit(0);
}
