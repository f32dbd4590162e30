// fd_splice_none: data moved between descriptors inside the kernel still
// carries its edge. A producer fills `record` and writes a byte to pipe A; a
// relay thread moves it with splice from A to pipe B and duplicates B's
// content onto pipe C with tee; a consumer reads B and then `record`, and
// main reads C and then `record`. Each read is ordered after the producer's
// write through the relay. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

static int a[2], b[2], c[2];
static long record[4];

static void *producer(void *arg)
{
    for (int i = 0; i < 4; i++)
        record[i] = 10 + i;
    return (void *)(long)(write(a[1], "r", 1) != 1);
}

static void *relay(void *arg)
{
    if (splice(a[0], NULL, b[1], NULL, 1, 0) != 1)
        return (void *)1;
    /* tee copies what waits in b without consuming it: c gets it too */
    return (void *)(long)(tee(b[0], c[1], 1, 0) != 1);
}

static void *consumer(void *arg)
{
    char ch;
    long sum = 0;

    /* wait until tee has copied b's byte to c before consuming it */
    if (read(c[0], &ch, 1) != 1 || read(b[0], &ch, 1) != 1)
        return (void *)1;
    for (int i = 0; i < 4; i++)
        sum += record[i];
    return (void *)(long)(sum != 46);
}

int main(void)
{
    pthread_t p, r, s;
    void *rp, *rr, *rs;

    if (pipe(a) != 0 || pipe(b) != 0 || pipe(c) != 0)
        return 2;
    pthread_create(&s, NULL, consumer, NULL); /* CREATE */
    pthread_create(&r, NULL, relay, NULL);    /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(p, &rp);
    pthread_join(r, &rr);
    pthread_join(s, &rs);
    return rp || rr || rs;
}
