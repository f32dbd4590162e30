// mis_unlock_never_locked: unlocks of locks that were never locked: a
// mutex initialized by pthread_mutex_init, a C11 mutex, a read-write lock
// (unlock without rdlock/wrlock) and a spinlock. Four reports.
//
// EXPECT: report
// WARNING: UNLOCK OF UNLOCKED MUTEX x4
// FRAME-LINES: 15 18 20 23
#include <pthread.h>
#include <threads.h>

int main(void)
{
    pthread_mutex_t m;
    pthread_mutex_init(&m, NULL);
    pthread_mutex_unlock(&m); /* FRAME */
    mtx_t c;
    mtx_init(&c, mtx_plain);
    mtx_unlock(&c); /* FRAME */
    pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
    pthread_rwlock_unlock(&rw); /* FRAME */
    pthread_spinlock_t s;
    pthread_spin_init(&s, PTHREAD_PROCESS_PRIVATE);
    pthread_spin_unlock(&s); /* FRAME */
    return 0;
}
