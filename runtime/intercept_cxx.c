/*
 * intercept_cxx.c - what C++ programs need from the runtime beyond C: the
 * C++ runtime's entry points that allocate, synchronize or move the stack
 * behind the instrumentation's back. The runtime stays C and links no C++
 * library: every real function is found by name in the program's C++
 * runtime (libstdc++ or libc++abi) the first time it is called. The
 * definitions are weak, so a program that replaces the global operator new
 * (or links its C++ runtime statically) keeps its own.
 *
 * - operator new / delete, every form (array, nothrow, aligned, sized):
 *   allocation and free through the runtime's malloc family, with the
 *   operator as a frame of its own above the program's call site.
 * - function-local statics: __cxa_guard_release publishes the initializing
 *   thread's clock on the guard, and a thread that finds the static already
 *   initialized (__cxa_guard_acquire returning 0, or the compiler's inline
 *   acquire load of the guard, an instrumented atomic) picks it up.
 * - exceptions: gcc and clang call __tsan_func_exit on the unwind paths of
 *   the C++ functions they instrument, but an exception crossing an
 *   instrumented frame without unwind cleanups (C code, built without
 *   -fexceptions, calling a C++ callback that throws) skips its exit. The
 *   catching frame's __cxa_begin_catch walks the real stack and pops the
 *   shadow frames that are no longer on it.
 * - std::thread: libstdc++ creates the thread in std::thread::_M_start_thread,
 *   not instrumented; the wrapper puts the program's call site on the shadow
 *   stack so that "Thread T1 created at:" shows the code that made it.
 */
#include "intercept.h"
#include "sync.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <unwind.h>

#define CXX_WEAK __attribute__((weak, visibility("default")))

/* The C++ runtime's definition of `name`, resolved once into *slot. */
static void *cxx_real(void **slot, const char *name)
{
    void *f = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
    if (likely(f != 0))
        return f;
    f = dlsym(RTLD_NEXT, name);
    if (!f)
        rt_die("cannot find the C++ runtime's '%s' (crace needs the shared libstdc++: "
               "do not link with -static-libstdc++)",
               name);
    __atomic_store_n(slot, f, __ATOMIC_RELEASE);
    return f;
}

#define CXX_REAL(type, name) ((type)cxx_real(&real_##name, #name))

void __tsan_func_entry(void *caller_pc);
void __tsan_func_exit(void);

/* ---- operator new / delete ---- */

/*
 * Each operator is a frame of its own: its caller's pc goes on the shadow
 * stack (and into the history, so a replayed stack has it too), and it
 * allocates with the runtime's malloc/aligned_alloc/free, which record the
 * pc inside the operator: allocation stacks and frees then read
 * "operator new(unsigned long)" (or the form used) above the program's
 * call. Only a failed allocation goes to the C++ runtime's operator, which
 * runs the new-handler and throws std::bad_alloc (or returns NULL for the
 * nothrow forms); if it throws, the catching frame's __cxa_begin_catch pops
 * the frame pushed here.
 *
 * A program may replace some forms: as in the C++ runtimes, the array,
 * sized and nothrow forms are defined in terms of the basic ones
 * (new[] -> new, delete[] -> delete, ...). So a form allocates or frees
 * directly only while every form it rests on is still ours; otherwise it
 * calls the C++ runtime's own version, which goes through the program's
 * replacements.
 */

/* std::align_val_t is an enum of size_t; std::nothrow_t is passed by reference. */
typedef size_t align_val;
typedef const void *nothrow_ref;
#define UNUSED __attribute__((unused))

/* aligned_alloc wants a size that is a multiple of the alignment. */
static inline size_t round_up(size_t n, size_t al)
{
    return (n + al - 1) & ~(al - 1);
}

/* Our definition of `name` is a static impl_name; `name` is a weak alias
 * of it, so &name is the program's replacement when it has one. */
#define OURS(name) ((void *)&name == (void *)&impl_##name)
#define CXX_ALIAS(name) __attribute__((weak, alias("impl_" #name), visibility("default")))

#define NEW_FORM(name, params, args, based_on, alloc)                                              \
    static void *real_##name;                                                                      \
    static void *impl_##name params                                                                \
    {                                                                                              \
        __tsan_func_entry((void *)RT_CALLER_PC());                                                 \
        void *p = (based_on) ? (alloc) : 0;                                                        \
        if (unlikely(!p))                                                                          \
            p = CXX_REAL(void *(*)params, name) args;                                              \
        __tsan_func_exit();                                                                        \
        return p;                                                                                  \
    }                                                                                              \
    void *name params CXX_ALIAS(name);

