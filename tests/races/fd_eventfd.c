// fd_eventfd: the producer fills a buffer and then eventfd_write()s; the
// consumer blocks in eventfd_read() and reads the buffer once it returns. An
// eventfd write happens before the read that takes its count. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <sys/eventfd.h>

static int efd;
static long payload[8];

static void *producer(void *arg)
{
    for (int i = 0; i < 8; i++)
        payload[i] = 100 + i;
    if (eventfd_write(efd, 1) != 0)
        perror("eventfd_write");
    return arg;
}

static void *consumer(void *arg)
{
    eventfd_t v = 0;
    long sum = 0;

    if (eventfd_read(efd, &v) != 0)
        perror("eventfd_read");
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
