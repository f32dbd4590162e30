// lock_once_none: T1's pthread_once runs `init`, which fills `config`; T2
// calls pthread_once afterwards (init is not run again) and reads `config`,
// as does main. Completion of the init routine happens-before every
// pthread_once that returns. No race.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

struct config {
    int inits;
    int value[4];
};

struct config config;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int t1_done;

static void init(void)
{
    config.inits++;
    for (int i = 0; i < 4; i++)
        config.value[i] = 10 * i;
}

static long use_config(void)
{
    pthread_once(&once, init);
    return config.inits * 1000 + config.value[0] + config.value[1] + config.value[2] +
           config.value[3];
}

static void *t1(void *arg)
{
    long v = use_config();

    crace_test_signal(&t1_done);
    return (void *)v;
}

static void *t2(void *arg)
{
    crace_test_wait(&t1_done);
    return (void *)use_config();
}

int main(void)
{
    pthread_t a, b;
    void *ra = NULL;
    void *rb = NULL;
    long rm;

    pthread_create(&a, NULL, t1, NULL); /* CREATE */
    pthread_create(&b, NULL, t2, NULL); /* CREATE */
    crace_test_wait(&t1_done);
    rm = use_config();
    pthread_join(a, &ra);
    pthread_join(b, &rb);
    return (long)ra == 1060 && (long)rb == 1060 && rm == 1060 ? 0 : 1;
}
