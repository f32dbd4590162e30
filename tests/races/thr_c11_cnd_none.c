// thr_c11_cnd_none: a bounded queue with C11 condition variables: two
// producers and two consumers pass 2000 heap items through an 8-slot ring
// under one mtx_t, waiting with cnd_wait (consumers) and cnd_timedwait
// (producers, with a deadline far away); cnd_signal wakes one, the last
// producer cnd_broadcasts. Consumers read and free the items, whose
// contents the producers wrote before the hand-over. No race.
//
// EXPECT: none
#include <stdlib.h>
#include <threads.h>
#include <time.h>

#define ITEMS 1000 /* per producer */
#define RING 8

static mtx_t mu;
static cnd_t not_empty, not_full;
static long *ring[RING];
static int head, count, producers_left = 2;
static long total;

static int producer(void *arg)
{
    for (long i = 0; i < ITEMS; i++) {
        long *item = malloc(4 * sizeof *item);
        struct timespec far;
        for (int k = 0; k < 4; k++)
            item[k] = i + k + (arg != 0);
        mtx_lock(&mu);
        while (count == RING) {
            timespec_get(&far, TIME_UTC);
            far.tv_sec += 60;
            cnd_timedwait(&not_full, &mu, &far);
        }
        ring[(head + count++) % RING] = item;
        cnd_signal(&not_empty);
        mtx_unlock(&mu);
    }
    mtx_lock(&mu);
    if (--producers_left == 0)
        cnd_broadcast(&not_empty);
    mtx_unlock(&mu);
    return 0;
}

static int consumer(void *arg)
{
    long sum = 0;

    for (;;) {
        mtx_lock(&mu);
        while (count == 0 && producers_left > 0)
            cnd_wait(&not_empty, &mu);
        if (count == 0) {
            total += sum;
            mtx_unlock(&mu);
            return arg != 0;
        }
        long *item = ring[head];
        head = (head + 1) % RING;
        count--;
        cnd_signal(&not_full);
        mtx_unlock(&mu);
        sum += item[0] + item[3];
        free(item);
    }
}

int main(void)
{
    thrd_t t[4];

    mtx_init(&mu, mtx_plain);
    cnd_init(&not_empty);
    cnd_init(&not_full);
    thrd_create(&t[0], producer, NULL); /* CREATE */
    thrd_create(&t[1], producer, NULL); /* CREATE */
    thrd_create(&t[2], consumer, NULL); /* CREATE */
    thrd_create(&t[3], consumer, NULL); /* CREATE */
    for (int i = 0; i < 4; i++)
        thrd_join(t[i], NULL);
    cnd_destroy(&not_empty);
    cnd_destroy(&not_full);
    mtx_destroy(&mu);
    return total == 2L * (2L * (ITEMS - 1) * ITEMS / 2 + 3 * ITEMS) ? 0 : 3;
}
