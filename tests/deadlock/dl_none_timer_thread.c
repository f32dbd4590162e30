// dl_none_timer_thread: main waits on a semaphore that a POSIX timer's
// SIGEV_THREAD notification posts after about 1.5 s. libc runs the
// notification on threads it creates itself, which crace has not seen
// (until the callback runs instrumented code): with threads it does not
// know about, crace never claims that all threads are blocked.
//
// EXPECT: none
// TIMEOUT: 30
#include <semaphore.h>
#include <signal.h>
#include <string.h>
#include <time.h>

static sem_t fired;

static void on_timer(union sigval v)
{
    sem_post(v.sival_ptr);
}

int main(void)
{
    timer_t timer;
    struct sigevent ev;
    struct itimerspec when = {{0, 0}, {1, 500 * 1000000L}};
    sem_init(&fired, 0, 0);
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_timer;
    ev.sigev_value.sival_ptr = &fired;
    if (timer_create(CLOCK_MONOTONIC, &ev, &timer) != 0 || timer_settime(timer, 0, &when, NULL))
        return 1;
    sem_wait(&fired);
    timer_delete(timer);
    return 0;
}
