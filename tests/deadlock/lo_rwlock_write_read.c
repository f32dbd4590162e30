// lo_rwlock_write_read: T1 holds a read-write lock for writing and takes a
// mutex; T2 holds the mutex and takes the read-write lock for reading. A
// reader waits for a writer, so this can deadlock: reported.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 16 17 26 27
#include <pthread.h>

static pthread_rwlock_t table = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t stats = PTHREAD_MUTEX_INITIALIZER;
static long entries, lookups;

static void *writer(void *arg)
{
    pthread_rwlock_wrlock(&table); /* FRAME */
    pthread_mutex_lock(&stats);    /* FRAME */
    entries++;
    pthread_mutex_unlock(&stats);
    pthread_rwlock_unlock(&table);
    return arg;
}

static void *reader(void *arg)
{
    pthread_mutex_lock(&stats);    /* FRAME */
    pthread_rwlock_rdlock(&table); /* FRAME */
    lookups += entries;
    pthread_rwlock_unlock(&table);
    pthread_mutex_unlock(&stats);
    return arg;
}

int main(void)
{
    pthread_t t1, t2;
    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_create(&t2, NULL, reader, NULL); /* CREATE */
    pthread_join(t2, NULL);
    return 0;
}
