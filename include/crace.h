/*
 * crace.h - the public API of the crace data-race detector.
 *
 * Programs built with crace-cc can tell the detector about synchronization
 * it cannot see (custom locks, lock-free handoffs through uninstrumented
 * code), name their threads for reports, and find out which thread they
 * run on (the number reports use) and tag it with labels that reports and
 * profiles show. Without crace-cc (__CRACE__ undefined) every call compiles
 * to a cheap fallback (below), so the header can stay in production code
 * without any #ifdef.
 */
#ifndef CRACE_H
#define CRACE_H

#ifdef __cplusplus
extern "C" {
#endif

/*
 * crace_thread_name() returns the calling thread's name ("" when it has
 * none); crace_thread_name("worker") names it (reports then say thread T2
 * "worker"). The two forms are told apart by their argument count (the
 * macros at the end of this header): they call crace_get_thread_name()
 * and crace_set_thread_name(name), which can also be called directly.
 * Programs built against the earlier header, where crace_thread_name was
 * only the setter, keep working: the runtime still exports that symbol.
 */

#ifdef __CRACE__

/* Everything the calling thread did so far happens before any later
 * crace_acquire(addr) by another thread. */
void crace_release(const volatile void *addr);
/* The calling thread now happens after every earlier crace_release(addr). */
void crace_acquire(const volatile void *addr);
/* Stop / resume checking the calling thread's memory accesses (nests). */
void crace_ignore_begin(void);
void crace_ignore_end(void);
/* Races on [addr, addr+size) are intended: do not report them. */
void crace_benign_race(const volatile void *addr, unsigned long size);

/* The calling thread's number as reports show it: 0 for the main thread,
 * n for thread Tn. Never reused within a run. */
unsigned crace_thread_id(void);
/* Name the calling thread in reports (at most 63 bytes are kept). */
void crace_set_thread_name(const char *name);
/* The calling thread's name, "" when it has none. Valid while the thread
 * runs and keeps that name. */
const char *crace_get_thread_name(void);
/* The earlier setter, kept for programs built against it. */
void(crace_thread_name)(const char *name);

/*
 * Labels of the calling thread, like Go's pprof labels: key=value pairs
 * (request=42, worker=3) shown on the thread in race reports and attached
 * to its samples in the mutex, block and thread profiles. Setting a key
 * again replaces its value; a NULL value removes the key. A thread holds
 * at most 16 labels, whose keys and values take at most 256 bytes counting
 * one byte after each; past that the call changes nothing, says so once on
 * stderr and returns -1 (so does an empty or NULL key).
 * Returns 0 when the label was set (or removed).
 */
int crace_set_label(const char *key, const char *value);
/* Remove all labels of the calling thread. */
void crace_clear_labels(void);

#else

#define crace_release(addr) ((void)(addr))
#define crace_acquire(addr) ((void)(addr))
#define crace_ignore_begin() ((void)0)
#define crace_ignore_end() ((void)0)
#define crace_benign_race(addr, size) ((void)(addr), (void)(size))
#define crace_clear_labels() ((void)0)

#if defined(__GNUC__)
static __inline__ void crace_set_thread_name(const char *name)
{
    (void)name;
}

static __inline__ const char *crace_get_thread_name(void)
{
    return "";
}

static __inline__ int crace_set_label(const char *key, const char *value)
{
    (void)key;
    (void)value;
    return 0;
}

/*
 * Without crace: a number per thread, handed out in the order threads
 * first ask, from one counter shared by every file of the program (weak
 * definitions: the linker keeps one). The constructor makes the thread
 * that runs start-up (the main thread) number 0, as with crace.
 */
extern __thread unsigned crace_fallback_id_ __attribute__((weak));
__thread unsigned crace_fallback_id_ __attribute__((weak)); /* id + 1; 0: none yet */
extern unsigned crace_fallback_next_ __attribute__((weak));
unsigned crace_fallback_next_ __attribute__((weak));

static __inline__ unsigned crace_thread_id(void)
{
    if (!crace_fallback_id_)
        crace_fallback_id_ = __atomic_fetch_add(&crace_fallback_next_, 1, __ATOMIC_RELAXED) + 1;
    return crace_fallback_id_ - 1;
}

__attribute__((constructor, unused)) static void crace_fallback_main_id_(void)
{
    (void)crace_thread_id();
}
#else
#define crace_thread_id() (0u)
#define crace_set_thread_name(name) ((void)(name))
#define crace_get_thread_name() ("")
#define crace_set_label(key, value) ((void)(key), (void)(value), 0)
#endif

#endif

/*
 * crace_thread_name() and crace_thread_name(name): is the argument list
 * empty? CRACE_COMMA_ (a function-like macro expanding to a comma) placed
 * before the arguments, then before them with () after: only an empty
 * list makes the second form expand to a comma and not the first (an
 * argument starting with a parenthesis expands both). Standard C99, no
 * extension needed.
 */
#define CRACE_COMMA_(...) ,
#define CRACE_ARG3_(a, b, c, ...) c
#define CRACE_HAS_COMMA_(...) CRACE_ARG3_(__VA_ARGS__, 1, 0, 0)
#define CRACE_CAT3_(a, b, c) a##b##c
#define CRACE_PICK_(a, b, c) CRACE_CAT3_(a, b, c)
#define CRACE_NAME_10(...) crace_get_thread_name()
#define CRACE_NAME_00(...) crace_set_thread_name(__VA_ARGS__)
#define CRACE_NAME_01(...) crace_set_thread_name(__VA_ARGS__)
#define CRACE_NAME_11(...) crace_set_thread_name(__VA_ARGS__)
#define crace_thread_name(...)                                                                     \
    CRACE_PICK_(CRACE_NAME_, CRACE_HAS_COMMA_(CRACE_COMMA_ __VA_ARGS__()),                          \
                CRACE_HAS_COMMA_(CRACE_COMMA_ __VA_ARGS__))                                         \
    (__VA_ARGS__)

#ifdef __cplusplus
}
#endif

#endif
