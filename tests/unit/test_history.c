/*
 * test_history.c - unit tests for runtime/history.c: the per-slot event
 * ring, part snapshots and the replay that rebuilds a previous access's
 * stack (trace_find).
 *
 * Links history.c, clock.c and internal.c. Events are written with the
 * inline writers of thread.h, the way access.c, thread_tick and the
 * function entry/exit hooks write them.
 *
 * The tests named test_bug_* and test_deep_snapshot_frames_are_real are
 * regression tests for replay bugs found by these tests (a part's first
 * entry/exit applied twice; frames past the snapshot returned as stale data).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "history.h"
#include "thread.h"

static struct crace_thread T;
static struct trace TR;
static struct trace_hit hit;
static int delivered; /* signal_deliver_pending calls, see the signal tests below */

/* events.c stand-ins: no tool is part of this test. */
void ev_lock_taken(struct crace_thread *t, uintptr_t addr, unsigned flags, uintptr_t pc)
{
    (void)t, (void)addr, (void)flags, (void)pc;
}

void ev_lock_released(struct crace_thread *t, uintptr_t addr, uintptr_t pc)
{
    (void)t, (void)addr, (void)pc;
}

static int setup(void **state)
{
    (void)state;
    memset(&T, 0, sizeof T);
    T.slot = 3;
    vclock_set(&T.clock, T.slot, 1);
    T.fast = cell_make(T.slot, 1);
    trace_init(&TR, 0);
    T.tr = &TR;
    T.stack = rt_map(THREAD_STACK_CAP * sizeof(uintptr_t));
    /* a thread's history begins like thread_begin_history's */
    trace_put1(&T, EV_OTHER | (EVO_STACK_RESET << 2));
    trace_put1(&T, EV_OTHER | (EVO_EPOCH << 2) | (1ull << 8));
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    delivered = 0;
    rt_signal_pending = 0;
    trace_destroy(&TR);
    rt_unmap(T.stack, THREAD_STACK_CAP * sizeof(uintptr_t));
    vclock_free(&T.clock);
    return 0;
}

/* __tsan_func_entry / __tsan_func_exit (thread.h): the event is written
 * before the shadow stack changes (a part snapshot must not already hold
 * the frame). */
static void enter(uintptr_t pc)
{
    thread_enter(&T, pc);
}

static void leave(void)
{
    thread_leave(&T);
}

/* thread_tick (thread.c) */
static uint64_t tick(void)
{
    uint64_t e = vclock_get(&T.clock, T.slot) + 1;
    const uint64_t w = EV_OTHER | (EVO_EPOCH << 2) | (e << 8);
    thread_signals_hold();
    vclock_set(&T.clock, T.slot, e);
    T.fast = cell_make(T.slot, e);
    trace_put_held(&T, &w, 1);
    thread_signals_release();
    return e;
}

static uint64_t sizelog(unsigned size)
{
    return size == 1 ? 0 : size == 2 ? 1 : size == 4 ? 2 : 3;
}

/* access_sized: flags are EVA_READ / EVA_ATOMIC */
static void acc(uintptr_t addr, unsigned size, uint64_t flags, uintptr_t pc)
{
    trace_put2(&T,
               EV_ACCESS | flags | (sizelog(size) << EVA_SIZELOG_SHIFT) |
                   ((uint64_t)addr << EVA_ADDR_SHIFT),
               pc);
}

/* access_range_slow */
static void range(uintptr_t addr, uint64_t size, uint64_t flags, uintptr_t pc)
{
    trace_put3(&T, EV_ACCESS | EVA_RANGE | flags | ((uint64_t)addr << EVA_ADDR_SHIFT), pc, size);
}

static int find(uint64_t epoch, uintptr_t granule, unsigned mask, uint64_t kind)
{
    memset(&hit, 0xa5, sizeof hit);
    trace_find(&TR, epoch, granule, mask, kind, &hit);
    return hit.found;
}

static void assert_stack(const uintptr_t *want, uint32_t n)
{
    assert_int_equal(hit.depth, n);
    for (uint32_t i = 0; i < n; i++)
        if (hit.stack[i] != want[i])
            fail_msg("frame %u: 0x%lx, want 0x%lx", i, (unsigned long)hit.stack[i],
                     (unsigned long)want[i]);
}

