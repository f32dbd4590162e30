// mem_double_free_released: a block freed, then enough other memory freed
// that the quarantine (1 MiB here) has handed it back to glibc, then the
// block freed again. crace no longer knows the block and must not touch it
// (asking glibc its size could crash inside crace): glibc gets the second
// free and aborts as it would without crace. No race.
//
// EXPECT: none
// EXIT: 134
// STDERR-HAS: double free
// ENV: CRACE_OPTIONS=quarantine_mb=1
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
    p = malloc(2000);
    if (!p)
        return 1;
    p[0] = 1;
    free(p);
    for (int i = 0; i < 4096; i++)
        free(malloc(1000));
    free(p);
    puts("not reached");
    return 0;
}
