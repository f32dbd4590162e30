/*
 * uninstr_sync.h - real-time ordering between test threads that the race
 * detector cannot see. Implemented in uninstr_sync.c, which the harness
 * compiles WITHOUT -fsanitize=thread (a case asks for it with
 * "// LINK: uninstr_sync").
 *
 * Race cases use it to make reports deterministic: the first thread does its
 * racy access, then crace_test_signal(&flag); the second thread calls
 * crace_test_wait(&flag) before its own access. The accesses still race (no
 * happens-before edge is visible to the detector), but which one is
 * "current" and which is "previous" is fixed.
 *
 * The flag must be an int that instrumented code never reads or writes
 * itself: only pass its address to these functions.
 */
#ifndef CRACE_TEST_UNINSTR_SYNC_H
#define CRACE_TEST_UNINSTR_SYNC_H

void crace_test_signal(int *flag);
void crace_test_wait(int *flag);

#endif
