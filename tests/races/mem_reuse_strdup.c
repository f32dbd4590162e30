// mem_reuse_strdup: T1 strdup()s and strndup()s a string, edits both
// copies and frees them; then T2, ordered only by uninstr_sync, does the
// same (getting the same chunks back). The copies are new blocks written
// by their own thread. No race.
// The quarantine is off (quarantine_mb=0): glibc gets the freed memory back at once.
//
// EXPECT: none
// ENV: GLIBC_TUNABLES=glibc.malloc.tcache_count=0:glibc.malloc.arena_max=1 CRACE_OPTIONS=quarantine_mb=0
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "uninstr_sync.h"

static const char text[] = "a string long enough for a real heap chunk";
static int started, freed, taken;

static long use_copies(char tag)
{
    char *d = strdup(text);
    char *n = strndup(text, 20);
    long sum;

    if (!d || !n)
        abort();
    d[0] = tag;
    n[0] = tag;
    sum = d[0] + n[0] + (long)strlen(d) + (long)strlen(n);
    free(d);
    free(n);
    return sum;
}

static void *first(void *arg)
{
    long sum;

    (void)arg;
    crace_test_wait(&started); /* T2's start-up allocations are done */
    sum = use_copies('x');
    crace_test_signal(&freed);
    crace_test_wait(&taken); /* nothing of T1's exit runs in between */
    return (void *)sum;
}

static void *second(void *arg)
{
    long sum;

    (void)arg;
    crace_test_signal(&started);
    crace_test_wait(&freed);
    sum = use_copies('y');
    crace_test_signal(&taken);
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, first, NULL);  /* CREATE */
    pthread_create(&t2, NULL, second, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("done\n");
    return 0;
}
