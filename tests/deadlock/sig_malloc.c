// sig_malloc: a SIGUSR1 handler allocates and frees memory. malloc and free
// are not async-signal-safe (the signal may have interrupted malloc, which
// holds the allocator's lock): two reports, one per call, each with the
// handler's frame and then the interrupted code's.
//
// EXPECT: report
// WARNING: SIGNAL-UNSAFE CALL IN SIGNAL HANDLER x2
// FRAME-LINES: 22 25
// STDERR-HAS: Call to malloc(), which is not async-signal-safe, in the handler of signal
// STDERR-HAS: in the handler of signal SIGUSR1 (10), by main thread:
// STDERR-HAS: Call to free(), which is not async-signal-safe
// STDERR-HAS: Found 2 signal handler hazard(s)
#include <signal.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t got;
static char *volatile seen; /* the block escapes: clang -O2 may not drop malloc and free */

static void on_usr1(int sig)
{
    char *p = malloc(32); /* FRAME */
    if (p)
        seen = strcpy(p, "hello");
    free(p); /* FRAME */
    got = sig;
}

int main(void)
{
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    return got == SIGUSR1 ? 0 : 1;
}
