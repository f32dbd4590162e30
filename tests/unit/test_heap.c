/*
 * test_heap.c - unit tests for runtime/heap.c: block records found through
 * the heap meta map, free records reused across threads, freed records
 * (double frees, handing back); and runtime/quarantine.c: freed blocks held
 * within the budget, oldest handed back first, a finished thread's blocks.
 *
 * Links heap.c, quarantine.c, shadow.c, options.c and internal.c; the
 * "threads" are hand-built records (heap_add only reads uid, depth and
 * stack). Quarantine tests use real glibc blocks: handing back frees them.
 * The stack depot (stackdepot.c) is tested here too, as heap.c's only user.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <signal.h>
#include <string.h>

#include "heap.h"
#include "options.h"
#include "quarantine.h"
#include "stackdepot.h"

static uintptr_t fake_stack[4] = {0x1111, 0x2222};

static struct crace_thread *fake_thread(uint32_t uid)
{
    static struct crace_thread t[4];
    t[uid].uid = uid;
    t[uid].stack = fake_stack;
    t[uid].depth = 2;
    return &t[uid];
}

static void test_find_inside_and_outside(void **state)
{
    (void)state;
    struct heap_info b;
    uintptr_t a = 0x500000001000;
    heap_add(fake_thread(1), a, 40, 40, 0x4242);
    heap_add(fake_thread(2), a + 48, 100, 100, 0x4343);
    assert_true(heap_find(a, &b));
    assert_int_equal(b.start, a);
    assert_int_equal(b.size, 40);
    assert_int_equal(b.uid, 1);
    /* the allocation pc, then the caller's shadow stack innermost first */
    assert_int_equal(b.depth, 3);
    assert_int_equal(b.stack[0], 0x4242);
    assert_int_equal(b.stack[1], 0x2222);
    assert_true(heap_find(a + 39, &b));
    assert_int_equal(b.start, a);
    assert_false(heap_find(a + 40, &b)); /* past its size, before the next block */
    assert_true(heap_find(a + 48 + 99, &b));
    assert_int_equal(b.start, a + 48);
    assert_int_equal(b.uid, 2);
    assert_false(heap_find(a - 8, &b));
    heap_remove(a);
    assert_false(heap_find(a + 8, &b));
    heap_remove(a + 48);
    assert_false(heap_find(a + 60, &b));
}

static void test_find_in_a_large_block(void **state)
{
    (void)state;
    struct heap_info b;
    uintptr_t a = 0x500010000000;
    heap_add(fake_thread(1), a, 32u << 20, 32u << 20, 0x4242);
    assert_true(heap_find(a + (31u << 20), &b));
    assert_int_equal(b.start, a);
    assert_int_equal(b.size, 32u << 20);
    heap_remove(a);
    assert_false(heap_find(a + (31u << 20), &b));
}

/* A producer allocates, a consumer frees: records must come back to the
 * producer through the shared list instead of new ones being made. */
enum { ROUNDS = 20, BLOCKS = 1000 };
static const uintptr_t base = 0x500100000000;

static void *consume(void *arg)
{
    for (int i = 0; i < BLOCKS; i++)
        heap_remove(base + (uintptr_t)i * 64);
    heap_thread_exit();
    return arg;
}

static void test_records_reused_across_threads(void **state)
{
    (void)state;
    uint32_t before = heap_records_made();
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < BLOCKS; i++)
            heap_add(fake_thread(1), base + (uintptr_t)i * 64, 48, 48, 0x4242);
        pthread_t c;
        assert_int_equal(pthread_create(&c, NULL, consume, NULL), 0);
        assert_int_equal(pthread_join(c, NULL), 0);
    }
    uint32_t made = heap_records_made() - before;
    if (made > 2 * BLOCKS)
        fail_msg("%u records made for %d live blocks at a time", made, BLOCKS);
}

