// thr_reuse_old_owner_race: `reader` starts first and waits. `writer` writes
// `shared` and is joined by main, so main may hand the writer's identity
// (its shadow slot) to the 200 threads it creates and joins next. Then the
// reader reads `shared`: it never synchronized with the writer. Race, and
// the report must name the writer (thread T2), not a later owner of the
// slot, with the writer's stack. Real-time order comes from uninstr_sync.
//
// EXPECT: race
// REPORTS: 1
// RACE-LINES: 33 26
// RACE-FUNCS: reader writer
// STDERR-HAS: Previous write at
// STDERR-HAS: by thread T2:
// LINK: uninstr_sync
#include <pthread.h>

#include "uninstr_sync.h"

#define ROUNDS 200

long shared; /* long: alone in its 8-byte shadow granule */
static int churned;

static void *writer(void *arg)
{
    shared = 42; /* RACY */
    return arg;
}

static void *reader(void *arg)
{
    crace_test_wait(&churned);
    return (void *)(shared + 0); /* RACY */
}

static void *idle(void *arg)
{
    long local[8] = {0};
    return (void *)(local[1] + (long)arg);
}

int main(void)
{
    pthread_t r, w;

    pthread_create(&r, NULL, reader, NULL); /* CREATE */
    pthread_create(&w, NULL, writer, NULL); /* CREATE */
    pthread_join(w, NULL);
    for (int i = 0; i < ROUNDS; i++) {
        pthread_t t;

        pthread_create(&t, NULL, idle, NULL); /* CREATE */
        pthread_join(t, NULL);
    }
    crace_test_signal(&churned);
    pthread_join(r, NULL);
    return 0;
}
