// libc_stdio_locked_heavy: four threads read lines from one shared stream
// into one shared getline() buffer (which libc reallocates as lines grow)
// and one shared fgets() buffer, print shared strings with fprintf("%s")
// and puts, and scan them with sscanf, all under one mutex; each thread
// also formats into its own buffers and writes its own stream (with its
// own setvbuf buffer) without the lock. No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define THREADS 4
#define LINES 400

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static FILE *in, *sink;
static char *line;
static size_t cap;
static char fixed[64];
static char shared_text[64] = "shared 1";

static long locked_step(long id)
{
    long n = 0;
    int v;

    pthread_mutex_lock(&lock);
    if (getline(&line, &cap, in) > 0)
        n += line[0];
    if (fgets(fixed, sizeof fixed, in))
        n += fixed[0];
    snprintf(shared_text, sizeof shared_text, "shared %ld", id);
    fprintf(sink, "[%s] %s", shared_text, fixed);
    fputs(shared_text, sink);
    puts(shared_text);
    if (sscanf(shared_text, "shared %d", &v) == 1)
        n += v;
    pthread_mutex_unlock(&lock);
    return n;
}

static void *worker(void *arg)
{
    long id = (long)arg, sum = 0;
    char buf[64], own_buf[BUFSIZ];
    FILE *own = fopen("/dev/null", "w");

    if (!own)
        return NULL;
    setvbuf(own, own_buf, _IOFBF, sizeof own_buf);
    for (int i = 0; i < LINES / THREADS; i++) {
        sum += locked_step(id);
        snprintf(buf, sizeof buf, "%ld:%d:%s", id, i, "own");
        fprintf(own, "%s %d\n", buf, i);
    }
    fclose(own);
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    in = tmpfile();
    sink = fopen("/dev/null", "w");
    if (!in || !sink || !freopen("/dev/null", "w", stdout))
        return 1;
    for (int i = 0; i < LINES; i++) {
        for (int k = 0; k < i % 150; k++)
            fputc('a' + k % 26, in);
        fprintf(in, " line %d\n", i);
    }
    rewind(in);
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    free(line);
    fclose(sink);
    fclose(in);
    return 0;
}
