/*
 * intercept_setjmp.c - setjmp/longjmp keep the shadow call stack right.
 *
 * A longjmp leaves functions without their __tsan_func_exit. setjmp and
 * its variants are replaced by small assembly stubs (they return twice, so
 * they cannot be C wrappers): each records (jmp_buf address -> shadow stack
 * depth) for the calling thread, then jumps to the real function with the
 * caller's frame untouched. longjmp and its variants look the buffer up,
 * pop the frames it skips (writing exit events to the history, so replay
 * stays right), and call the real function.
 */
#include "intercept.h"

#include <setjmp.h>

/* Real functions, read by the stubs; set by crace_setjmp_record. */
RT_HIDDEN void *crace_real_setjmp, *crace_real__setjmp, *crace_real___sigsetjmp;

/* The records live in the thread's record (thread.h: jmp, jmp_count), not
 * in static TLS; only the owning thread touches them, most recent last. */

static void resolve_reals(void)
{
    if (!crace_real___sigsetjmp) {
        crace_real_setjmp = rt_real("setjmp");
        crace_real__setjmp = rt_real("_setjmp");
        __atomic_store_n(&crace_real___sigsetjmp, rt_real("__sigsetjmp"), __ATOMIC_RELEASE);
    }
}

/* Called by the stubs with the jmp_buf being filled. */
RT_HIDDEN void crace_setjmp_record(const void *env)
{
    resolve_reals();
    struct crace_thread *t = thread_current();
    if (!t)
        return;
    unsigned n = t->jmp_count < THREAD_JMP_MAX ? t->jmp_count : THREAD_JMP_MAX;
    for (unsigned i = 0; i < n; i++) {
        if (t->jmp[i].env == env) {
            t->jmp[i].depth = t->depth;
            return;
        }
    }
    t->jmp[t->jmp_count++ % THREAD_JMP_MAX] = (struct thread_jmp){env, t->depth};
}

/* Unwind the shadow stack to where setjmp(env) was called. */
static void before_longjmp(const void *env)
{
    struct crace_thread *t = thread_current();
    if (!t)
        return;
    unsigned n = t->jmp_count < THREAD_JMP_MAX ? t->jmp_count : THREAD_JMP_MAX;
    for (unsigned i = 0; i < n; i++) {
        if (t->jmp[i].env != env)
            continue;
        while (t->depth > t->jmp[i].depth)
            thread_leave(t);
        return;
    }
}

/*
 * The stubs. On entry the stack is 8 mod 16; the pushes keep calls to
 * crace_setjmp_record aligned, and the final jump leaves the caller's
 * return address on top, as if the caller had called the real function.
 */
__asm__(".text\n"
        ".globl setjmp\n.type setjmp,@function\nsetjmp:\n"
        "  endbr64\n  push %rdi\n  call crace_setjmp_record\n  pop %rdi\n"
        "  jmp *crace_real_setjmp(%rip)\n.size setjmp, .-setjmp\n"
        ".globl _setjmp\n.type _setjmp,@function\n_setjmp:\n"
        "  endbr64\n  push %rdi\n  call crace_setjmp_record\n  pop %rdi\n"
        "  jmp *crace_real__setjmp(%rip)\n.size _setjmp, .-_setjmp\n"
        ".globl __sigsetjmp\n.type __sigsetjmp,@function\n__sigsetjmp:\n"
        "  endbr64\n  push %rdi\n  push %rsi\n  sub $8, %rsp\n  call crace_setjmp_record\n"
        "  add $8, %rsp\n  pop %rsi\n  pop %rdi\n"
        "  jmp *crace_real___sigsetjmp(%rip)\n.size __sigsetjmp, .-__sigsetjmp\n"
        ".globl sigsetjmp\n.type sigsetjmp,@function\nsigsetjmp:\n"
        "  endbr64\n  jmp __sigsetjmp\n.size sigsetjmp, .-sigsetjmp\n");

DECLARE_REAL(void, longjmp, struct __jmp_buf_tag *, int);
RT_EXPORT void longjmp(struct __jmp_buf_tag env[1], int val)
{
    RESOLVE_REAL(longjmp);
    before_longjmp(env);
    REAL(longjmp)(env, val);
    __builtin_unreachable();
}

DECLARE_REAL(void, _longjmp, struct __jmp_buf_tag *, int);
RT_EXPORT void _longjmp(struct __jmp_buf_tag env[1], int val)
{
    RESOLVE_REAL(_longjmp);
    before_longjmp(env);
    REAL(_longjmp)(env, val);
    __builtin_unreachable();
}

DECLARE_REAL(void, siglongjmp, struct __jmp_buf_tag *, int);
RT_EXPORT void siglongjmp(struct __jmp_buf_tag env[1], int val)
{
    RESOLVE_REAL(siglongjmp);
    before_longjmp(env);
    REAL(siglongjmp)(env, val);
    __builtin_unreachable();
}

/* What longjmp becomes with _FORTIFY_SOURCE. */
DECLARE_REAL(void, __longjmp_chk, struct __jmp_buf_tag *, int);
RT_EXPORT void __longjmp_chk(struct __jmp_buf_tag *env, int val)
{
    RESOLVE_REAL(__longjmp_chk);
    before_longjmp(env);
    REAL(__longjmp_chk)(env, val);
    __builtin_unreachable();
}