static void test_freed_record(void **state)
{
    (void)state;
    struct heap_info b;
    uintptr_t a = 0x500200000000;
    size_t usable;
    int twice;
    heap_add(fake_thread(1), a, 40, 48, 0x4242);
    assert_int_equal(heap_usable(a), 48);
    /* a pointer into the block is not the block */
    assert_int_equal(heap_usable(a + 8), 0);
    assert_int_equal(heap_mark_freed(a + 8, 2, &usable, &twice), 0);
    uint32_t rec = heap_mark_freed(a, 2, &usable, &twice);
    assert_true(rec != 0);
    assert_false(twice);
    assert_int_equal(usable, 48);
    /* still found while quarantined: freed by T2, allocated by T1 */
    assert_true(heap_find(a + 8, &b));
    assert_int_equal(b.uid, 1);
    assert_int_equal(b.freed_by, 2 + 1);
    /* a second free sees the mark */
    assert_int_equal(heap_mark_freed(a, 3, &usable, &twice), rec);
    assert_true(twice);
    /* exactly one caller takes the block back */
    assert_true(heap_take(a, rec));
    assert_false(heap_take(a, rec));
    assert_false(heap_find(a + 8, &b));
    assert_int_equal(heap_usable(a), 0);
    assert_int_equal(heap_mark_freed(a, 2, &usable, &twice), 0);
    /* a new block at the same address is live again */
    heap_add(fake_thread(1), a, 40, 48, 0x4242);
    assert_true(heap_find(a, &b));
    assert_int_equal(b.freed_by, 0);
    heap_remove(a);
}

/* malloc + record + free through the quarantine, as intercept_malloc.c;
 * the record's allocation pc tells this block from a later one at the
 * same address (glibc reuses what the quarantine hands back). */
static uintptr_t next_pc = 0x100000;

struct qblock {
    void *p;
    uintptr_t pc;
};

static struct qblock quarantined_block(size_t n)
{
    struct qblock q = {__libc_malloc(n), next_pc++};
    void *p = q.p;
    size_t usable;
    int twice;
    assert_non_null(p);
    heap_add(fake_thread(1), (uintptr_t)p, n, n, q.pc);
    uint32_t rec = heap_mark_freed((uintptr_t)p, 1, &usable, &twice);
    assert_true(quarantine_put((uintptr_t)p, rec, usable));
    return q;
}

static int still_held(struct qblock q)
{
    struct heap_info b;
    return heap_find((uintptr_t)q.p, &b) && b.freed_by != 0 && b.stack[0] == q.pc;
}

enum { QBLOCKS = 4000, QSIZE = 1000 };

static void test_quarantine_within_budget(void **state)
{
    (void)state;
    static struct qblock blocks[QBLOCKS];
    opt_quarantine_mb = 1;
    for (int i = 0; i < QBLOCKS; i++) {
        blocks[i] = quarantined_block(QSIZE);
        assert_true(quarantine_held_bytes() <= (1u << 20));
    }
    /* 4 MB freed: the oldest went back, the newest are held */
    assert_false(still_held(blocks[0]));
    assert_false(still_held(blocks[QBLOCKS / 2]));
    assert_true(still_held(blocks[QBLOCKS - 1]));
    assert_true(still_held(blocks[QBLOCKS - 300]));
    assert_true(quarantine_held_bytes() > (1u << 19));
    /* each block is charged its bookkeeping too: fewer than 1 MiB / QSIZE held */
    int held = 0;
    for (int i = 0; i < QBLOCKS; i++)
        held += still_held(blocks[i]);
    assert_true(held < (1 << 20) / QSIZE + 256);
    assert_true(held > (1 << 19) / (QSIZE + 256));
}

static void test_quarantine_off(void **state)
{
    (void)state;
    opt_quarantine_mb = 0;
    void *p = __libc_malloc(64);
    heap_add(fake_thread(1), (uintptr_t)p, 64, 64, 0x4242);
    size_t usable;
    int twice;
    uint32_t rec = heap_mark_freed((uintptr_t)p, 1, &usable, &twice);
    assert_false(quarantine_put((uintptr_t)p, rec, usable));
    assert_true(heap_take((uintptr_t)p, rec));
    __libc_free(p);
}

/* A thread frees blocks and ends; they stay held until another thread's
 * pushes hand them back. */
static void *free_and_finish(void *arg)
{
    struct qblock *blocks = arg;
    for (int i = 0; i < 600; i++)
        blocks[i] = quarantined_block(QSIZE);
    heap_thread_exit();
    return NULL;
}

