// atom_annotated_flag: an annotation's release on an atomic's address is
// picked up by a later acquire load of it, even by a thread that loaded
// the same unchanged value before. T2 acquire-loads the flag (0); then T1
// writes the payload and calls crace_release(&flag) (the value stays 0);
// then T2 acquire-loads the flag again and reads the payload: ordered by
// the annotation. uninstr_sync orders the steps. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdatomic.h>

#include "crace.h"
#include "uninstr_sync.h"

static long payload;
static atomic_int flag;
static int looked, released;

static void *producer(void *arg)
{
    crace_test_wait(&looked);
    payload = 42;
    crace_release((void *)&flag);
    crace_test_signal(&released);
    return arg;
}

static void *consumer(void *arg)
{
    long seen = 0;

    (void)arg;
    if (atomic_load_explicit(&flag, memory_order_acquire) == 0)
        crace_test_signal(&looked);
    crace_test_wait(&released);
    if (atomic_load_explicit(&flag, memory_order_acquire) == 0)
        seen = payload;
    return (void *)seen;
}

int main(void)
{
    pthread_t t1, t2;
    void *seen;

    atomic_store_explicit(&flag, 0, memory_order_release); /* the flag has a sync object */
    pthread_create(&t1, NULL, producer, NULL);             /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL);             /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &seen);
    return seen == (void *)42L ? 0 : 1;
}
