/*
 * annotations.c - the public API of include/crace.h and the widely used
 * dynamic-annotations interface (Annotate*, from Valgrind/ThreadSanitizer
 * headers), so annotated code works unchanged: explicit happens-before
 * edges, custom locks, ignore regions, benign races, thread names.
 */
#include "crace.h"
#include "intercept.h"
#include "report.h"
#include "shadow.h"
#include "sync.h"

RT_EXPORT void crace_release(const volatile void *addr)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)addr);
}

RT_EXPORT void crace_acquire(const volatile void *addr)
{
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_acquire(t, (uintptr_t)addr);
}

/* The same nesting counter as __tsan_ignore_thread_begin/end (access.c). */
void __tsan_ignore_thread_begin(void);
void __tsan_ignore_thread_end(void);
RT_EXPORT void crace_ignore_begin(void)
{
    __tsan_ignore_thread_begin();
}
RT_EXPORT void crace_ignore_end(void)
{
    __tsan_ignore_thread_end();
}

/* The setter's old name (crace.h maps crace_thread_name(name) to
 * crace_set_thread_name, labels.c); kept for objects built against it. */
RT_EXPORT void(crace_thread_name)(const char *name)
{
    struct crace_thread *t = intercept_thread();
    if (t && name)
        thread_set_name(t, name);
}

RT_EXPORT void crace_benign_race(const volatile void *addr, unsigned long size)
{
    report_add_benign((uintptr_t)addr, size);
}

/* ---- dynamic annotations: (file, line) come first and are not needed ---- */

RT_EXPORT void AnnotateHappensBefore(const char *f, int l, const volatile void *addr)
{
    (void)f, (void)l;
    crace_release(addr);
}

RT_EXPORT void AnnotateHappensAfter(const char *f, int l, const volatile void *addr)
{
    (void)f, (void)l;
    crace_acquire(addr);
}

/* The Valgrind-era header expands ANNOTATE_HAPPENS_BEFORE/AFTER to these. */
RT_EXPORT void AnnotateCondVarSignal(const char *f, int l, const volatile void *cv)
{
    (void)f, (void)l;
    crace_release(cv);
}

RT_EXPORT void AnnotateCondVarSignalAll(const char *f, int l, const volatile void *cv)
{
    (void)f, (void)l;
    crace_release(cv);
}

RT_EXPORT void AnnotateCondVarWait(const char *f, int l, const volatile void *cv,
                                   const volatile void *lock)
{
    (void)f, (void)l, (void)lock;
    crace_acquire(cv);
}

/* Custom reader-writer locks, with the same two sync objects as rwlocks. */
RT_EXPORT void AnnotateRWLockCreate(const char *f, int l, const volatile void *lock)
{
    (void)f, (void)l, (void)lock;
}

RT_EXPORT void AnnotateRWLockCreateStatic(const char *f, int l, const volatile void *lock)
{
    (void)f, (void)l, (void)lock;
}

RT_EXPORT void AnnotateRWLockDestroy(const char *f, int l, const volatile void *lock)
{
    (void)f, (void)l;
    if (intercept_thread())
        sync_forget((uintptr_t)lock, 2);
}

RT_EXPORT void AnnotateRWLockAcquired(const char *f, int l, const volatile void *lock, long is_w)
{
    (void)f, (void)l;
    struct crace_thread *t = intercept_thread();
    if (!t)
        return;
    sync_acquire(t, (uintptr_t)lock);
    if (is_w)
        sync_acquire(t, (uintptr_t)lock + 1);
}

RT_EXPORT void AnnotateRWLockReleased(const char *f, int l, const volatile void *lock, long is_w)
{
    (void)f, (void)l;
    struct crace_thread *t = intercept_thread();
    if (t)
        sync_release(t, (uintptr_t)lock + (is_w ? 0 : 1));
}

/* Reads and writes share one nesting counter (as in ThreadSanitizer). */
RT_EXPORT void AnnotateIgnoreReadsBegin(const char *f, int l)
{
    (void)f, (void)l;
    __tsan_ignore_thread_begin();
}

RT_EXPORT void AnnotateIgnoreReadsEnd(const char *f, int l)
{
    (void)f, (void)l;
    __tsan_ignore_thread_end();
}

RT_EXPORT void AnnotateIgnoreWritesBegin(const char *f, int l)
{
    (void)f, (void)l;
    __tsan_ignore_thread_begin();
}

RT_EXPORT void AnnotateIgnoreWritesEnd(const char *f, int l)
{
    (void)f, (void)l;
    __tsan_ignore_thread_end();
}

RT_EXPORT void AnnotateIgnoreSyncBegin(const char *f, int l)
{
    (void)f, (void)l;
    struct crace_thread *t = intercept_thread();
    if (t)
        t->ignore_sync++;
}

RT_EXPORT void AnnotateIgnoreSyncEnd(const char *f, int l)
{
    (void)f, (void)l;
    struct crace_thread *t = intercept_thread();
    if (t && t->ignore_sync > 0)
        t->ignore_sync--;
}

