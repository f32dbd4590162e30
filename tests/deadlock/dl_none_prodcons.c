// dl_none_prodcons: a bounded buffer with three producers and three
// consumers on two condition variables, under load (a one-slot buffer, so
// threads block on every item, and more threads than cores). Threads are
// blocked most of the time, but never all of them for good.
//
// EXPECT: none
// TIMEOUT: 60
#include <pthread.h>

#define SLOTS 1
#define PRODUCERS 3
#define CONSUMERS 3
#define ITEMS 4000

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static long buf[SLOTS], count, head, sum;

static void *producer(void *arg)
{
    for (long i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&m);
        while (count == SLOTS)
            pthread_cond_wait(&not_full, &m);
        buf[(head + count++) % SLOTS] = i;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&m);
    }
    return arg;
}

static void *consumer(void *arg)
{
    for (long i = 0; i < ITEMS; i++) {
        pthread_mutex_lock(&m);
        while (count == 0)
            pthread_cond_wait(&not_empty, &m);
        sum += buf[head];
        head = (head + 1) % SLOTS;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&m);
    }
    return arg;
}

int main(void)
{
    pthread_t p[PRODUCERS], c[CONSUMERS];
    for (int i = 0; i < CONSUMERS; i++)
        pthread_create(&c[i], NULL, consumer, NULL); /* CREATE */
    for (int i = 0; i < PRODUCERS; i++)
        pthread_create(&p[i], NULL, producer, NULL); /* CREATE */
    for (int i = 0; i < PRODUCERS; i++)
        pthread_join(p[i], NULL);
    for (int i = 0; i < CONSUMERS; i++)
        pthread_join(c[i], NULL);
    return sum == (long)PRODUCERS * ITEMS * (ITEMS + 1) / 2 ? 0 : 1;
}
