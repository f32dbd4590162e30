// atom_cas_stack: a lock-free (Treiber) stack. Four threads fill nodes with
// plain writes and push them with a compare_exchange_weak loop (release on
// success, relaxed on failure: under contention many attempts fail and
// must publish nothing, the successful one publishes). A consumer takes
// the whole list with an acquire exchange until it has every node and
// reads them: each push's CAS heads a release sequence that the later
// pushes (RMWs) and the consumer's exchanges continue. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define PUSHERS 4
#define PER_PUSHER 200

struct node {
    struct node *next;
    long value;
};

static struct node nodes[PUSHERS][PER_PUSHER];
static _Atomic(struct node *) top;

static void *pusher(void *arg)
{
    long id = (long)arg;

    for (int i = 0; i < PER_PUSHER; i++) {
        struct node *n = &nodes[id][i];
        struct node *old = atomic_load_explicit(&top, memory_order_relaxed);

        n->value = id * 1000 + i;
        do
            n->next = old;
        while (!atomic_compare_exchange_weak_explicit(&top, &old, n, memory_order_release,
                                                      memory_order_relaxed));
    }
    return NULL;
}

static void *consumer(void *arg)
{
    long count = 0, sum = 0;

    (void)arg;
    while (count < PUSHERS * PER_PUSHER) {
        struct node *n = atomic_exchange_explicit(&top, NULL, memory_order_acquire);
        if (!n)
            sched_yield();
        for (; n; n = n->next) {
            sum += n->value;
            count++;
        }
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t p[PUSHERS], c;
    void *sum;
    long want = 0;

    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    for (long i = 0; i < PUSHERS; i++)
        pthread_create(&p[i], NULL, pusher, (void *)i); /* CREATE */
    for (int i = 0; i < PUSHERS; i++)
        pthread_join(p[i], NULL);
    pthread_join(c, &sum);
    for (long i = 0; i < PUSHERS; i++)
        for (long j = 0; j < PER_PUSHER; j++)
            want += i * 1000 + j;
    return (long)sum == want ? 0 : 1;
}
