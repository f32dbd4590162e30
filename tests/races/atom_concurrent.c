// atom_concurrent: two threads hammer the same 32-bit word at the same
// time with relaxed loads, stores, exchanges, fetch_adds and CASes, and
// an 8-bit neighbour word with seq_cst ones. Atomic accesses never race
// with each other, whatever their order. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdatomic.h>

#define ROUNDS 20000

static atomic_uint word;
static atomic_uchar byte;

static void *worker(void *arg)
{
    unsigned id = (unsigned)(long)arg;
    unsigned sum = 0;

    for (unsigned i = 0; i < ROUNDS; i++) {
        unsigned expected = i;

        atomic_store_explicit(&word, i * id, memory_order_relaxed);
        sum += atomic_load_explicit(&word, memory_order_relaxed);
        sum += atomic_exchange_explicit(&word, id, memory_order_relaxed);
        sum += atomic_fetch_add_explicit(&word, 1, memory_order_relaxed);
        atomic_compare_exchange_strong_explicit(&word, &expected, i + 1, memory_order_relaxed,
                                                memory_order_relaxed);
        atomic_fetch_or(&byte, (unsigned char)id);
        sum += atomic_load(&byte);
    }
    return (void *)(unsigned long)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, worker, (void *)1L); /* CREATE */
    pthread_create(&t2, NULL, worker, (void *)2L); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return atomic_load(&byte) == 3 ? 0 : 1;
}
