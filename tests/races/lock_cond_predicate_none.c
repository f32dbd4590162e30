// lock_cond_predicate_none: 200 heap messages go from producer to consumer
// through a 4-slot ring (one mutex, two condvars, predicate loops on both
// sides); each message is filled before queueing and read/freed after
// dequeueing, outside the mutex. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdlib.h>

#define ITEMS 200
#define SLOTS 4

struct msg {
    int seq;
    int payload[8];
};

static struct msg *ring[SLOTS];
static int head;
static int count;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;

static void *producer(void *arg)
{
    for (int i = 0; i < ITEMS; i++) {
        struct msg *msg = malloc(sizeof *msg);

        if (!msg)
            abort();
        msg->seq = i;
        for (int k = 0; k < 8; k++)
            msg->payload[k] = i + k;
        pthread_mutex_lock(&m);
        while (count == SLOTS)
            pthread_cond_wait(&not_full, &m);
        ring[(head + count) % SLOTS] = msg;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&m);
    }
    return arg;
}

static void *consumer(void *arg)
{
    long bad = 0;

    for (int i = 0; i < ITEMS; i++) {
        struct msg *msg;

        pthread_mutex_lock(&m);
        while (count == 0)
            pthread_cond_wait(&not_empty, &m);
        msg = ring[head];
        head = (head + 1) % SLOTS;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&m);
        bad += msg->seq != i;
        for (int k = 0; k < 8; k++)
            bad += msg->payload[k] != i + k;
        free(msg);
    }
    return (void *)bad;
}

int main(void)
{
    pthread_t p, c;
    void *bad = NULL;

    pthread_create(&c, NULL, consumer, NULL); /* CREATE */
    pthread_create(&p, NULL, producer, NULL); /* CREATE */
    pthread_join(p, NULL);
    pthread_join(c, &bad);
    return bad == NULL ? 0 : 1;
}
