/* null_runtime: a "do nothing" ThreadSanitizer runtime.
 *
 * Defines every compiler-facing __tsan_* entry point of the -fsanitize=thread ABI
 * (docs: shared/reference/abi.md, sections 1a and 1b).  Memory-access hooks are empty;
 * atomics and mem* perform exactly the real operation.  An instrumented program linked
 * against this object instead of libtsan / libcrace runs with the cost of the
 * instrumentation calls alone: the floor any runtime can reach.
 *
 * Build (not instrumented!):  cc -O2 -mcx16 -c null_runtime.c
 * gcc:   gcc -fsanitize=thread -c prog.c && gcc prog.o null_runtime.o -lpthread
 * clang: clang -fsanitize=thread -c prog.c &&
 *        clang -fsanitize=thread -fno-sanitize-link-runtime prog.o null_runtime.o -lpthread
 */
#include <stdint.h>
#include <string.h>

#if defined(__SANITIZE_THREAD__)
#error "null_runtime.c must not be compiled with -fsanitize=thread"
#endif
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#error "null_runtime.c must not be compiled with -fsanitize=thread"
#endif
#endif

#define API __attribute__((visibility("default"), used))

typedef uint8_t a8;
typedef uint16_t a16;
typedef uint32_t a32;
typedef uint64_t a64;
typedef unsigned __int128 a128;

/* ---- 1a: init, function entry/exit ------------------------------------------------------- */

API void __tsan_init(void) {}
API void __tsan_func_entry(void *pc) { (void)pc; }
API void __tsan_func_exit(void) {}
API void __tsan_ignore_thread_begin(void) {}
API void __tsan_ignore_thread_end(void) {}

/* ---- 1a: plain / unaligned / volatile / compound / _pc accesses: all empty ---------------- */

#define ACCESS1(name)                                                                              \
    API void name(void *addr) { (void)addr; }
#define ACCESS_PC(name)                                                                            \
    API void name(void *addr, void *pc)                                                            \
    {                                                                                              \
        (void)addr;                                                                                \
        (void)pc;                                                                                  \
    }
#define FOR_SIZES(M, prefix, suffix)                                                               \
    M(prefix##1##suffix) M(prefix##2##suffix) M(prefix##4##suffix) M(prefix##8##suffix)           \
        M(prefix##16##suffix)

FOR_SIZES(ACCESS1, __tsan_read, )
FOR_SIZES(ACCESS1, __tsan_write, )
FOR_SIZES(ACCESS1, __tsan_unaligned_read, )
FOR_SIZES(ACCESS1, __tsan_unaligned_write, )
FOR_SIZES(ACCESS1, __tsan_volatile_read, )
FOR_SIZES(ACCESS1, __tsan_volatile_write, )
FOR_SIZES(ACCESS1, __tsan_unaligned_volatile_read, )
FOR_SIZES(ACCESS1, __tsan_unaligned_volatile_write, )
FOR_SIZES(ACCESS1, __tsan_read_write, )
FOR_SIZES(ACCESS1, __tsan_unaligned_read_write, )
FOR_SIZES(ACCESS_PC, __tsan_read, _pc)
FOR_SIZES(ACCESS_PC, __tsan_write, _pc)

API void __tsan_read_range(void *addr, unsigned long size)
{
    (void)addr;
    (void)size;
}
API void __tsan_write_range(void *addr, unsigned long size)
{
    (void)addr;
    (void)size;
}
API void __tsan_read_range_pc(void *addr, unsigned long size, void *pc)
{
    (void)addr;
    (void)size;
    (void)pc;
}
API void __tsan_write_range_pc(void *addr, unsigned long size, void *pc)
{
    (void)addr;
    (void)size;
    (void)pc;
}
API void __tsan_vptr_update(void **vptr_p, void *new_val)
{
    (void)vptr_p;
    (void)new_val;
}
API void __tsan_vptr_read(void **vptr_p) { (void)vptr_p; }

/* ---- 1a: mem* (real operation; libc's versions never call back into __tsan_*) ------------- */

API void *__tsan_memcpy(void *dst, const void *src, unsigned long n)
{
    return memmove(dst, src, n); /* memmove: tolerate overlap like the real runtimes' checks */
}
API void *__tsan_memmove(void *dst, const void *src, unsigned long n)
{
    return memmove(dst, src, n);
}
API void *__tsan_memset(void *dst, int c, unsigned long n) { return memset(dst, c, n); }

/* ---- 1b: atomics ------------------------------------------------------------------------ */

/* Strip gcc's extra flag bits (MEMMODEL_SYNC, HLE) and honour the order for loads, stores
 * and fences; read-modify-writes are locked instructions on x86 whatever the order. */
static inline int order(int mo) { return mo & 0xff; }

#define ATOMICS(N)                                                                                 \
    API a##N __tsan_atomic##N##_load(const volatile a##N *a, int mo)                               \
    {                                                                                              \
        if (order(mo) == 5)                                                                        \
            return __atomic_load_n(a, __ATOMIC_SEQ_CST);                                           \
        return __atomic_load_n(a, __ATOMIC_ACQUIRE);                                               \
    }                                                                                              \
    API void __tsan_atomic##N##_store(volatile a##N *a, a##N v, int mo)                            \
    {                                                                                              \
        if (order(mo) == 5)                                                                        \
            __atomic_store_n(a, v, __ATOMIC_SEQ_CST);                                              \
        else                                                                                       \
            __atomic_store_n(a, v, __ATOMIC_RELEASE);                                              \
    }                                                                                              \
    API a##N __tsan_atomic##N##_exchange(volatile a##N *a, a##N v, int mo)                         \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_exchange_n(a, v, __ATOMIC_SEQ_CST);                                        \
    }                                                                                              \
    API a##N __tsan_atomic##N##_fetch_add(volatile a##N *a, a##N v, int mo)                        \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_fetch_add(a, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    API a##N __tsan_atomic##N##_fetch_sub(volatile a##N *a, a##N v, int mo)                        \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_fetch_sub(a, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    API a##N __tsan_atomic##N##_fetch_and(volatile a##N *a, a##N v, int mo)                        \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_fetch_and(a, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    API a##N __tsan_atomic##N##_fetch_or(volatile a##N *a, a##N v, int mo)                         \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_fetch_or(a, v, __ATOMIC_SEQ_CST);                                          \
    }                                                                                              \
    API a##N __tsan_atomic##N##_fetch_xor(volatile a##N *a, a##N v, int mo)                        \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_fetch_xor(a, v, __ATOMIC_SEQ_CST);                                         \
    }                                                                                              \
    API a##N __tsan_atomic##N##_fetch_nand(volatile a##N *a, a##N v, int mo)                       \
    {                                                                                              \
        (void)mo;                                                                                  \
        return __atomic_fetch_nand(a, v, __ATOMIC_SEQ_CST);                                        \
    }                                                                                              \
    API int __tsan_atomic##N##_compare_exchange_strong(volatile a##N *a, a##N *c, a##N v, int mo,  \
                                                       int fmo)                                    \
    {                                                                                              \
        (void)mo;                                                                                  \
        (void)fmo;                                                                                 \
        return __atomic_compare_exchange_n(a, c, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);        \
    }                                                                                              \
    API int __tsan_atomic##N##_compare_exchange_weak(volatile a##N *a, a##N *c, a##N v, int mo,    \
                                                     int fmo)                                      \
    {                                                                                              \
        (void)mo;                                                                                  \
        (void)fmo;                                                                                 \
        return __atomic_compare_exchange_n(a, c, v, 1, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);        \
    }                                                                                              \
    API a##N __tsan_atomic##N##_compare_exchange_val(volatile a##N *a, a##N c, a##N v, int mo,     \
                                                     int fmo)                                      \
    {                                                                                              \
        (void)mo;                                                                                  \
        (void)fmo;                                                                                 \
        __atomic_compare_exchange_n(a, &c, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);              \
        return c;                                                                                  \
    }

