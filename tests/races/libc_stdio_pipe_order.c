// libc_stdio_pipe_order: T1 sets a value and sends a line through a pipe
// with fprintf() and fflush(), sets another and sends a line with fputs();
// T2 reads the first line with fgets() and the second with getline(), and
// only then reads each value. Data through the pipe orders the writer
// before the reader, as with write/read and fwrite/fread. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static long first_value, second_value;
static FILE *out, *in;

static void *producer(void *arg)
{
    (void)arg;
    first_value = 11;
    fprintf(out, "first %d\n", 1);
    fflush(out);
    second_value = 22;
    fputs("second\n", out);
    fclose(out);
    return NULL;
}

static void *consumer(void *arg)
{
    char buf[32], *line = NULL;
    size_t cap = 0;
    long sum = 0;

    (void)arg;
    if (fgets(buf, sizeof buf, in))
        sum += first_value;
    if (getline(&line, &cap, in) > 0)
        sum += second_value;
    free(line);
    return (void *)sum;
}

int main(void)
{
    pthread_t t1, t2;
    int fds[2];
    void *sum;

    if (pipe(fds) != 0 || !(out = fdopen(fds[1], "w")) || !(in = fdopen(fds[0], "r")))
        return 1;
    pthread_create(&t1, NULL, producer, NULL); /* CREATE */
    pthread_create(&t2, NULL, consumer, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, &sum);
    fclose(in);
    return sum == (void *)33L ? 0 : 1;
}
