// atom_fetch_add_acq_rel: two workers each fill their own slot, then count
// themselves in with an acq_rel fetch_add on a 16-bit counter. The second
// to arrive reads both slots: its RMW reads the first one's (release) RMW,
// so the other slot's write happens before the read. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdatomic.h>

static int slot[2];
static int total;
static atomic_ushort arrived;

static void *worker(void *arg)
{
    int id = (int)(long)arg;

    slot[id] = id + 1;
    if (atomic_fetch_add_explicit(&arrived, 1, memory_order_acq_rel) == 1)
        total = slot[0] + slot[1];
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, worker, (void *)0L); /* CREATE */
    pthread_create(&t2, NULL, worker, (void *)1L); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return total == 3 ? 0 : 1;
}