#define DELETE_FORM(name, params, args, based_on)                                                  \
    static void *real_##name;                                                                      \
    static void impl_##name params                                                                 \
    {                                                                                              \
        __tsan_func_entry((void *)RT_CALLER_PC());                                                 \
        if (based_on)                                                                              \
            free(p);                                                                               \
        else                                                                                       \
            CXX_REAL(void(*) params, name) args;                                                   \
        __tsan_func_exit();                                                                        \
    }                                                                                              \
    void name params CXX_ALIAS(name);

/* The basic forms come first: the others test them with OURS(). */
#define NEW_ALIGNED(n, al) aligned_alloc(al, round_up(n, al))
NEW_FORM(_Znwm, (size_t n), (n), 1, malloc(n))
NEW_FORM(_ZnwmSt11align_val_t, (size_t n, align_val al), (n, al), 1, NEW_ALIGNED(n, al))
NEW_FORM(_Znam, (size_t n), (n), OURS(_Znwm), malloc(n))
NEW_FORM(_ZnamSt11align_val_t, (size_t n, align_val al), (n, al), OURS(_ZnwmSt11align_val_t),
         NEW_ALIGNED(n, al))
NEW_FORM(_ZnwmRKSt9nothrow_t, (size_t n, nothrow_ref nt), (n, nt), OURS(_Znwm), malloc(n))
NEW_FORM(_ZnamRKSt9nothrow_t, (size_t n, nothrow_ref nt), (n, nt), OURS(_Znam) && OURS(_Znwm),
         malloc(n))
NEW_FORM(_ZnwmSt11align_val_tRKSt9nothrow_t, (size_t n, align_val al, nothrow_ref nt), (n, al, nt),
         OURS(_ZnwmSt11align_val_t), NEW_ALIGNED(n, al))
NEW_FORM(_ZnamSt11align_val_tRKSt9nothrow_t, (size_t n, align_val al, nothrow_ref nt), (n, al, nt),
         OURS(_ZnamSt11align_val_t) && OURS(_ZnwmSt11align_val_t), NEW_ALIGNED(n, al))

#define PLAIN_DELETE OURS(_ZdlPv)
#define ARRAY_DELETE (OURS(_ZdaPv) && OURS(_ZdlPv))
#define PLAIN_DELETE_AL OURS(_ZdlPvSt11align_val_t)
#define ARRAY_DELETE_AL (OURS(_ZdaPvSt11align_val_t) && OURS(_ZdlPvSt11align_val_t))
DELETE_FORM(_ZdlPv, (void *p), (p), 1)
DELETE_FORM(_ZdlPvSt11align_val_t, (void *p, align_val al), (p, al), 1)
DELETE_FORM(_ZdaPv, (void *p), (p), PLAIN_DELETE)
DELETE_FORM(_ZdaPvSt11align_val_t, (void *p, align_val al), (p, al), PLAIN_DELETE_AL)
DELETE_FORM(_ZdlPvm, (void *p, size_t n), (p, n), PLAIN_DELETE)
DELETE_FORM(_ZdaPvm, (void *p, size_t n), (p, n), ARRAY_DELETE)
DELETE_FORM(_ZdlPvRKSt9nothrow_t, (void *p, nothrow_ref nt), (p, nt), PLAIN_DELETE)
DELETE_FORM(_ZdaPvRKSt9nothrow_t, (void *p, nothrow_ref nt), (p, nt), ARRAY_DELETE)
DELETE_FORM(_ZdlPvmSt11align_val_t, (void *p, size_t n, align_val al), (p, n, al), PLAIN_DELETE_AL)
DELETE_FORM(_ZdaPvmSt11align_val_t, (void *p, size_t n, align_val al), (p, n, al), ARRAY_DELETE_AL)
DELETE_FORM(_ZdlPvSt11align_val_tRKSt9nothrow_t, (void *p, align_val al, nothrow_ref nt),
            (p, al, nt), PLAIN_DELETE_AL)
DELETE_FORM(_ZdaPvSt11align_val_tRKSt9nothrow_t, (void *p, align_val al, nothrow_ref nt),
            (p, al, nt), ARRAY_DELETE_AL)

/* ---- function-local statics ---- */

static void *real___cxa_guard_acquire, *real___cxa_guard_release, *real___cxa_guard_abort;

/* 0: the static is initialized (by another thread, or by this one before),
 * so its initializer's writes happen before what this thread does next. */
CXX_WEAK int __cxa_guard_acquire(uint64_t *guard)
{
    int r = CXX_REAL(int (*)(uint64_t *), __cxa_guard_acquire)(guard);
    struct crace_thread *t = r == 0 ? intercept_thread() : 0;
    if (t)
        sync_acquire(t, (uintptr_t)guard);
    return r;
}

/* Initialization done: published before the guard says so. */
CXX_WEAK void __cxa_guard_release(uint64_t *guard)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)guard);
    CXX_REAL(void (*)(uint64_t *), __cxa_guard_release)(guard);
}

