// lo_readers_none: two read-write locks taken for reading in opposite
// orders by two threads at once: a reader never waits for another reader,
// so the cycle cannot block. And R1 (read) then a mutex M, against M then
// R1 (read): a cycle through R1 where R1 is held for reading and wanted for
// reading, so nobody waits at R1. No report.
//
// EXPECT: none
#include <pthread.h>

static pthread_rwlock_t r1 = PTHREAD_RWLOCK_INITIALIZER;
static pthread_rwlock_t r2 = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long reads;

static void *one_two(void *arg)
{
    for (int i = 0; i < 500; i++) {
        pthread_rwlock_rdlock(&r1);
        pthread_rwlock_rdlock(&r2);
        pthread_mutex_lock(&m);
        reads++;
        pthread_mutex_unlock(&m);
        pthread_rwlock_unlock(&r2);
        pthread_rwlock_unlock(&r1);
    }
    return arg;
}

static void *two_one(void *arg)
{
    for (int i = 0; i < 500; i++) {
        pthread_rwlock_rdlock(&r2);
        pthread_rwlock_rdlock(&r1);
        pthread_rwlock_unlock(&r1);
        pthread_rwlock_unlock(&r2);
        pthread_mutex_lock(&m);
        pthread_rwlock_rdlock(&r1);
        reads++;
        pthread_rwlock_unlock(&r1);
        pthread_mutex_unlock(&m);
    }
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, one_two, NULL); /* CREATE */
    pthread_create(&t2, NULL, two_one, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return reads == 1000 ? 0 : 1;
}
