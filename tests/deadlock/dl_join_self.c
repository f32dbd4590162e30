// dl_join_self: a thread joins itself. It can never finish while it waits
// for itself to finish: a wait-for cycle of one thread, reported when the
// join begins (glibc happens to return EDEADLK; other systems hang).
//
// EXPECT: report
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 15
// STDERR-HAS: Cycle: thread T1 joins thread T1.
// TIMEOUT: 20
#include <pthread.h>
#include <stdio.h>

static void *joins_itself(void *arg)
{
    int rc = pthread_join(pthread_self(), NULL); /* BLOCKED */
    printf("join returned %d\n", rc);
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, joins_itself, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
