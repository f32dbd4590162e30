// mem_double_free: a block freed twice (after a thread ran, so that the
// runtime checks and quarantines frees). crace must not crash or swallow
// the bug: the second free goes to glibc, which aborts as it would without
// crace. No race.
//
// EXPECT: none
// EXIT: 134
// STDERR-HAS: double free
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *nothing(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t;
    char *volatile p;

    pthread_create(&t, NULL, nothing, NULL); /* CREATE */
    pthread_join(t, NULL);
    p = malloc(40);
    if (!p)
        return 1;
    p[0] = 1;
    free(p);
    free(p);
    puts("not reached");
    return 0;
}
