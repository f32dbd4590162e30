// fd_eventfd_late: the producer signals the eventfd first and stores the
// payload afterwards; the consumer's load after eventfd_read() races with
// that store. Real-time order (store first) comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 36 24
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <sys/eventfd.h>

#include "uninstr_sync.h"

static int efd;
static long payload;
static int stored;

static void *producer(void *arg)
{
    if (eventfd_write(efd, 1) != 0)
        perror("eventfd_write");
    payload = 828; /* too late: after eventfd_write() */
    crace_test_signal(&stored);
    return arg;
}

static void *consumer(void *arg)
{
    eventfd_t v = 0;

    if (eventfd_read(efd, &v) != 0)
        perror("eventfd_read");
    crace_test_wait(&stored);
    *(long *)arg = payload;
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    long got = 0;

    efd = eventfd(0, 0);
    if (efd < 0)
        return 1;
    pthread_create(&c, NULL, consumer, &got); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("got = %ld\n", got);
    return 0;
}
