// dl_self_relock: a function that takes a (default, non-recursive) mutex
// calls a helper that takes it again. The only thread blocks on a lock it
// holds itself: a cycle of one thread.
//
// (lockcheck reports a relock by its owner as a lock misuse, DOUBLE LOCK,
// before the call: with report_mutex_bugs=0 the deadlock detector finds
// the hang itself, as a cycle of one thread.)
//
// EXPECT: report
// ENV: CRACE_OPTIONS=report_mutex_bugs=0
// WARNING: DEADLOCK (wait-for cycle) x1
// FRAME-LINES: 22 30
// STDERR-HAS: Cycle: main thread waits for M1 held by main thread.
// TIMEOUT: 20
#include <pthread.h>

static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static long entries;

static void add_entry(void)
{
    pthread_mutex_lock(&registry_lock); /* BLOCKED */
    entries++;
    pthread_mutex_unlock(&registry_lock);
}

static void add_two(void)
{
    pthread_mutex_lock(&registry_lock);
    add_entry(); /* BLOCKED */
    add_entry();
    pthread_mutex_unlock(&registry_lock);
}

int main(void)
{
    add_two();
    return (int)entries;
}
