// atom_pingpong: two threads hand a plain buffer back and forth 3000 times
// through one counter: each writes the buffer and release-stores the next
// odd (T1) or even (T2) value; the other spins until it sees it, on even
// rounds with acquire loads, on odd rounds with relaxed loads and an
// acquire fence. Every handoff needs the clock of the store just read,
// never an older one. No race.
//
// EXPECT: none
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

#define ROUNDS 3000

static long buffer[4];
static atomic_long turn;

static void wait_for(long value)
{
    if (value % 4 < 2) {
        while (atomic_load_explicit(&turn, memory_order_acquire) != value)
            sched_yield();
    } else {
        while (atomic_load_explicit(&turn, memory_order_relaxed) != value)
            sched_yield();
        atomic_thread_fence(memory_order_acquire);
    }
}

static void *player(void *arg)
{
    long me = (long)arg;
    long sum = 0;

    for (long r = me; r < ROUNDS; r += 2) {
        wait_for(r);
        for (int i = 0; i < 4; i++) {
            sum += buffer[i];
            buffer[i] = r + i;
        }
        atomic_store_explicit(&turn, r + 1, memory_order_release);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, player, (void *)0L); /* CREATE */
    pthread_create(&t2, NULL, player, (void *)1L); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return buffer[0] == ROUNDS - 1 ? 0 : 1;
}
