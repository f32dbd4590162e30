// mis_timed_relock: a thread holding a normal mutex asks for it again with
// pthread_mutex_timedlock. It cannot get it: the call times out. Reported
// (the relock is still wrong), and the run goes on: the program sees
// ETIMEDOUT and finishes; the exit status is 66 for the report.
//
// EXPECT: report
// WARNING: DOUBLE LOCK x1
// FRAME-LINES: 20 27
// STDERR-HAS: (it is not recursive: the call can only time out)
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

int main(void)
{
    struct timespec ts;
    pthread_mutex_lock(&m); /* FRAME */
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    int rc = pthread_mutex_timedlock(&m, &ts); /* FRAME */
    if (rc == ETIMEDOUT)
        printf("timed out\n");
    pthread_mutex_unlock(&m);
    return rc == ETIMEDOUT ? 0 : 1;
}
