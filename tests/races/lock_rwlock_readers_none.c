// lock_rwlock_readers_none: a writer fills `table` under the write lock;
// then two readers hold the read lock at the same time (each waits for the
// other while holding it) and read the whole table. Write unlock -> read lock
// orders the writes; concurrent reads never race. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define N 16

int table[N];
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int written;
static int holding[2];

static void *writer(void *arg)
{
    pthread_rwlock_wrlock(&rw);
    for (int i = 0; i < N; i++)
        table[i] = i;
    pthread_rwlock_unlock(&rw);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    long me = (long)arg;
    long sum = 0;

    crace_test_wait(&written);
    pthread_rwlock_rdlock(&rw);
    crace_test_signal(&holding[me]);
    crace_test_wait(&holding[1 - me]);
    for (int i = 0; i < N; i++)
        sum += table[i];
    pthread_rwlock_unlock(&rw);
    return (void *)sum;
}

int main(void)
{
    pthread_t w, r0, r1;
    void *s0 = NULL;
    void *s1 = NULL;

    pthread_create(&w, NULL, writer, NULL);      /* CREATE */
    pthread_create(&r0, NULL, reader, (void *)0); /* CREATE */
    pthread_create(&r1, NULL, reader, (void *)1); /* CREATE */
    pthread_join(w, NULL);
    pthread_join(r0, &s0);
    pthread_join(r1, &s1);
    return (long)s0 == N * (N - 1) / 2 && (long)s1 == (long)s0 ? 0 : 1;
}