RT_EXPORT void AnnotateBenignRaceSized(const char *f, int l, const volatile void *addr,
                                       unsigned long size, const char *desc)
{
    (void)f, (void)l, (void)desc;
    report_add_benign((uintptr_t)addr, size);
}

RT_EXPORT void AnnotateBenignRace(const char *f, int l, const volatile void *addr, const char *desc)
{
    (void)f, (void)l, (void)desc;
    report_add_benign((uintptr_t)addr, 1);
}

RT_EXPORT void WTFAnnotateBenignRaceSized(const char *f, int l, const volatile void *addr,
                                          unsigned long size, const char *desc)
{
    (void)f, (void)l, (void)desc;
    report_add_benign((uintptr_t)addr, size);
}

RT_EXPORT void AnnotateThreadName(const char *f, int l, const char *name)
{
    (void)f, (void)l;
    crace_thread_name(name);
}

/* Memory handed out again by a custom allocator: forget its history. */
RT_EXPORT void AnnotateNewMemory(const char *f, int l, const volatile void *addr,
                                 unsigned long size)
{
    (void)f, (void)l;
    if (intercept_thread())
        shadow_clear((uintptr_t)addr, size);
}

RT_EXPORT void AnnotatePCQPut(const char *f, int l, const volatile void *pcq)
{
    (void)f, (void)l;
    crace_release(pcq);
}

RT_EXPORT void AnnotatePCQGet(const char *f, int l, const volatile void *pcq)
{
    (void)f, (void)l;
    crace_acquire(pcq);
}

/* Deprecated or debugging annotations with no effect on detection. */
RT_EXPORT void AnnotatePCQCreate(const char *f, int l, const volatile void *pcq)
{
    (void)f, (void)l, (void)pcq;
}

RT_EXPORT void AnnotatePCQDestroy(const char *f, int l, const volatile void *pcq)
{
    (void)f, (void)l, (void)pcq;
}

RT_EXPORT void AnnotatePublishMemoryRange(const char *f, int l, const volatile void *a,
                                          unsigned long size)
{
    (void)f, (void)l, (void)a, (void)size;
}

RT_EXPORT void AnnotateUnpublishMemoryRange(const char *f, int l, const volatile void *a,
                                            unsigned long size)
{
    (void)f, (void)l, (void)a, (void)size;
}

RT_EXPORT void AnnotateExpectRace(const char *f, int l, const volatile void *a, const char *desc)
{
    (void)f, (void)l, (void)a, (void)desc;
}

RT_EXPORT void AnnotateFlushExpectedRaces(const char *f, int l)
{
    (void)f, (void)l;
}
RT_EXPORT void AnnotateFlushState(const char *f, int l)
{
    (void)f, (void)l;
}
RT_EXPORT void AnnotateNoOp(const char *f, int l, const volatile void *a)
{
    (void)f, (void)l, (void)a;
}

RT_EXPORT void AnnotateEnableRaceDetection(const char *f, int l, int enable)
{
    (void)f, (void)l;
    if (enable)
        __tsan_ignore_thread_end();
    else
        __tsan_ignore_thread_begin();
}

RT_EXPORT void AnnotateMutexIsNotPHB(const char *f, int l, const volatile void *mu)
{
    (void)f, (void)l, (void)mu;
}

RT_EXPORT void AnnotateMutexIsUsedAsCondVar(const char *f, int l, const volatile void *mu)
{
    (void)f, (void)l, (void)mu;
}

RT_EXPORT void AnnotateTraceMemory(const char *f, int l, const volatile void *a)
{
    (void)f, (void)l, (void)a;
}

RT_EXPORT void AnnotateMemoryIsInitialized(const char *f, int l, const volatile void *a,
                                           unsigned long size)
{
    (void)f, (void)l, (void)a, (void)size;
}

RT_EXPORT void AnnotateMemoryIsUninitialized(const char *f, int l, const volatile void *a,
                                             unsigned long size)
{
    (void)f, (void)l, (void)a, (void)size;
}

/* WebKit annotates atomics crace already sees: deliberately no effect. */
RT_EXPORT void WTFAnnotateHappensBefore(const char *f, int l, const volatile void *a)
{
    (void)f, (void)l, (void)a;
}

RT_EXPORT void WTFAnnotateHappensAfter(const char *f, int l, const volatile void *a)
{
    (void)f, (void)l, (void)a;
}

RT_EXPORT int RunningOnValgrind(void)
{
    return 0;
}
RT_EXPORT double ValgrindSlowdown(void)
{
    return 10.0;
}

RT_EXPORT const char *ThreadSanitizerQuery(const char *query)
{
    const char *k = "pure_happens_before";
    for (int i = 0;; i++) {
        if (query[i] != k[i])
            return "0";
        if (!k[i])
            return "1";
    }
}

/* The <sanitizer/tsan_interface.h> acquire/release. */
RT_EXPORT void __tsan_acquire(void *addr)
{
    crace_acquire(addr);
}
RT_EXPORT void __tsan_release(void *addr)
{
    crace_release(addr);
}
