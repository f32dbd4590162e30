// proc_longjmp_loop: two threads leave nested instrumented calls 100000 times
// with longjmp and 20000 times with siglongjmp out of a SIGUSR1 handler
// (raise()d eight calls deep), and after every jump update a shared counter
// under a mutex. The runtime must drop the abandoned frames and handler state
// each time (no overflow, no confusion). No race.
//
// EXPECT: none
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

#if defined(__clang__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE __attribute__((noinline, noipa))
#endif
#define NO_TAIL_CALL() __asm__ volatile("" ::: "memory")

#define LONGJMPS 100000
#define SIGLONGJMPS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static long counter; /* under mu */
static __thread sigjmp_buf *jump_back;

static void on_usr1(int sig)
{
    siglongjmp(*jump_back, sig);
}

NOINLINE void dive(jmp_buf *env, int depth)
{
    if (depth == 0)
        longjmp(*env, 1);
    dive(env, depth - 1);
    NO_TAIL_CALL();
}

NOINLINE void dive_raise(int depth)
{
    if (depth == 0)
        raise(SIGUSR1);
    else
        dive_raise(depth - 1);
    NO_TAIL_CALL();
}

NOINLINE void count(void)
{
    pthread_mutex_lock(&mu);
    counter++;
    pthread_mutex_unlock(&mu);
}

static void *worker(void *arg)
{
    for (int i = 0; i < LONGJMPS; i++) {
        jmp_buf env;

        if (setjmp(env) == 0)
            dive(&env, 8);
        count();
    }
    for (int i = 0; i < SIGLONGJMPS; i++) {
        sigjmp_buf env;

        jump_back = &env;
        if (sigsetjmp(env, 1) == 0)
            dive_raise(8);
        count();
    }
    return arg;
}

int main(void)
{
    struct sigaction sa;
    pthread_t t1, t2;

    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return 1;
    pthread_create(&t1, NULL, worker, NULL); /* CREATE */
    pthread_create(&t2, NULL, worker, NULL); /* CREATE */
    pthread_join(t1, NULL);
    pthread_join(t2, NULL);
    printf("counter = %ld\n", counter);
    return counter == 2L * (LONGJMPS + SIGLONGJMPS) ? 0 : 1;
}
