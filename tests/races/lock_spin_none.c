// lock_spin_none: T1 writes `data` under a pthread spinlock (pthread_spin_lock);
// T2 then takes the same spinlock with pthread_spin_trylock and reads it.
// Spin unlock -> lock orders like a mutex. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <sched.h>

#include "uninstr_sync.h"

int data;
static pthread_spinlock_t s;
static int written;

static void *writer(void *arg)
{
    pthread_spin_lock(&s);
    data = 42;
    pthread_spin_unlock(&s);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int v;

    crace_test_wait(&written);
    while (pthread_spin_trylock(&s) != 0)
        sched_yield();
    v = data;
    pthread_spin_unlock(&s);
    return (void *)(long)v;
}

int main(void)
{
    pthread_t a, b;
    void *ret = NULL;

    pthread_spin_init(&s, PTHREAD_PROCESS_PRIVATE);
    pthread_create(&a, NULL, writer, NULL); /* CREATE */
    pthread_create(&b, NULL, reader, NULL); /* CREATE */
    pthread_join(a, NULL);
    pthread_join(b, &ret);
    pthread_spin_destroy(&s);
    return (long)ret == 42 ? 0 : 1;
}
