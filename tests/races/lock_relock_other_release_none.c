// lock_relock_other_release_none: rounds in which T1 first takes one mutex
// twice in a row (a write of the counter it guards each time), then reads
// under an rwlock's read lock twice, then takes each of 80 mutexes (more
// than a thread's cache of locks it took) twice, writing then reading their
// counters; T2 then takes the mutex and writes its counter, writes under the
// rwlock's write lock, and takes the 80 mutexes, writing each counter; then
// T1 again. The two threads alternate in real time without any edge
// the detector sees (uninstr_sync), so every access is ordered only by the
// locks: a lock that another thread released since this thread's last lock
// must still give that release, however often this thread took the lock
// itself meanwhile. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define NLOCKS 80
#define ROUNDS 20

static struct {
    pthread_mutex_t m;
    long count;
} slot[NLOCKS];
static pthread_mutex_t single = PTHREAD_MUTEX_INITIALIZER;
static long single_count; /* guarded by single */
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static long shared_value; /* guarded by rw */
static int t1_turn_done[ROUNDS], t2_turn_done[ROUNDS];

static void *first(void *arg)
{
    long seen = 0;
    for (int r = 0; r < ROUNDS; r++) {
        if (r > 0)
            crace_test_wait(&t2_turn_done[r - 1]);
        for (int k = 0; k < 2; k++) {
            pthread_mutex_lock(&single);
            single_count++;
            pthread_mutex_unlock(&single);
        }
        for (int k = 0; k < 2; k++) {
            pthread_rwlock_rdlock(&rw);
            seen += shared_value;
            pthread_rwlock_unlock(&rw);
        }
        for (int i = 0; i < NLOCKS; i++) {
            pthread_mutex_lock(&slot[i].m);
            slot[i].count++;
            pthread_mutex_unlock(&slot[i].m);
            pthread_mutex_lock(&slot[i].m);
            seen += slot[i].count;
            pthread_mutex_unlock(&slot[i].m);
        }
        crace_test_signal(&t1_turn_done[r]);
    }
    return (void *)seen;
}

static void *second(void *arg)
{
    for (int r = 0; r < ROUNDS; r++) {
        crace_test_wait(&t1_turn_done[r]);
        pthread_mutex_lock(&single);
        single_count += 2;
        pthread_mutex_unlock(&single);
        pthread_rwlock_wrlock(&rw);
        shared_value++;
        pthread_rwlock_unlock(&rw);
        for (int i = NLOCKS; i > 0; i--) {
            pthread_mutex_lock(&slot[i - 1].m);
            slot[i - 1].count += 2;
            pthread_mutex_unlock(&slot[i - 1].m);
        }
        crace_test_signal(&t2_turn_done[r]);
    }
    return arg;
}

int main(void)
{
    pthread_t a, b;
    void *seen;

    for (int i = 0; i < NLOCKS; i++)
        pthread_mutex_init(&slot[i].m, 0);
    pthread_create(&a, 0, first, 0);  /* CREATE */
    pthread_create(&b, 0, second, 0); /* CREATE */
    pthread_join(a, &seen);
    pthread_join(b, 0);
    return seen == 0;
}
