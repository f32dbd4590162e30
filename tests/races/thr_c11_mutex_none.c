// thr_c11_mutex_none: C11 mutexes of every type protect shared counters:
// a plain one (mtx_lock), a timed one (mtx_timedlock with a far deadline,
// and mtx_trylock in a retry loop), and a recursive one locked twice
// (nested) per update. Four thrd_create threads, joined; then the mutexes
// are destroyed. No race.
//
// EXPECT: none
#include <threads.h>
#include <time.h>

#define THREADS 4
#define ROUNDS 2000

static mtx_t plain, timed, rec;
static long a, b, c, d;

static void add_rec(void)
{
    mtx_lock(&rec);
    mtx_lock(&rec);
    c++;
    mtx_unlock(&rec);
    d += 2;
    mtx_unlock(&rec);
}

static int worker(void *arg)
{
    struct timespec far;

    for (int i = 0; i < ROUNDS; i++) {
        mtx_lock(&plain);
        a++;
        mtx_unlock(&plain);
        timespec_get(&far, TIME_UTC);
        far.tv_sec += 60;
        if (i & 1) {
            if (mtx_timedlock(&timed, &far) != thrd_success)
                return 1;
        } else {
            while (mtx_trylock(&timed) != thrd_success)
                thrd_yield();
        }
        b++;
        mtx_unlock(&timed);
        add_rec();
    }
    return arg != 0;
}

int main(void)
{
    thrd_t t[THREADS];

    if (mtx_init(&plain, mtx_plain) != thrd_success ||
        mtx_init(&timed, mtx_timed) != thrd_success ||
        mtx_init(&rec, mtx_plain | mtx_recursive) != thrd_success)
        return 3;
    for (int i = 0; i < THREADS; i++)
        thrd_create(&t[i], worker, NULL); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        thrd_join(t[i], NULL);
    mtx_destroy(&plain);
    mtx_destroy(&timed);
    mtx_destroy(&rec);
    return (a == THREADS * ROUNDS && b == a && c == a && d == 2 * a) ? 0 : 4;
}
