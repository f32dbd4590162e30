// proc_shadow_reserve_fails: after its address space is capped
// (RLIMIT_AS), the program runs on a stack in a part of the address space
// that has no shadow yet and writes memory in another such part. The
// shadow for it cannot be reserved: crace must say so and exit with status
// 2. Formatting that message must not itself need shadow (the message's
// buffer is on that stack): it used to recurse until the stack overflowed.
//
// EXPECT: none
// EXIT: 2
// STDERR-HAS: crace: cannot reserve
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#define STACK_SIZE (256 << 10)

static long *far_data;
static struct rlimit cap;
static ucontext_t main_ctx, far_ctx;

/* A mapping at hint, made with the system call: nothing of crace sees it. */
static void *raw_map(unsigned long hint, size_t size)
{
    long p = syscall(SYS_mmap, hint, size, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == -1 || p != (long)hint) {
        perror("mmap");
        exit(1);
    }
    return (void *)p;
}

static void on_far_stack(void)
{
    setrlimit(RLIMIT_AS, &cap);
    *far_data = 1; /* needs shadow for a new part of the address space */
}

static void *warm_up(void *arg)
{
    return arg;
}

int main(void)
{
    pthread_t t;
    long pages = 0;
    FILE *f;

    /* a second thread existed: main's accesses are checked from now on */
    pthread_create(&t, NULL, warm_up, NULL);
    pthread_join(t, NULL);
    char *stack = raw_map(0x7e0000000000ul, STACK_SIZE);
    far_data = raw_map(0x7d0000000000ul, 4096);
    f = fopen("/proc/self/statm", "r");
    if (!f || fscanf(f, "%ld", &pages) != 1)
        return 1;
    fclose(f);
    cap.rlim_cur = (rlim_t)pages * (rlim_t)sysconf(_SC_PAGESIZE) + (128 << 20);
    cap.rlim_max = RLIM_INFINITY;
    getcontext(&far_ctx);
    far_ctx.uc_stack.ss_sp = stack;
    far_ctx.uc_stack.ss_size = STACK_SIZE;
    far_ctx.uc_link = &main_ctx;
    makecontext(&far_ctx, on_far_stack, 0);
    swapcontext(&main_ctx, &far_ctx);
    printf("the write went through\n");
    return 0;
}
