// mem_free_inner_pointer: free() of a pointer 8 bytes into a heap block
// (a bug). crace must not take it for the block (both fall in one 16-byte
// step of its block map) nor hold it back: glibc gets it at once and
// aborts as it would without crace. No race.
//
// EXPECT: none
// EXIT: 134
// STDERR-HAS: invalid pointer
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *nothing(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t;
    char *volatile p;
    volatile size_t inside = 8;

    pthread_create(&t, NULL, nothing, NULL); /* CREATE */
    pthread_join(t, NULL);
    p = malloc(64);
    if (!p)
        return 1;
    memset(p, 0, 64); /* what glibc will take for a chunk header: deterministic */
    p[0] = 1;
    free(p + inside);
    puts("not reached");
    return 0;
}
