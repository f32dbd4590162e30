// lock_rwlock_writer_reader_none: W writes `data` under the write lock, R
// then reads it under the read lock, then W writes it again under the write
// lock. Write unlock -> read lock and read unlock -> write lock both order.
// No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

int data;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int written;
static int read_done;

static void *writer(void *arg)
{
    pthread_rwlock_wrlock(&rw);
    data = 41;
    pthread_rwlock_unlock(&rw);
    crace_test_signal(&written);
    crace_test_wait(&read_done);
    pthread_rwlock_wrlock(&rw);
    data = 0;
    pthread_rwlock_unlock(&rw);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    pthread_rwlock_rdlock(&rw);
    v = data + 1;
    pthread_rwlock_unlock(&rw);
    crace_test_signal(&read_done);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t w, r;
    void *ret = NULL;

    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r, &ret);
    return (long)ret == 42 ? 0 : 1;
}