static void test_quarantine_finished_thread(void **state)
{
    (void)state;
    static struct qblock theirs[600];
    opt_quarantine_mb = 1;
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, free_and_finish, theirs), 0);
    assert_int_equal(pthread_join(t, NULL), 0);
    assert_true(still_held(theirs[599])); /* its partial batch too */
    assert_true(still_held(theirs[300]));
    for (int i = 0; i < 2000; i++)
        quarantined_block(QSIZE);
    for (int i = 0; i < 600; i++)
        assert_false(still_held(theirs[i]));
}

/* Equal stacks share one entry; each comes back as it went in. */
static void test_depot_shares_equal_stacks(void **state)
{
    (void)state;
    uintptr_t a[3] = {0x10, 0x20, 0x30}, b[3] = {0x10, 0x20, 0x31}, out[8];
    uint32_t ia = depot_put(a, 3);
    uint64_t bytes = depot_bytes();
    assert_int_equal(depot_put(a, 3), ia);
    assert_int_equal(depot_bytes(), bytes);
    uint32_t ib = depot_put(b, 3), ia2 = depot_put(a, 2);
    assert_true(ia && ib && ia2 && ia != ib && ia != ia2 && ib != ia2);
    assert_int_equal(depot_get(ib, out, 8), 3);
    assert_memory_equal(out, b, sizeof b);
    assert_int_equal(depot_get(ia, out, 2), 2); /* cut to max */
    assert_memory_equal(out, a, 2 * sizeof *a);
    assert_int_equal(depot_put(a, 0), 0);
    /* an id never handed out (a torn record) gives no stack, never a crash */
    assert_int_equal(depot_get(0, out, 8), 0);
    assert_int_equal(depot_get(UINT32_MAX, out, 8), 0);
    /* ids inside or just past an entry: at most max frames, no crash */
    for (uint32_t id = ia; id < ib + 8; id++)
        assert_true(depot_get(id, out, 8) <= 8);
}

/* Threads adding the same new stacks at once get one id per stack. */
static void *depot_adder(void *arg)
{
    uint32_t *ids = arg;
    for (uintptr_t i = 0; i < 2000; i++) {
        uintptr_t s[2] = {0x7000 + i, 0x9000};
        ids[i] = depot_put(s, 2);
    }
    return NULL;
}

static void test_depot_concurrent_adds(void **state)
{
    (void)state;
    static uint32_t ids[4][2000];
    pthread_t th[4];
    for (int t = 0; t < 4; t++)
        assert_int_equal(pthread_create(&th[t], NULL, depot_adder, ids[t]), 0);
    for (int t = 0; t < 4; t++)
        assert_int_equal(pthread_join(th[t], NULL), 0);
    for (int i = 0; i < 2000; i++) {
        uintptr_t out[2];
        for (int t = 1; t < 4; t++)
            assert_int_equal(ids[t][i], ids[0][i]);
        assert_int_equal(depot_get(ids[0][i], out, 2), 2);
        assert_int_equal(out[0], 0x7000 + (uintptr_t)i);
    }
}

/*
 * A signal handler adding stacks while the code it interrupted is adding
 * (the same buckets: the handler's stacks are the interrupted loop's, cut
 * short): no deadlock, and every id gives back its own stack.
 */
enum { SIG_STACKS = 3000 };
static volatile sig_atomic_t handler_runs;
static uint32_t handler_ids[64];
static uintptr_t handler_top[64];

static void depot_handler(int sig)
{
    (void)sig;
    int k = handler_runs;
    if (k >= 64)
        return;
    uintptr_t s[2] = {0xa000 + (uintptr_t)(k * 37) % SIG_STACKS, 0xb000};
    handler_top[k] = s[0];
    handler_ids[k] = depot_put(s, 1);
    handler_runs = k + 1;
}

static void *depot_signaller(void *arg)
{
    pthread_t target = *(pthread_t *)arg;
    for (int i = 0; i < 64; i++) {
        pthread_kill(target, SIGUSR1);
        for (volatile int spin = 0; spin < 20000; spin++)
            ;
    }
    return NULL;
}