static void test_init(void **state)
{
    (void)state;
    assert_int_equal(TR.cap, 1u << 16);
    assert_int_equal(TR.pos, 2);
    assert_non_null(TR.ring);
    /* the first event opened part 0 with a snapshot of the thread */
    assert_int_equal(TR.parts[0].start, 0);
    assert_int_equal(TR.parts[0].epoch, 1);
    assert_int_equal(TR.parts[0].depth, 0);
    assert_int_equal(TR.next_part, TR.cap / TRACE_PARTS);
    for (int i = 1; i < TRACE_PARTS; i++)
        assert_int_equal(TR.parts[i].start, UINT64_MAX);
    struct trace big;
    trace_init(&big, 1);
    assert_int_equal(big.cap, 1u << 17);
    big.ring[big.cap - 1] = 1; /* the whole ring is mapped */
    trace_destroy(&big);
    assert_null(big.ring);
    /* nothing written: nothing found */
    assert_false(find(1, 0x1000, 0xff, 0));
    struct trace empty;
    trace_init(&empty, 0);
    memset(&hit, 0xa5, sizeof hit);
    trace_find(&empty, 1, 0x1000, 0xff, 0, &hit);
    assert_false(hit.found);
    trace_destroy(&empty);
}

/* Snapshots: one per part, taken by the first event written into it. */
static void test_part_snapshots(void **state)
{
    (void)state;
    uint64_t size = TR.cap / TRACE_PARTS;
    enter(0x51);
    enter(0x52);
    while (TR.pos < size)
        acc(0x1000, 8, 0, 0x1);
    uint64_t at = TR.pos; /* the access that crossed may have overrun */
    uint64_t e = tick();
    assert_int_equal(TR.parts[1].start, at);
    assert_int_equal(TR.parts[1].epoch, e); /* the tick's clock update came first */
    assert_int_equal(TR.parts[1].depth, 2);
    assert_int_equal(TR.parts[1].stack[0], 0x51);
    assert_int_equal(TR.parts[1].stack[1], 0x52);
    assert_int_equal(TR.next_part, 2 * size);
    /* a 3-word event straddling a boundary: the snapshot goes to the next event */
    while (TR.pos < 2 * size - 1)
        trace_put1(&T, EV_OTHER); /* a no-op event */
    range(0x2000, 16, 0, 0x2);
    assert_int_equal(TR.pos, 2 * size + 2);
    assert_int_equal(TR.parts[2].start, UINT64_MAX);
    acc(0x2000, 8, 0, 0x3);
    assert_int_equal(TR.parts[2].start, 2 * size + 2);
    assert_int_equal(TR.next_part, 3 * size);
    assert_true(find(e, 0x2008, 0xff, 0));
    assert_int_equal(hit.pc, 0x2); /* only the range wrote 0x2008 */
    assert_stack((uintptr_t[]){0x51, 0x52}, 2);
}

static void test_find_access_and_stack(void **state)
{
    (void)state;
    enter(0x1111);
    enter(0x2222);
    acc(0x7000, 4, 0, 0xa1); /* write of bytes 0-3 at epoch 1 */
    leave();
    leave();
    uint64_t e = tick();
    assert_int_equal(e, 2);
    enter(0x3333);
    acc(0x7004, 4, EVA_READ, 0xb1); /* read of bytes 4-7 at epoch 2 */
    enter(0x4444);
    acc(0x7010, 8, 0, 0xc1);

    assert_true(find(1, 0x7000, 0x0f, 0));
    assert_int_equal(hit.pc, 0xa1);
    assert_int_equal(hit.addr, 0x7000);
    assert_stack((uintptr_t[]){0x1111, 0x2222}, 2);

    assert_true(find(1, 0x7000, 0x08, 0)); /* any overlapping byte */
    assert_int_equal(hit.pc, 0xa1);

    assert_true(find(2, 0x7000, 0xf0, EVA_READ));
    assert_int_equal(hit.pc, 0xb1);
    assert_int_equal(hit.addr, 0x7004);
    assert_stack((uintptr_t[]){0x3333}, 1);

    assert_true(find(2, 0x7010, 0x01, 0));
    assert_int_equal(hit.pc, 0xc1);
    assert_int_equal(hit.addr, 0x7010);
    assert_stack((uintptr_t[]){0x3333, 0x4444}, 2);
}

