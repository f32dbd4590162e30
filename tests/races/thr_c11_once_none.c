// thr_c11_once_none: eight C11 threads call call_once on one flag; the
// routine fills `table` (no lock), and every thread reads the table after
// call_once returns: the initialization happens before every return. No
// race.
//
// EXPECT: none
#include <threads.h>

#define THREADS 8

static once_flag once = ONCE_FLAG_INIT;
static long table[64];
static int inits;

static void init_table(void)
{
    for (int i = 0; i < 64; i++)
        table[i] = i * i;
    inits++;
}

static int reader(void *arg)
{
    long sum = 0;

    call_once(&once, init_table);
    for (int i = 0; i < 64; i++)
        sum += table[i];
    return sum == 85344 ? (arg != 0) : 1;
}

int main(void)
{
    thrd_t t[THREADS];
    int bad = 0;

    for (int i = 0; i < THREADS; i++)
        thrd_create(&t[i], reader, NULL); /* CREATE */
    for (int i = 0; i < THREADS; i++) {
        int res = 1;
        thrd_join(t[i], &res);
        bad |= res;
    }
    return bad || inits != 1 ? 3 : 0;
}
