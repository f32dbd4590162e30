// dl_none_rwlock_readers: a reader holds a rwlock while it waits (1.2 s)
// for a condition a second reader signals after taking the same rwlock
// for reading; a writer waits for both. Readers do not block readers, so
// the first reader's hold is no obstacle to the second: no cycle.
//
// EXPECT: none
// TIMEOUT: 30
#include <pthread.h>
#include <time.h>

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int signalled;
static long value;

static void *first_reader(void *arg)
{
    pthread_rwlock_rdlock(&rw);
    pthread_mutex_lock(&m);
    while (!signalled)
        pthread_cond_wait(&cv, &m);
    pthread_mutex_unlock(&m);
    long v = value;
    pthread_rwlock_unlock(&rw);
    return (void *)v;
}

static void *second_reader(void *arg)
{
    struct timespec ts = {1, 200 * 1000000L};
    nanosleep(&ts, NULL);
    pthread_rwlock_rdlock(&rw);
    pthread_mutex_lock(&m);
    signalled = 1;
    pthread_cond_signal(&cv);
    pthread_mutex_unlock(&m);
    pthread_rwlock_unlock(&rw);
    return arg;
}

static void *writer(void *arg)
{
    struct timespec ts = {0, 100 * 1000000L};
    nanosleep(&ts, NULL);
    pthread_rwlock_wrlock(&rw);
    value++;
    pthread_rwlock_unlock(&rw);
    return arg;
}

int main(void)
{
    pthread_t t[3];
    pthread_create(&t[0], NULL, first_reader, NULL);  /* CREATE */
    pthread_create(&t[1], NULL, writer, NULL);        /* CREATE */
    pthread_create(&t[2], NULL, second_reader, NULL); /* CREATE */
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    return 0;
}