static void test_not_found(void **state)
{
    (void)state;
    acc(0x7000, 4, 0, 0xa1);
    tick();
    acc(0x7004, 2, EVA_READ, 0xb1);

    assert_false(find(3, 0x7000, 0xff, 0)); /* epoch not reached */
    assert_false(find(5, 0x7000, 0xff, 0));
    assert_false(find(2, 0x7000, 0x0f, 0));        /* that write was at epoch 1 */
    assert_false(find(1, 0x7000, 0xf0, 0));        /* bytes not written at epoch 1 */
    assert_false(find(1, 0x7000, 0x0f, EVA_READ)); /* it was a write */
    assert_false(find(1, 0x7008, 0xff, 0));        /* other granule */
    assert_false(find(2, 0x7000, 0xc0, EVA_READ)); /* the read covered bytes 4-5 only */
    assert_true(find(2, 0x7000, 0x20, EVA_READ));
    assert_int_equal(hit.pc, 0xb1);
    assert_false(find(2, 0x7000, 0x20, EVA_READ | EVA_ATOMIC));
}

static void test_kinds(void **state)
{
    (void)state;
    acc(0x8000, 8, EVA_READ | EVA_ATOMIC, 0x11);
    acc(0x8000, 8, EVA_ATOMIC, 0x12);
    acc(0x8000, 8, EVA_READ, 0x13);
    acc(0x8000, 8, 0, 0x14);
    range(0x8000, 64, EVA_FREE, 0x15);

    assert_true(find(1, 0x8000, 0xff, EVA_READ | EVA_ATOMIC));
    assert_int_equal(hit.pc, 0x11);
    assert_true(find(1, 0x8000, 0xff, EVA_ATOMIC));
    assert_int_equal(hit.pc, 0x12);
    assert_true(find(1, 0x8000, 0xff, EVA_READ));
    assert_int_equal(hit.pc, 0x13);
    assert_true(find(1, 0x8000, 0xff, 0));
    assert_int_equal(hit.pc, 0x14);
    assert_true(find(1, 0x8038, 0x80, EVA_FREE));
    assert_int_equal(hit.pc, 0x15);
    assert_int_equal(hit.addr, 0x8000);
    assert_false(find(1, 0x8040, 0x01, EVA_FREE));
}

static void test_sizes_and_ranges(void **state)
{
    (void)state;
    acc(0x9001, 1, 0, 0x21); /* byte 1 */
    acc(0x9012, 2, 0, 0x22); /* bytes 2-3 of 0x9010 */
    acc(0x9020, 8, 0, 0x23);
    range(0x9103, 20, 0, 0x24); /* 0x9103 .. 0x9116 */

    assert_true(find(1, 0x9000, 0x02, 0));
    assert_false(find(1, 0x9000, 0x01 | 0x04, 0));
    assert_true(find(1, 0x9010, 0x08, 0));
    assert_int_equal(hit.pc, 0x22);
    assert_false(find(1, 0x9010, 0x10, 0));
    assert_true(find(1, 0x9020, 0x80, 0));
    assert_int_equal(hit.pc, 0x23);

    assert_false(find(1, 0x9100, 0x07, 0)); /* before the range */
    assert_true(find(1, 0x9100, 0x08, 0));
    assert_int_equal(hit.pc, 0x24);
    assert_int_equal(hit.addr, 0x9103);
    assert_true(find(1, 0x9108, 0xff, 0));
    assert_true(find(1, 0x9110, 0x40, 0));  /* last byte 0x9116 */
    assert_false(find(1, 0x9110, 0x80, 0)); /* 0x9117: past the end */
    assert_false(find(1, 0x9118, 0xff, 0));
}

static void test_which_access_of_an_epoch(void **state)
{
    (void)state;
    /* several accesses at one epoch: the one overlapping the cell's bytes */
    enter(0x1);
    acc(0xa000, 2, 0, 0x31);
    enter(0x2);
    acc(0xa004, 4, 0, 0x32);
    leave();
    acc(0xa008, 8, 0, 0x33);
    assert_true(find(1, 0xa000, 0x30, 0));
    assert_int_equal(hit.pc, 0x32);
    assert_int_equal(hit.addr, 0xa004);
    assert_stack((uintptr_t[]){0x1, 0x2}, 2);
    assert_true(find(1, 0xa000, 0x02, 0));
    assert_int_equal(hit.pc, 0x31);
    assert_stack((uintptr_t[]){0x1}, 1);
}

