// lo_same_thread: one thread takes A then B in one function and B then A in
// another. This run cannot hang, but two threads calling the two functions
// at once can: the order is inverted all the same (as ThreadSanitizer and
// Helgrind report it). The main thread has no creation block.
//
// EXPECT: report
// WARNING: LOCK ORDER INVERSION (potential deadlock) x1
// FRAME-LINES: 18 19 27 28
// STDERR-HAS: Mutex M2 acquired here while holding M1, by main thread:
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;
static long n;

static void update_both(void)
{
    pthread_mutex_lock(&a); /* FRAME */
    pthread_mutex_lock(&b); /* FRAME */
    n++;
    pthread_mutex_unlock(&b);
    pthread_mutex_unlock(&a);
}

static void reset_both(void)
{
    pthread_mutex_lock(&b); /* FRAME */
    pthread_mutex_lock(&a); /* FRAME */
    n = 0;
    pthread_mutex_unlock(&a);
    pthread_mutex_unlock(&b);
}

int main(void)
{
    update_both();
    reset_both();
    return (int)n;
}
