// atom_mutex_word_seen_none: T2 peeks at a mutex's lock word with acquire
// loads (glibc's unlock is a release store to that word, so a load that
// reads the unlocked value is ordered after the unlock). Its first load
// comes before T1 touches anything; T1 then writes the data, locks and
// unlocks the mutex; T2's second load must take the clock the unlock
// published, although T2 took the word's clock once already (the runtime's
// per-thread cache of clocks already taken must see that a mutex release
// changed it). Then the same again, the mutex now having a clock.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

static pthread_mutex_t m;
static long data1;
static long data2;
static int peeked1, unlocked1, peeked2, unlocked2;

static int peek(void)
{
    return __atomic_load_n((int *)&m, __ATOMIC_ACQUIRE);
}

static void *writer(void *arg)
{
    crace_test_wait(&peeked1);
    data1 = 1;
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    crace_test_signal(&unlocked1);
    crace_test_wait(&peeked2);
    data2 = 2;
    pthread_mutex_lock(&m);
    pthread_mutex_unlock(&m);
    crace_test_signal(&unlocked2);
    return arg;
}

static void *peeker(void *arg)
{
    long sum = 0;

    (void)arg;
    peek();
    crace_test_signal(&peeked1);
    crace_test_wait(&unlocked1);
    if (peek() == 0)
        sum += data1;
    peek();
    crace_test_signal(&peeked2);
    crace_test_wait(&unlocked2);
    if (peek() == 0)
        sum += data2;
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_mutex_init(&m, NULL);
    pthread_create(&t1, NULL, writer, NULL); /* CREATE */
    pthread_create(&t2, NULL, peeker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    pthread_mutex_destroy(&m);
    return 0;
}