/* The initializer threw: another thread will try again; nothing to order. */
CXX_WEAK void __cxa_guard_abort(uint64_t *guard)
{
    CXX_REAL(void (*)(uint64_t *), __cxa_guard_abort)(guard);
}

/* ---- exceptions ---- */

#define WALK_MAX 128 /* real frames looked at per catch (1 KiB of stack) */

struct walk {
    uintptr_t ip[WALK_MAX];
    unsigned n;
    int truncated; /* the stack has more frames than ip holds */
};

/* The unwinder the C++ runtime uses, found at the first catch: C programs
 * do not link it, so the runtime must not refer to it by name. */
typedef _Unwind_Reason_Code (*backtrace_fn)(_Unwind_Trace_Fn, void *);
typedef _Unwind_Ptr (*getip_fn)(struct _Unwind_Context *);
static backtrace_fn unwind_backtrace;
static getip_fn unwind_getip;

static int find_unwinder(void)
{
    if (__atomic_load_n(&unwind_backtrace, __ATOMIC_ACQUIRE))
        return 1;
    unwind_getip = (getip_fn)dlsym(RTLD_DEFAULT, "_Unwind_GetIP");
    backtrace_fn bt = (backtrace_fn)dlsym(RTLD_DEFAULT, "_Unwind_Backtrace");
    if (!unwind_getip || !bt)
        return 0;
    __atomic_store_n(&unwind_backtrace, bt, __ATOMIC_RELEASE);
    return 1;
}

static _Unwind_Reason_Code walk_frame(struct _Unwind_Context *ctx, void *arg)
{
    struct walk *w = arg;
    if (w->n == WALK_MAX) {
        w->truncated = 1;
        return _URC_NORMAL_STOP;
    }
    w->ip[w->n++] = (uintptr_t)unwind_getip(ctx);
    return _URC_NO_REASON;
}

/* Shadow-stack index of the innermost entry equal to pc below `below`, or -1. */
static long shadow_find(const struct crace_thread *t, uintptr_t pc, long below)
{
    for (long i = below - 1; i >= 0; i--)
        if (t->stack[i] == pc)
            return i;
    return -1;
}

/*
 * The shadow depth that matches the real stack: a shadow entry is the
 * return address of an instrumented frame, so the innermost real return
 * address found on the shadow stack is the innermost live instrumented
 * frame. The same return address can be there several times (recursion):
 * with k real frames returning there, the k-th entry from the bottom is
 * the live one. Returns the depth to keep, or t->depth when unsure.
 */
static uint32_t live_depth(const struct crace_thread *t, const struct walk *w)
{
    long top = t->depth;
    for (unsigned i = 0; i < w->n; i++) {
        long at = shadow_find(t, w->ip[i], top);
        if (at < 0)
            continue;
        if (w->truncated)
            return (uint32_t)at + 1; /* the innermost copy: never pops too much */
        unsigned k = 0;
        for (unsigned j = i; j < w->n; j++)
            k += w->ip[j] == w->ip[i];
        long hit = -1;
        for (long s = 0; s < top && k > 0; s++)
            if (t->stack[s] == w->ip[i] && --k == 0)
                hit = s;
        return hit >= 0 ? (uint32_t)hit + 1 : t->depth;
    }
    return t->depth;
}

/* Pop the frames that an exception left without their exit events. */
static void fix_shadow_stack(struct crace_thread *t)
{
    if (!t || t->depth == 0 || t->depth > THREAD_STACK_CAP || !find_unwinder())
        return;
    struct walk w;
    w.n = 0;
    w.truncated = 0;
    t->in_rt++;
    unwind_backtrace(walk_frame, &w);
    t->in_rt--;
    uint32_t keep = live_depth(t, &w);
    while (t->depth > keep) {
        trace_put1(t, EV_EXIT);
        t->depth--;
    }
}

static void *real___cxa_begin_catch;
CXX_WEAK void *__cxa_begin_catch(void *exception)
{
    fix_shadow_stack(intercept_thread());
    return CXX_REAL(void *(*)(void *), __cxa_begin_catch)(exception);
}

/* ---- std::thread ---- */

/* std::thread::_M_start_thread(std::unique_ptr<_State>, void (*)()): the
 * unique_ptr travels by reference (it has a destructor). */
static void
    *real__ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE;
CXX_WEAK void _ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE(
    void *self, void *state, void (*depend)(void))
{
    __tsan_func_entry((void *)RT_CALLER_PC());
    CXX_REAL(void (*)(void *, void *, void (*)(void)),
             _ZNSt6thread15_M_start_threadESt10unique_ptrINS_6_StateESt14default_deleteIS1_EEPFvvE)
    (self, state, depend);
    __tsan_func_exit();
}
