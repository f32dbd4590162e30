/* condvar: producer/consumer bounded queue protected by one mutex and two condition
 * variables.  Measures mutex + condvar (wait/signal/broadcast) synchronization and the
 * hand-off of plain data between threads through the queue.
 * usage: condvar [scale=1] [pairs=2]   (pairs producer/consumer pairs) */
#include "bench.h"

#define QCAP 32
#define BASE_ITEMS 150000

struct item {
    uint64_t value;
    uint64_t tag;
};

static struct {
    pthread_mutex_t m;
    pthread_cond_t not_empty, not_full;
    struct item *buf[QCAP]; /* items are heap objects handed from producer to consumer */
    unsigned head, count;
    long taken, total;
} q;

struct arg {
    int id;
    long first, n;   /* producer: range of item numbers */
    uint64_t result; /* consumer: commutative sum of consumed items */
};

static void *producer(void *p)
{
    struct arg *a = p;
    for (long k = a->first; k < a->first + a->n; k++) {
        struct item *it = malloc(sizeof *it);
        if (!it)
            abort();
        it->value = bench_mix((uint64_t)k);
        it->tag = (uint64_t)k;
        BENCH_CHECK(pthread_mutex_lock(&q.m));
        while (q.count == QCAP)
            BENCH_CHECK(pthread_cond_wait(&q.not_full, &q.m));
        q.buf[(q.head + q.count) % QCAP] = it;
        q.count++;
        BENCH_CHECK(pthread_cond_signal(&q.not_empty));
        BENCH_CHECK(pthread_mutex_unlock(&q.m));
    }
    return NULL;
}

static void *consumer(void *p)
{
    struct arg *a = p;
    uint64_t sum = 0;
    for (;;) {
        BENCH_CHECK(pthread_mutex_lock(&q.m));
        while (q.count == 0 && q.taken < q.total)
            BENCH_CHECK(pthread_cond_wait(&q.not_empty, &q.m));
        if (q.taken == q.total) {
            BENCH_CHECK(pthread_mutex_unlock(&q.m));
            break;
        }
        struct item *it = q.buf[q.head];
        q.head = (q.head + 1) % QCAP;
        q.count--;
        q.taken++;
        if (q.taken == q.total) /* wake every consumer so that they can exit */
            BENCH_CHECK(pthread_cond_broadcast(&q.not_empty));
        BENCH_CHECK(pthread_cond_signal(&q.not_full));
        BENCH_CHECK(pthread_mutex_unlock(&q.m));
        sum += bench_mix(it->value ^ it->tag);
        free(it);
    }
    a->result = sum;
    return NULL;
}

int main(int argc, char **argv)
{
    double scale = bench_scale(argc, argv);
    int np = bench_threads(argc, argv, 2);
    if (np > 128)
        np = 128;
    long total = bench_work(scale, BASE_ITEMS);
    BENCH_CHECK(pthread_mutex_init(&q.m, NULL));
    BENCH_CHECK(pthread_cond_init(&q.not_empty, NULL));
    BENCH_CHECK(pthread_cond_init(&q.not_full, NULL));
    q.total = total;
    pthread_t prod[128], cons[128];
    struct arg pa[128], ca[128];
    for (int i = 0; i < np; i++) {
        ca[i].id = i;
        BENCH_CHECK(pthread_create(&cons[i], NULL, consumer, &ca[i]));
    }
    for (int i = 0; i < np; i++) {
        pa[i].id = i;
        pa[i].first = total * i / np;
        pa[i].n = total * (i + 1) / np - pa[i].first;
        BENCH_CHECK(pthread_create(&prod[i], NULL, producer, &pa[i]));
    }
    uint64_t c = 0;
    for (int i = 0; i < np; i++)
        BENCH_CHECK(pthread_join(prod[i], NULL));
    for (int i = 0; i < np; i++) {
        BENCH_CHECK(pthread_join(cons[i], NULL));
        c += ca[i].result;
    }
    bench_checksum(c ^ (uint64_t)q.taken);
    return 0;
}
