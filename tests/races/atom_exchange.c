// atom_exchange: message passing with seq_cst exchanges on an 8-bit atomic.
// T1 writes the payload and swaps the flag to 1; T2 keeps swapping 0 in
// until it gets the 1 back, then reads the payload. T2's exchange reads
// T1's, and both are seq_cst RMWs, so they synchronize. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

static int payload;
static atomic_uchar flag;

static void *producer(void *arg)
{
    payload = 42;
    atomic_exchange(&flag, 1);
    return arg;
}

static void *consumer(void *arg)
{
    (void)arg;
    while (atomic_exchange(&flag, 0) != 1)
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
