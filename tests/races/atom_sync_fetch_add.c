// atom_sync_fetch_add: legacy __sync builtins are full barriers (seq_cst).
// T1 writes the payload, then __sync_fetch_and_add(&flag, 1); T2 polls
// with __sync_fetch_and_add(&flag, 0) until it sees 1, then reads the
// payload. The RMWs synchronize. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>

static int payload;
static int flag;

static void *producer(void *arg)
{
    payload = 42;
    __sync_fetch_and_add(&flag, 1);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (__sync_fetch_and_add(&flag, 0) == 0)
        sched_yield();
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
