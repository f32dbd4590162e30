/* test_stats [THREADS]: threads record values concurrently; the count must
 * be exact. Passes on its own, but stats_record has a data race (stats.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include "minilib.h"

#define RECORDS 100

static void *recorder(void *arg)
{
    for (long i = 0; i < RECORDS; i++)
        stats_record(arg, i);
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 2;
    if (n < 1 || n > 64)
        n = 2;
    struct stats *s = stats_new();
    pthread_t t[64];
    for (int i = 0; i < n; i++)
        pthread_create(&t[i], NULL, recorder, s);
    for (int i = 0; i < n; i++)
        pthread_join(t[i], NULL);
    long count = stats_count(s);
    stats_free(s);
    if (count != (long)n * RECORDS) {
        fprintf(stderr, "test_stats: count %ld, expected %ld\n", count, (long)n * RECORDS);
        return 1;
    }
    return 0;
}
