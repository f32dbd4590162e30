// atom_sync_synchronize: __sync_synchronize() is a full barrier, i.e. a
// seq_cst fence. T1: payload, barrier, relaxed flag store. T2: relaxed
// flag load sees 1, barrier, payload read. Fence-to-fence synchronization:
// no race. (TSan does not model fences and reports a race here.)
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>

static int payload;
static int flag;

static void *producer(void *arg)
{
    payload = 42;
    __sync_synchronize();
    __atomic_store_n(&flag, 1, __ATOMIC_RELAXED);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (!__atomic_load_n(&flag, __ATOMIC_RELAXED))
        sched_yield();
    __sync_synchronize();
    return (void *)(long)payload;
}

int main(void)
{
    pthread_t t1, t2;
    void *seen;

    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &seen);
    return seen == (void *)42L ? 0 : 1;
}
