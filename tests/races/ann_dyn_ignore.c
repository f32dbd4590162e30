// ann_dyn_ignore: racy accesses hidden with AnnotateIgnoreWritesBegin/End
// around writes and AnnotateIgnoreReadsBegin/End around reads. `a`: ignored
// write, then ignored read; `b`: plain write, then ignored read; `c`: ignored
// write, then plain read. Real-time order from uninstr_sync. No race reported.
//
// EXPECT: none
// LINK: uninstr_sync
#include <pthread.h>
#include <stdio.h>

#include "uninstr_sync.h"

void AnnotateIgnoreReadsBegin(const char *file, int line);
void AnnotateIgnoreReadsEnd(const char *file, int line);
void AnnotateIgnoreWritesBegin(const char *file, int line);
void AnnotateIgnoreWritesEnd(const char *file, int line);

_Alignas(64) int a;
_Alignas(64) int b;
_Alignas(64) int c;
static int written;

static void *writer(void *arg)
{
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
    a = 1;
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
    b = 2;
    AnnotateIgnoreWritesBegin(__FILE__, __LINE__);
    c = 3;
    AnnotateIgnoreWritesEnd(__FILE__, __LINE__);
    crace_test_signal(&written);
    return arg;
}

static void *reader(void *arg)
{
    int sum;

    crace_test_wait(&written);
    AnnotateIgnoreReadsBegin(__FILE__, __LINE__);
    sum = a + b;
    AnnotateIgnoreReadsEnd(__FILE__, __LINE__);
    sum += c;
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
    return sum == 6 ? 0 : 1;
}
