// dl_sem_nopost: a single-threaded program waits on a semaphore that
// nothing posts. Its only thread is blocked: reported.
//
// EXPECT: report
// WARNING: DEADLOCK (all threads are blocked) x1
// FRAME-LINES: 16
// STDERR-HAS: main thread [waiting in sem_wait on semaphore
// TIMEOUT: 20
#include <semaphore.h>

static sem_t done;

int main(void)
{
    sem_init(&done, 0, 0);
    sem_wait(&done); /* BLOCKED */
    sem_destroy(&done);
    return 0;
}
