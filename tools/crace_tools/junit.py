"""junit - the unique races as a JUnit XML report, for test dashboards.

One <testsuite name="crace"> with one failing <testcase> per unique race:
its name is the race's description, its <failure> holds the whole text
report and the tests that hit it. With no race, one passing test case
says so (dashboards show an empty suite as "no tests"). Built with
xml.etree, so text is escaped; characters XML 1.0 forbids are dropped.
"""
import re
import xml.etree.ElementTree as ET

from . import describe
from .render import render

_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _clean(s):
    return _NOT_XML.sub("", s)


def junit_tree(races, paths):
    suites = ET.Element("testsuites", name="crace", tests=str(max(len(races), 1)),
                        failures=str(len(races)), errors="0")
    suite = ET.SubElement(suites, "testsuite", name="crace", tests=str(max(len(races), 1)),
                          failures=str(len(races)), errors="0", skipped="0")
    if not races:
        ET.SubElement(suite, "testcase", classname="crace", name="no data race")
    for u in races:
        title = _clean(describe.title(u, paths))
        case = ET.SubElement(suite, "testcase", classname="crace.data_race", name=title)
        frame = describe.top_frame(u.race["current"])
        if frame and frame.get("file") and frame.get("line"):
            case.set("file", _clean(paths.display(frame["file"], u.proc.cwd)))
            case.set("line", str(frame["line"]))
        failure = ET.SubElement(case, "failure", type="DataRace", message=title)
        report = render(u.race, lambda f, cwd=u.proc.cwd: paths.display(f, cwd))
        failure.text = _clean(report + describe.seen_in(u) + "\n")
    return ET.ElementTree(suites)


def write(races, paths, out_path):
    tree = junit_tree(races, paths)
    tree.write(out_path, encoding="utf-8", xml_declaration=True)
