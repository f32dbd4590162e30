// mem_quarantine_cycle_none: producers allocate blocks of many sizes
// (malloc, calloc, aligned allocators, realloc), fill them and pass them
// through a mutex-protected queue to consumers, which check and free them.
// With a 1 MiB quarantine, freed blocks keep going back to glibc and
// coming out again for other threads; threads finish while they still
// hold quarantined blocks, and new ones start. Everything is ordered by
// the queue's mutex and by create/join: no race. Contents are checked.
//
// EXPECT: none
// ENV: CRACE_OPTIONS=quarantine_mb=1
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define ITEMS 3000
#define SLOTS 64

struct item {
    size_t n;
    unsigned char *data;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static struct item queue[SLOTS];
static int head, count, produced_all;
static int bad;

static unsigned char *make(size_t n, unsigned seed)
{
    unsigned char *p = NULL;

    switch (seed % 4) {
    case 0:
        p = malloc(n);
        break;
    case 1:
        p = calloc(n, 1);
        break;
    case 2:
        p = aligned_alloc(64, (n + 63) & ~(size_t)63);
        break;
    case 3:
        p = realloc(malloc(n / 2 + 1), n);
        break;
    }
    if (p)
        memset(p, (int)(n & 0xff), n);
    return p;
}

static void *producer(void *arg)
{
    unsigned seed = (unsigned)(size_t)arg;

    for (int i = 0; i < ITEMS; i++) {
        seed = seed * 1103515245u + 12345u;
        size_t n = 1 + (seed >> 8) % (seed % 16 == 0 ? 20000 : 300);
        unsigned char *p = make(n, seed >> 4);

        if (!p)
            abort();
        pthread_mutex_lock(&lock);
        while (count == SLOTS)
            pthread_cond_wait(&changed, &lock);
        queue[(head + count++) % SLOTS] = (struct item){n, p};
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
    }
    return NULL;
}

static void *consumer(void *arg)
{
    (void)arg;
    for (;;) {
        struct item it;

        pthread_mutex_lock(&lock);
        while (count == 0 && !produced_all)
            pthread_cond_wait(&changed, &lock);
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        it = queue[head];
        head = (head + 1) % SLOTS;
        count--;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
        for (size_t k = 0; k < it.n; k++)
            if (it.data[k] != (unsigned char)(it.n & 0xff))
                bad = 1;
        free(it.data);
    }
}

int main(void)
{
    pthread_t p[2], c[2];

    for (int round = 0; round < 2; round++) {
        produced_all = 0;
        for (int i = 0; i < 2; i++) {
            pthread_create(&p[i], NULL, producer, (void *)(size_t)(round * 2 + i + 1)); /* CREATE */
            pthread_create(&c[i], NULL, consumer, NULL);                                /* CREATE */
        }
        for (int i = 0; i < 2; i++)
            pthread_join(p[i], NULL);
        pthread_mutex_lock(&lock);
        produced_all = 1;
        pthread_cond_broadcast(&changed);
        pthread_mutex_unlock(&lock);
        for (int i = 0; i < 2; i++)
            pthread_join(c[i], NULL);
    }
    return bad;
}
