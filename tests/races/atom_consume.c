// atom_consume: T1 fills a struct and publishes its address with a release
// store of a 64-bit atomic pointer; T2 loads the pointer with
// memory_order_consume and reads the struct through it (a carried
// dependency; detectors treat consume as acquire). No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

struct msg {
    int a, b;
};

static struct msg box;
static _Atomic(struct msg *) mailbox;

static void *producer(void *arg)
{
    box.a = 40;
    box.b = 2;
    atomic_store_explicit(&mailbox, &box, memory_order_release);
    return arg;
}

static void *consumer(void *arg)
{
    struct msg *m;

    (void)arg;
    while (!(m = atomic_load_explicit(&mailbox, memory_order_consume)))
        sched_yield();
    return (void *)(long)(m->a + m->b);
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
