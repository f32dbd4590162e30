// dl_none_sleeper_signals: main waits on a condition and a reader blocks on
// a pipe, both for about 1.5 s, while the only thread that can wake them
// sleeps (nanosleep, then sleep). A sleeping thread or one blocked in I/O
// is not blocked on anything crace can prove, so nothing is reported.
//
// EXPECT: none
// TIMEOUT: 30
#include <pthread.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ready_cv = PTHREAD_COND_INITIALIZER;
static int ready;
static int fds[2];

static void *sleeper(void *arg)
{
    struct timespec ts = {0, 700 * 1000000L};
    nanosleep(&ts, NULL);
    sleep(1);
    if (write(fds[1], "x", 1) != 1)
        return arg;
    pthread_mutex_lock(&m);
    ready = 1;
    pthread_cond_signal(&ready_cv);
    pthread_mutex_unlock(&m);
    return arg;
}

static void *reader(void *arg)
{
    char c;
    return read(fds[0], &c, 1) == 1 ? arg : NULL;
}

int main(void)
{
    pthread_t s, r;
    if (pipe(fds) != 0)
        return 1;
    pthread_create(&r, NULL, reader, NULL);  /* CREATE */
    pthread_create(&s, NULL, sleeper, NULL); /* CREATE */
    pthread_mutex_lock(&m);
    while (!ready)
        pthread_cond_wait(&ready_cv, &m);
    pthread_mutex_unlock(&m);
    pthread_join(s, NULL);
    pthread_join(r, NULL);
    return 0;
}
