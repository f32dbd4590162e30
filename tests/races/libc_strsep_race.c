// libc_strsep_race: T1 writes byte 2 of a shared "key=value" string; T2
// then splits it with strsep(), which reads the key up to the '=' (and
// replaces the '=' with a NUL): race with T1's write. A strtok() call by
// T2 on its own copy touches nothing of T1's.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 22 34
// RACE-FUNCS: writer splitter
// RACE-ACCESS: read write
// LINK: uninstr_sync
#include <pthread.h>
#include <string.h>

#include "uninstr_sync.h"

static char pair[32] = "key=value";
static int written;

static void *writer(void *arg)
{
    pair[2] = 'Y'; /* RACY */
    crace_test_signal(&written);
    return arg;
}

static void *splitter(void *arg)
{
    char own[16] = "a b c";
    char *rest = pair, *key;

    (void)arg;
    crace_test_wait(&written);
    key = strsep(&rest, "="); /* RACY */
    return strtok(own, " ") == own && rest ? key : NULL;
}

int main(void)
{
    pthread_t t1, t2;
    void *key;

    pthread_create(&t1, NULL, writer, NULL);   /* CREATE */
    pthread_create(&t2, NULL, splitter, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &key);
    return key == pair ? 0 : 1;
}
