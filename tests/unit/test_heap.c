/*
 * test_heap.c - unit tests for runtime/heap.c: block records found through
 * the heap meta map, and free records reused across threads.
 *
 * Links heap.c, shadow.c and internal.c; the "threads" are hand-built
 * records (heap_add only reads uid, depth and stack).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <pthread.h>
#include <string.h>

#include "heap.h"

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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_inside_and_outside),
        cmocka_unit_test(test_find_in_a_large_block),
        cmocka_unit_test(test_records_reused_across_threads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