static void test_stack_reset(void **state)
{
    (void)state;
    enter(0x10);
    enter(0x20);
    /* a new thread takes over the slot: its stack starts empty */
    trace_put1(&T, EV_OTHER | (EVO_STACK_RESET << 2));
    T.depth = 0;
    uint64_t e = tick();
    acc(0xb000, 4, 0, 0x41);
    enter(0x30);
    acc(0xb008, 4, 0, 0x42);
    assert_true(find(e, 0xb000, 0x0f, 0));
    assert_stack(NULL, 0);
    assert_true(find(e, 0xb008, 0x0f, 0));
    assert_stack((uintptr_t[]){0x30}, 1);
    /* an exit with an empty replay stack does not underflow */
    leave();
    leave();
    T.depth = 0;
    acc(0xb010, 4, 0, 0x43);
    assert_true(find(e, 0xb010, 0x0f, 0));
    assert_stack(NULL, 0);
}

/* Events written so far exceed the ring: the oldest parts are gone. */
static void test_overwritten_and_part_snapshots(void **state)
{
    (void)state;
    enter(0xf1);
    acc(0xc000, 8, 0, 0xa0); /* epoch 1, soon overwritten */
    enter(0xf2);
    enter(0xf3);
    leave(); /* depth 2 from here on: f1, f2 */
    uint64_t e = tick();
    /* 80000 words at epoch 2: more than the 65536-word ring */
    for (uintptr_t i = 0; i < 40000; i++)
        acc(0x100000 + 8 * i, 8, 0, 0xb0000 + i);
    assert_true(TR.pos > TR.cap);
    enter(0xf4);
    acc(0xd000, 4, EVA_READ, 0xc0);
    leave();
    acc(0xd008, 4, 0, 0xc1);

    /* overwritten: not found, whatever the epoch */
    assert_false(find(1, 0xc000, 0xff, 0));
    assert_false(find(e, 0x100000 + 8 * 100, 0xff, 0));

    /* recent ones: found, with the stack rebuilt from a part snapshot
     * taken long after the entries of f1 and f2 were overwritten, and the
     * epoch known from the snapshot (no epoch event left in the ring) */
    assert_true(find(e, 0xd000, 0x0f, EVA_READ));
    assert_int_equal(hit.pc, 0xc0);
    assert_stack((uintptr_t[]){0xf1, 0xf2, 0xf4}, 3);
    assert_true(find(e, 0xd008, 0x01, 0));
    assert_int_equal(hit.pc, 0xc1);
    assert_stack((uintptr_t[]){0xf1, 0xf2}, 2);
    assert_true(find(e, 0x100000 + 8 * 39990, 0xff, 0));
    assert_int_equal(hit.pc, 0xb0000 + 39990);
    assert_int_equal(hit.addr, 0x100000 + 8 * 39990);
    assert_stack((uintptr_t[]){0xf1, 0xf2}, 2);

    /* the oldest access still in the ring is at most one ring old */
    uint64_t oldest = 40000, newest_lost = 0;
    for (uintptr_t i = 0; i < 40000; i += 97) {
        if (find(e, 0x100000 + 8 * i, 0xff, 0)) {
            assert_int_equal(hit.pc, 0xb0000 + i);
            if (i < oldest)
                oldest = i;
        } else {
            newest_lost = i;
        }
    }
    assert_true(newest_lost < oldest);           /* a prefix was lost */
    assert_true((40000 - oldest) * 2 <= TR.cap); /* only what the ring holds */
    assert_true((40000 - oldest) * 2 >= TR.cap - 2 * TR.cap / TRACE_PARTS);
}

