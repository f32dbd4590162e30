// sig_sync_fault_none: a SIGSEGV handler (a fault the thread's own
// instruction raised: synchronous) prints a message and jumps back with
// siglongjmp. Not an asynchronous handler: it cannot have interrupted
// malloc or stdio at an arbitrary point. Afterwards main allocates and
// prints normally. No report.
//
// EXPECT: none
// STDERR-HAS: caught 11
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

static sigjmp_buf back;

static void on_segv(int sig)
{
    fprintf(stderr, "caught %d\n", sig);
    siglongjmp(back, 1);
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_segv;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    int faulted = 0;
    if (sigsetjmp(back, 1) == 0) {
        volatile int *volatile bad = (int *)16;
        *bad = 1;
    } else {
        faulted = 1;
    }
    char *p = malloc(32);
    snprintf(p, 32, "faulted=%d", faulted);
    puts(p);
    free(p);
    return faulted ? 0 : 1;
}
