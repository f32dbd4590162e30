// mem_quarantine_threads_none: 4000 short threads, one after another, each
// allocating, writing and freeing a few blocks, while main frees nothing.
// Each finishing thread leaves its quarantined blocks behind (still held:
// another thread could use them after the free); they must still be
// handed back within the budget, or memory grows with the number of
// threads. The run checks its own peak RSS (about 10 MiB; 60 MiB when
// finished threads' blocks piled up). No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#define THREADS 4000
#define MAX_RSS_KIB (32 * 1024)

static void *short_life(void *arg)
{
    for (int i = 0; i < 5; i++) {
        char *volatile p = malloc(100 + (size_t)i * 40);

        if (!p)
            abort();
        p[0] = (char)i;
        free(p);
    }
    return arg;
}

int main(void)
{
    struct rusage ru;

    for (int i = 0; i < THREADS; i++) {
        pthread_t t;

        if (pthread_create(&t, NULL, short_life, NULL)) /* CREATE */
            return 1;
        pthread_join(t, NULL);
    }
    getrusage(RUSAGE_SELF, &ru);
    if (ru.ru_maxrss > MAX_RSS_KIB) {
        printf("peak RSS %ld KiB\n", ru.ru_maxrss);
        return 1;
    }
    return 0;
}