/* An epoch change and a stack that shrinks below the snapshot's depth. */
static void test_snapshot_then_exits(void **state)
{
    (void)state;
    for (uintptr_t f = 1; f <= 10; f++)
        enter(0xe00 + f);
    for (uintptr_t i = 0; i < 40000; i++)
        acc(0x200000 + 8 * i, 8, EVA_READ, 0x5000 + i);
    for (int k = 0; k < 7; k++)
        leave(); /* below the depth of every surviving snapshot */
    uint64_t e = tick();
    acc(0xe000, 1, 0, 0x77);
    assert_true(find(e, 0xe000, 0x01, 0));
    assert_stack((uintptr_t[]){0xe01, 0xe02, 0xe03}, 3);
    assert_true(find(1, 0x200000 + 8 * 39999, 0x01, EVA_READ));
    assert_int_equal(hit.pc, 0x5000 + 39999);
    assert_int_equal(hit.depth, 10);
    assert_int_equal(hit.stack[9], 0xe0a);
}

/*
 * Regression: __tsan_func_entry used to push the frame before writing the
 * entry event (and exit to pop before writing the exit event). When that
 * event was the first of a part, the part snapshot already held the new
 * depth and replay applied the event a second time: a duplicated (or lost)
 * frame in every stack rebuilt from the part. The event now comes first.
 */

/* Fill with no-op events up to the next part boundary. */
static void to_boundary(void)
{
    while (TR.pos < TR.next_part)
        trace_put1(&T, EV_OTHER);
}

/* Write accesses until the part starting at `start` is the oldest kept. */
static void until_oldest(uint64_t start)
{
    uint64_t size = TR.cap / TRACE_PARTS;
    for (uintptr_t i = 0; TR.pos + 2 < start + TR.cap - size / 2; i++)
        acc(0x400000 + 8 * (i & 1023), 8, EVA_READ, 0x7000);
}

static void test_bug_entry_first_in_part(void **state)
{
    (void)state;
    enter(0x60);
    to_boundary();
    uint64_t start = TR.pos;
    enter(0x61); /* first event of the part */
    until_oldest(start);
    acc(0x9000, 8, 0, 0x62);
    assert_true(find(1, 0x9000, 0xff, 0));
    assert_stack((uintptr_t[]){0x60, 0x61}, 2);
}

static void test_bug_exit_first_in_part(void **state)
{
    (void)state;
    enter(0x70);
    enter(0x71);
    to_boundary();
    uint64_t start = TR.pos;
    leave(); /* first event of the part */
    until_oldest(start);
    acc(0x9000, 8, 0, 0x72);
    assert_true(find(1, 0x9000, 0xff, 0));
    assert_stack((uintptr_t[]){0x70}, 1);
}
/*
 * Regression: the part snapshot kept the outermost 128 frames but the full
 * depth, so replay returned frames 128..depth-1 as stale data. Snapshots
 * now keep the innermost frames and a hit holds only frames it knows.
 */
static void test_deep_snapshot_frames_are_real(void **state)
{
    (void)state;
    /* first, a replay with a deep stack of other pcs (fills replay state) */
    for (uintptr_t f = 0; f < 200; f++)
        enter(0xdead0000 + f);
    acc(0xf000, 8, 0, 0x99);
    assert_true(find(1, 0xf000, 0xff, 0));
    assert_int_equal(hit.depth, 200);
    for (int k = 0; k < 200; k++)
        leave();
    uint64_t e = tick();

    /* now 200 frames of other pcs, then enough events that only parts
     * starting at depth 200 survive */
    for (uintptr_t f = 0; f < 200; f++)
        enter(0x50000 + f);
    for (uintptr_t i = 0; i < 40000; i++)
        acc(0x300000 + 8 * i, 8, 0, 0x6000 + i);
    acc(0xf100, 8, 0, 0x9a);
    assert_true(find(e, 0xf100, 0xff, 0));
    assert_int_equal(hit.pc, 0x9a);
    /* the snapshot keeps the innermost frames: hit.stack holds frames
     * 200 - depth .. 199, outermost first */
    assert_true(hit.depth > 0 && hit.depth <= 200);
    uintptr_t first = 0x50000 + (200 - hit.depth);
    for (uint32_t i = 0; i < hit.depth; i++)
        if (hit.stack[i] != first + i)
            fail_msg("frame %u of %u is 0x%lx, not a frame of the stack (0x%lx)", i, hit.depth,
                     (unsigned long)hit.stack[i], (unsigned long)(first + i));
    assert_int_equal(hit.missing, 200 - hit.depth); /* and it says how many it lacks */
    assert_int_equal(hit.depth, TRACE_PART_STACK);
}

