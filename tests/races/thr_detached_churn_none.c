// thr_detached_churn_none: 12,000 short detached threads, at most 64 alive.
// Half of them are detached through the attribute and counted down with a
// relaxed atomic (no happens-before: their slots are reused unordered),
// half are detached with pthread_detach and post a semaphore main waits on
// (ordered reuse). Each locks a mutex around a shared counter and uses a
// heap buffer of its own; main reads the counter under the mutex. Finished
// threads' records, clocks, pthread_t entries and slots are recycled many
// times over (and history rings shrunk): no crash, no race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdlib.h>

#define TOTAL 12000
#define ALIVE 64

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter;
static int relaxed_alive;
static sem_t posted;

static void work(long i)
{
    long *buf = malloc(32 * sizeof *buf);

    for (int k = 0; k < 32; k++)
        buf[k] = i ^ k;
    pthread_mutex_lock(&mu);
    counter += buf[7] == (i ^ 7);
    pthread_mutex_unlock(&mu);
    free(buf);
}

static void *relaxed_worker(void *arg)
{
    work((long)arg);
    __atomic_fetch_sub(&relaxed_alive, 1, __ATOMIC_RELAXED);
    return NULL;
}

static void *posting_worker(void *arg)
{
    work((long)arg);
    sem_post(&posted);
    return NULL;
}

int main(void)
{
    pthread_attr_t detached;
    long waited = 0;

    sem_init(&posted, 0, 0);
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    for (long i = 0; i < TOTAL; i++) {
        pthread_t t;
        if (i & 1) {
            if (i - waited >= ALIVE) { /* keep at most ALIVE posting ones */
                sem_wait(&posted);
                waited += 2;
            }
            if (pthread_create(&t, NULL, posting_worker, (void *)i) != 0) /* CREATE */
                return 3;
            pthread_detach(t);
        } else {
            while (__atomic_load_n(&relaxed_alive, __ATOMIC_RELAXED) >= ALIVE / 2)
                sched_yield();
            __atomic_fetch_add(&relaxed_alive, 1, __ATOMIC_RELAXED);
            if (pthread_create(&t, &detached, relaxed_worker, (void *)i) != 0) /* CREATE */
                return 4;
        }
    }
    for (; waited < TOTAL; waited += 2)
        sem_wait(&posted);
    while (__atomic_load_n(&relaxed_alive, __ATOMIC_RELAXED) > 0)
        sched_yield();
    pthread_mutex_lock(&mu);
    long c = counter;
    pthread_mutex_unlock(&mu);
    return c == TOTAL ? 0 : 5;
}
