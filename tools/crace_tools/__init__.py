"""crace_tools - reading crace's JSON race logs of a whole test suite.

Shared by crace-test (runs a suite with every process logging into one
directory) and crace-report (reads such directories):

  logs         read log files into processes and their race records
  paths        resolve a report's file names (relative to its process's
               working directory) and show them relative to the source root
  render       one race as the runtime's Go-style text report
  races        the unique races of a suite (same pair of source lines)
  ctest        which ctest test a process belongs to
  sarif, annotations, junit
               the other output formats
  crace_options
               merging crace-test's settings into CRACE_OPTIONS
  cli          both command lines
"""