/* A stack that grows past 256 frames during replay: the innermost 256 are
 * kept (they used to be the outermost ones) and the rest counted. */
static void test_deep_replay_keeps_innermost(void **state)
{
    (void)state;
    for (uintptr_t f = 0; f < 300; f++)
        enter(0x60000 + f);
    acc(0xf200, 8, 0, 0x9b);
    assert_true(find(1, 0xf200, 0xff, 0));
    assert_int_equal(hit.depth, 256);
    assert_int_equal(hit.missing, 44);
    for (uint32_t i = 0; i < 256; i++)
        if (hit.stack[i] != 0x60000 + 44 + i)
            fail_msg("frame %u is 0x%lx, want 0x%lx", i, (unsigned long)hit.stack[i],
                     (unsigned long)(0x60000 + 44 + i));
    /* back up to 100 frames: the replay knows frames 44..99 only */
    for (int k = 0; k < 200; k++)
        leave();
    acc(0xf208, 8, 0, 0x9c);
    assert_true(find(1, 0xf208, 0xff, 0));
    assert_int_equal(hit.depth, 56);
    assert_int_equal(hit.missing, 44);
    assert_int_equal(hit.stack[0], 0x60000 + 44);
    /* a complete stack lacks nothing */
    for (int k = 0; k < 100; k++)
        leave();
    enter(0x61);
    acc(0xf210, 8, 0, 0x9d);
    assert_true(find(1, 0xf210, 0xff, 0));
    assert_stack((uintptr_t[]){0x61}, 1);
    assert_int_equal(hit.missing, 0);
}

/* The shadow stack keeps the innermost THREAD_STACK_CAP frames. */
static void test_shadow_stack_keeps_innermost(void **state)
{
    (void)state;
    for (uintptr_t f = 0; f < THREAD_STACK_CAP + 10; f++)
        enter(0x70000 + f);
    assert_int_equal(thread_stack_missing(&T), 10);
    uintptr_t out[THREAD_STACK_CAP + 1];
    assert_int_equal(thread_stack_copy(&T, 0x1, out, THREAD_STACK_CAP + 1), THREAD_STACK_CAP + 1);
    assert_int_equal(out[0], 0x1);
    assert_int_equal(out[1], 0x70000 + THREAD_STACK_CAP + 9); /* innermost call site first */
    assert_int_equal(out[THREAD_STACK_CAP], 0x70000 + 10);
    assert_int_equal(thread_stack_copy(&T, 0x1, out, 3), 3);
    assert_int_equal(out[2], 0x70000 + THREAD_STACK_CAP + 8);
    for (int k = 0; k < 20; k++)
        leave();
    assert_int_equal(thread_stack_missing(&T), 0);
    assert_int_equal(thread_stack_copy(&T, 0x1, out, 2), 2);
    assert_int_equal(out[1], 0x70000 + THREAD_STACK_CAP - 11);
}

/*
 * Signals during history writes. A handler that arrives while the thread
 * writes its history is deferred (thread.h) and delivered through
 * signal_deliver_pending once the write and the state change that goes
 * with it are complete. This test's signal_deliver_pending plays the
 * handler: it records what it saw, then calls instrumented functions and
 * writes history of its own, as a real handler does.
 */
static uint32_t seen_depth, seen_held;
static uint64_t seen_pos, seen_last_word;
static int seen_lock_depth;

void signal_deliver_pending(void)
{
    rt_signal_pending = 0;
    delivered++;
    seen_depth = T.depth;
    seen_held = T.held.n;
    seen_pos = TR.pos;
    seen_last_word = TR.ring[(TR.pos - 1) & (TR.cap - 1)];
    seen_lock_depth = rt_lock_depth;
    /* the handler's own calls and access */
    enter(0x5160);
    acc(0x5000, 8, 0, 0x5161);
    leave();
}

