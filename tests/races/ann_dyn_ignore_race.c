// ann_dyn_ignore_race: the reader ignores its read of `a` with
// AnnotateIgnoreReadsBegin/End, then reads `b` after the region ended. The
// writer's stores are plain. Only the race on b is reported.
// Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 39 26
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);

_Alignas(64) int a;
_Alignas(64) int b;
static int written;

static void *writer(void *arg)
{
    a = 1;
    b = 2;
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int sum;

    crace_test_wait(&written);
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    sum = a;
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
    sum += b;
    *(int *)arg = sum;
    return NULL;
}

int main(void)
{
    pthread_t w, r;
    int sum = 0;

    pthread_create(&r, NULL, reader, &sum); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(r, NULL);
    pthread_join(w, NULL);
    printf("sum = %d\n", sum);
    return 0;
}