static void test_depot_adds_from_a_signal_handler(void **state)
{
    (void)state;
    struct sigaction sa = {.sa_handler = depot_handler}, old;
    sigemptyset(&sa.sa_mask);
    assert_int_equal(sigaction(SIGUSR1, &sa, &old), 0);
    static uint32_t ids[SIG_STACKS][2];
    pthread_t self = pthread_self(), th;
    assert_int_equal(pthread_create(&th, NULL, depot_signaller, &self), 0);
    for (int round = 0; round < 2; round++)
        for (uintptr_t i = 0; i < SIG_STACKS; i++) {
            uintptr_t s[2] = {0xa000 + i, 0xb000};
            ids[i][round] = depot_put(s, 1 + (uint32_t)round);
        }
    assert_int_equal(pthread_join(th, NULL), 0);
    assert_int_equal(sigaction(SIGUSR1, &old, NULL), 0);
    uintptr_t out[2];
    for (uintptr_t i = 0; i < SIG_STACKS; i++) {
        uintptr_t one = 0xa000 + i;
        assert_int_equal(depot_get(ids[i][0], out, 2), 1);
        assert_int_equal(out[0], one);
        assert_int_equal(depot_get(ids[i][1], out, 2), 2);
        assert_int_equal(out[0], one);
        assert_int_equal(out[1], 0xb000);
        assert_int_equal(depot_put(&one, 1), ids[i][0]);
    }
    assert_true(handler_runs > 0);
    for (int k = 0; k < handler_runs; k++) {
        assert_int_equal(depot_get(handler_ids[k], out, 2), 1);
        assert_int_equal(out[0], handler_top[k]);
    }
}

/*
 * Many live blocks allocated at one call site cost a small record each and
 * one copy of their stack (hashtable's half a million nodes held 72 MiB of
 * 176-byte records), and every block still reports its own stack.
 */
static void test_records_share_stacks(void **state)
{
    (void)state;
    uintptr_t a = 0x500300000000;
    enum { N = 20000 };
    uint64_t depot_before = depot_bytes();
    for (int i = 0; i < N; i++)
        heap_add(fake_thread(1), a + (uintptr_t)i * 32, 24, 24, 0x4343);
    heap_add(fake_thread(2), a + (uintptr_t)N * 32, 24, 24, 0x4444);
    assert_true(depot_bytes() - depot_before <= 2 * 8 * (2 + 3));
    assert_true(HEAP_RECORD_BYTES <= 32);
    struct heap_info b;
    assert_true(heap_find(a + 5 * 32 + 8, &b));
    assert_int_equal(b.depth, 3);
    assert_int_equal(b.stack[0], 0x4343);
    assert_int_equal(b.stack[1], 0x2222); /* innermost caller first */
    assert_int_equal(b.stack[2], 0x1111);
    assert_true(heap_find(a + (uintptr_t)N * 32, &b));
    assert_int_equal(b.stack[0], 0x4444);
    assert_int_equal(b.uid, 2);
    for (int i = 0; i <= N; i++)
        heap_remove(a + (uintptr_t)i * 32);
}

/* A usable size far above the requested one is kept exactly (realloc
 * copies that much, the quarantine charges it). */
static void test_usable_far_above_size(void **state)
{
    (void)state;
    uintptr_t a = 0x500400000000;
    size_t usable;
    int twice;
    heap_add(fake_thread(1), a, 1, 1 + (1ul << 33), 0x4242);
    uint32_t rec = heap_mark_freed(a, 1, &usable, &twice);
    (void)rec;
    assert_int_equal(usable, 1 + (1ul << 33));
    heap_remove(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_inside_and_outside),
        cmocka_unit_test(test_find_in_a_large_block),
        cmocka_unit_test(test_records_reused_across_threads),
        cmocka_unit_test(test_freed_record),
        cmocka_unit_test(test_depot_shares_equal_stacks),
        cmocka_unit_test(test_depot_concurrent_adds),
        cmocka_unit_test(test_depot_adds_from_a_signal_handler),
        cmocka_unit_test(test_records_share_stacks),
        cmocka_unit_test(test_usable_far_above_size),
        cmocka_unit_test(test_quarantine_within_budget),
        cmocka_unit_test(test_quarantine_off),
        cmocka_unit_test(test_quarantine_finished_thread),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
