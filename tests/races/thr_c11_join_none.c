// thr_c11_join_none: C11 threads and their results. Four threads made with
// thrd_create each fill their own part of `table` and leave with their
// index as result, one of them through thrd_exit from a nested call; main
// reads the whole table after thrd_join. A fifth thread is detached with
// thrd_detach and only touches its own data. thrd_current/thrd_equal,
// thrd_yield and thrd_sleep make no edge and need none here. No race.
//
// EXPECT: none
#include <threads.h>
#include <time.h>

#define N 4

static long table[N][8];
static thrd_t ids[N];
static long detached_data[8];

static void leave(int code)
{
    thrd_exit(code);
}

static int worker(void *arg)
{
    long i = (long)arg;

    for (int k = 0; k < 8; k++)
        table[i][k] = i * 8 + k;
    thrd_yield();
    if (i == 2)
        leave((int)i);
    return (int)i;
}

static int loner(void *arg)
{
    struct timespec ts = {0, 1000000};

    for (int k = 0; k < 8; k++)
        detached_data[k] = k + (arg != 0);
    thrd_sleep(&ts, NULL);
    return 0;
}

int main(void)
{
    thrd_t d;
    long sum = 0;

    for (long i = 0; i < N; i++)
        if (thrd_create(&ids[i], worker, (void *)i) != thrd_success) /* CREATE */
            return 3;
    if (thrd_create(&d, loner, NULL) != thrd_success || thrd_detach(d) != thrd_success) /* CREATE */
        return 4;
    if (!thrd_equal(thrd_current(), thrd_current()) || thrd_equal(thrd_current(), ids[0]))
        return 5;
    for (int i = 0; i < N; i++) {
        int res = -1;
        if (thrd_join(ids[i], &res) != thrd_success || res != i)
            return 6;
    }
    for (int i = 0; i < N; i++)
        for (int k = 0; k < 8; k++)
            sum += table[i][k];
    return sum == (N * 8) * (N * 8 - 1) / 2 ? 0 : 7;
}
