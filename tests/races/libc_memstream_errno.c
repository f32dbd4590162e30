// libc_memstream_errno: two threads each read and write their own
// fmemopen() streams, which have no file descriptor, with fgets, getline,
// fputs and fprintf, and check that errno is still 0 after each successful
// call: crace's bookkeeping around the calls must not set it. No race.
//
// EXPECT: none
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static void *worker(void *arg)
{
    char text[] = "first\nsecond\n", out[64], line[16];
    char *dyn = NULL;
    size_t cap = 0;
    FILE *in = fmemopen(text, sizeof text - 1, "r");
    FILE *outf = fmemopen(out, sizeof out, "w");

    (void)arg;
    if (!in || !outf)
        abort();
    errno = 0;
    if (!fgets(line, sizeof line, in) || errno != 0)
        abort();
    if (getline(&dyn, &cap, in) < 0 || errno != 0)
        abort();
    if (fputs(line, outf) < 0 || fprintf(outf, "%s", dyn) < 0 || errno != 0)
        abort();
    free(dyn);
    fclose(in);
    fclose(outf);
    return NULL;
}

int main(void)
{
    pthread_t t1, t2;

    pthread_create(&t1, NULL, worker, NULL); /* CREATE */
    pthread_create(&t2, NULL, worker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    return 0;
}