ATOMICS(8)
ATOMICS(16)
ATOMICS(32)
ATOMICS(64)

/* 128-bit: everything through cmpxchg16b (__sync_val_compare_and_swap, inlined with -mcx16)
 * so that no libatomic is needed. */
#ifndef __GCC_HAVE_SYNC_COMPARE_AND_SWAP_16
#error "compile null_runtime.c with -mcx16"
#endif

static inline a128 cas128(volatile a128 *a, a128 expected, a128 desired)
{
    return __sync_val_compare_and_swap(a, expected, desired);
}

#define RMW128(name, expr)                                                                         \
    API a128 __tsan_atomic128_##name(volatile a128 *a, a128 v, int mo)                             \
    {                                                                                              \
        (void)mo;                                                                                  \
        a128 old = cas128(a, 0, 0), seen;                                                          \
        for (;;) {                                                                                 \
            a128 next = (expr);                                                                    \
            seen = cas128(a, old, next);                                                           \
            if (seen == old)                                                                       \
                return old;                                                                        \
            old = seen;                                                                            \
        }                                                                                          \
    }

API a128 __tsan_atomic128_load(const volatile a128 *a, int mo)
{
    (void)mo;
    return cas128((volatile a128 *)a, 0, 0); /* writes back the same value when it is 0 */
}
API void __tsan_atomic128_store(volatile a128 *a, a128 v, int mo)
{
    (void)mo;
    a128 old = cas128(a, 0, 0), seen;
    while ((seen = cas128(a, old, v)) != old)
        old = seen;
}
RMW128(exchange, v)
RMW128(fetch_add, old + v)
RMW128(fetch_sub, old - v)
RMW128(fetch_and, old &v)
RMW128(fetch_or, old | v)
RMW128(fetch_xor, old ^ v)
RMW128(fetch_nand, ~(old & v))

API int __tsan_atomic128_compare_exchange_strong(volatile a128 *a, a128 *c, a128 v, int mo,
                                                 int fmo)
{
    (void)mo;
    (void)fmo;
    a128 expected = *c, seen = cas128(a, expected, v);
    if (seen == expected)
        return 1;
    *c = seen;
    return 0;
}
API int __tsan_atomic128_compare_exchange_weak(volatile a128 *a, a128 *c, a128 v, int mo, int fmo)
{
    return __tsan_atomic128_compare_exchange_strong(a, c, v, mo, fmo);
}
API a128 __tsan_atomic128_compare_exchange_val(volatile a128 *a, a128 c, a128 v, int mo, int fmo)
{
    (void)mo;
    (void)fmo;
    return cas128(a, c, v);
}

API void __tsan_atomic_thread_fence(int mo)
{
    if (order(mo) == 5)
        __atomic_thread_fence(__ATOMIC_SEQ_CST);
    else if (order(mo) != 0)
        __atomic_thread_fence(__ATOMIC_ACQ_REL); /* compiler barrier on x86 */
}
API void __tsan_atomic_signal_fence(int mo)
{
    (void)mo;
    __atomic_signal_fence(__ATOMIC_SEQ_CST);
}
