// dl_once_recursive: a pthread_once initializer calls pthread_once on its
// own control (through a helper): it waits for itself to finish.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 17 24
// TIMEOUT: 20
#include <pthread.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static long table[4];

static void init_table(void);

static long lookup(int i)
{
    pthread_once(&once, init_table); /* BLOCKED */
    return table[i];
}

static void init_table(void)
{
    table[0] = 1;
    table[1] = lookup(0) + 1; /* BLOCKED */
}

int main(void)
{
    return (int)lookup(1); /* blocked here too (a frame only without inlining) */
}