static void test_signal_waits_for_entry_and_exit(void **state)
{
    (void)state;
    enter(0x100);
    uint64_t pos = TR.pos;
    rt_signal_pending = 1; /* a signal arrived (the wrapper queued it) */
    enter(0x200);
    assert_int_equal(delivered, 1);
    assert_int_equal(seen_lock_depth, 0);
    assert_int_equal(seen_pos, pos + 1); /* the entry event is in ... */
    assert_int_equal(seen_last_word, EV_ENTRY | (0x200ull << 2));
    assert_int_equal(seen_depth, 2); /* ... and so is its frame */
    acc(0x6000, 8, 0, 0x201);
    rt_signal_pending = 1;
    leave();
    assert_int_equal(delivered, 2);
    assert_int_equal(seen_last_word, EV_EXIT);
    assert_int_equal(seen_depth, 1);
    acc(0x6008, 8, 0, 0x101);
    /* every stack rebuilt is right: the handler's and the thread's */
    assert_true(find(1, 0x6000, 0xff, 0));
    assert_stack((uintptr_t[]){0x100, 0x200}, 2);
    assert_true(find(1, 0x6008, 0xff, 0));
    assert_stack((uintptr_t[]){0x100}, 1);
    assert_true(find(1, 0x5000, 0xff, 0));
    assert_int_equal(hit.pc, 0x5161);
    assert_stack((uintptr_t[]){0x100, 0x5160}, 2); /* the second run, after the exit */
    assert_int_equal(rt_lock_depth, 0);
}

static void test_signal_waits_for_lock_epoch_and_access(void **state)
{
    (void)state;
    enter(0x300);
    rt_signal_pending = 1;
    thread_lock_taken(&T, 0x7f00, 0, 0);
    assert_int_equal(delivered, 1);
    assert_int_equal(seen_held, 1); /* the lock is held ... */
    assert_int_equal(seen_last_word,
                     EV_OTHER | (EVO_LOCK << 2) | (0x7f00ull << 8)); /* ... and logged */
    rt_signal_pending = 1;
    uint64_t e = tick();
    assert_int_equal(delivered, 2);
    assert_int_equal(seen_last_word, EV_OTHER | (EVO_EPOCH << 2) | (e << 8));
    rt_signal_pending = 1;
    acc(0x6100, 4, EVA_READ, 0x301);
    assert_int_equal(delivered, 3);
    assert_int_equal(seen_last_word, 0x301); /* both words of the access are in */
    thread_lock_released(&T, 0x7f00, 0);
    assert_true(find(e, 0x6100, 0x0f, EVA_READ));
    assert_int_equal(hit.pc, 0x301);
    assert_stack((uintptr_t[]){0x300}, 1);
    assert_int_equal(hit.held.n, 1);
    assert_int_equal(hit.held.e[0], 0x7f00);
    assert_true(find(e, 0x5000, 0xff, 0)); /* the handler's access at the new epoch */
    assert_stack((uintptr_t[]){0x300, 0x5160}, 2);
    assert_int_equal(hit.held.n, 1);
}

/* Inside a runtime lock (rt_lock_depth > 0) nothing is delivered until the
 * lock is released. */
static void test_signal_waits_for_runtime_lock(void **state)
{
    (void)state;
    rt_lock lock = {0};
    rt_lock_acquire(&lock);
    rt_signal_pending = 1;
    enter(0x400);
    acc(0x6200, 8, 0, 0x401);
    leave();
    assert_int_equal(delivered, 0);
    rt_lock_release(&lock);
    assert_int_equal(delivered, 1);
    assert_int_equal(rt_lock_depth, 0);
}

int main(void)
{
#define T_(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
    const struct CMUnitTest tests[] = {
        T_(test_init),
        T_(test_part_snapshots),
        T_(test_find_access_and_stack),
        T_(test_not_found),
        T_(test_kinds),
        T_(test_sizes_and_ranges),
        T_(test_which_access_of_an_epoch),
        T_(test_stack_reset),
        T_(test_overwritten_and_part_snapshots),
        T_(test_snapshot_then_exits),
        T_(test_bug_entry_first_in_part),
        T_(test_bug_exit_first_in_part),
        T_(test_deep_snapshot_frames_are_real),
        T_(test_deep_replay_keeps_innermost),
        T_(test_shadow_stack_keeps_innermost),
        T_(test_signal_waits_for_entry_and_exit),
        T_(test_signal_waits_for_lock_epoch_and_access),
        T_(test_signal_waits_for_runtime_lock),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
