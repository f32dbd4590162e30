// dl_none_single_thread: a single-threaded program that takes free locks,
// waits on a posted semaphore, a one-thread barrier and a finished
// pthread_once stays single-threaded under crace: the deadlock watchdog
// is started only by a second thread or a wait that may never end alone
// (the program counts its tasks in /proc and fails if there is another).
//
// EXPECT: none
// TIMEOUT: 30
#include <dirent.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static long inits;

static void init(void)
{
    inits++;
}

static int tasks(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/task");
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += e->d_name[0] != '.';
    if (d)
        closedir(d);
    return n;
}

int main(void)
{
    sem_t s;
    pthread_barrier_t b;
    sem_init(&s, 0, 2);
    pthread_barrier_init(&b, NULL, 1);
    for (int i = 0; i < 2; i++) {
        pthread_mutex_lock(&m);
        pthread_mutex_unlock(&m);
        pthread_rwlock_wrlock(&rw);
        pthread_rwlock_unlock(&rw);
        sem_wait(&s);
        pthread_barrier_wait(&b);
        pthread_once(&once, init);
        flockfile(stdout);
        funlockfile(stdout);
    }
    return tasks() == 1 && inits == 1 ? 0 : 1;
}
