// fd_eventfd_rw: the same handoff as fd_eventfd, but through plain write()
// and read() of the 8-byte eventfd counter. The write happens before the
// read that consumes it. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/eventfd.h>
#include <unistd.h>

static int efd;
static long payload[8];

static void *producer(void *arg)
{
    uint64_t one = 1;

    for (int i = 0; i < 8; i++)
        payload[i] = 100 + i;
    if (write(efd, &one, sizeof one) != sizeof one)
        perror("write");
    return arg;
}

static void *consumer(void *arg)
{
    uint64_t v = 0;
    long sum = 0;

    if (read(efd, &v, sizeof v) != sizeof v)
        perror("read");
    for (int i = 0; i < 8; i++)
        sum += payload[i];
    *(long *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t c, p;
    long sum = 0;

    efd = eventfd(0, 0);
    if (efd < 0)
        return 1;
    pthread_create(&c, NULL, consumer, &sum); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(c, NULL);
    pthread_join(p, NULL);
    printf("sum = %ld\n", sum);
    return sum == 828 ? 0 : 1;
}
