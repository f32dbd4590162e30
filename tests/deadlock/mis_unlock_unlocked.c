// mis_unlock_unlocked: a thread unlocks a mutex nobody holds (locked and
// unlocked once, then unlocked again). Reported at the second unlock.
//
// EXPECT: report
// WARNING: UNLOCK OF UNLOCKED MUTEX x1
// FRAME-LINES: 19
// STDERR-HAS: which no thread holds, by thread T1:
// STDERR-HAS: Found 1 lock misuse(s)
#include <pthread.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void *worker(void *arg)
{
    pthread_mutex_lock(&m);
    n++;
    pthread_mutex_unlock(&m);
    pthread_mutex_unlock(&m); /* FRAME */
    return arg;
}

int main(void)
{
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL); /* CREATE */
    pthread_join(t, NULL);
    return 0;
}
