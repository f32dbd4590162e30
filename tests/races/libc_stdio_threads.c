// libc_stdio_threads: four threads each open, write (fprintf, fputs,
// fwrite), read back (fgets, getline) and close their own file, and all of
// them fprintf() to one shared FILE without a lock of their own: stdio
// locks each FILE internally, so the stream's buffer and state are libc's
// business. They also write characters with putc_unlocked(), whose inline
// expansion updates the shared FILE's pointers from the program's own
// (instrumented) code, inside flockfile()/funlockfile(). No race.
//
// EXPECT: none
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#define THREADS 4
#define ROUNDS 30

static FILE *shared;

static long own_file(long id, int round)
{
    char path[64], line[128];
    char *dyn = NULL;
    size_t cap = 0;
    long n = 0;

    snprintf(path, sizeof path, "/tmp/crace_stdio_%d_%ld.txt", (int)getpid(), id);
    FILE *f = fopen(path, "w+");
    if (!f)
        return 0;
    fprintf(f, "thread %ld round %d\n", id, round);
    fputs("second line\n", f);
    fwrite("third\n", 1, 6, f);
    rewind(f);
    if (fgets(line, sizeof line, f))
        n += line[0];
    while (getline(&dyn, &cap, f) > 0)
        n += dyn[0];
    free(dyn);
    fclose(f);
    unlink(path);
    return n;
}

static void *worker(void *arg)
{
    long id = (long)arg, sum = 0;

    for (int i = 0; i < ROUNDS; i++) {
        sum += own_file(id, i);
        fprintf(shared, "%ld:%d\n", id, i);
        flockfile(shared);
        putc_unlocked('a' + (int)id, shared);
        putc_unlocked('\n', shared);
        funlockfile(shared);
    }
    return (void *)sum;
}

int main(void)
{
    pthread_t t[THREADS];

    shared = tmpfile();
    if (!shared)
        return 1;
    for (long i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, worker, (void *)i); /* CREATE */
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    fclose(shared);
    return 0;
}
