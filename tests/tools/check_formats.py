#!/usr/bin/env python3
"""check_formats.py - validate what crace-report/crace-test write.

  check_formats.py sarif FILE RACES   SARIF 2.1.0 as GitHub code scanning takes it
  check_formats.py junit FILE RACES   JUnit XML, parsed by xml.etree
  check_formats.py github FILE RACES  the ::error annotation lines of an output

RACES is the number of unique races expected. Exit status 1 with one line
per problem when the file does not hold.

SARIF: every property the SARIF 2.1.0 schema makes required for the
objects crace emits (sarifLog: version, runs; run: tool; tool: driver;
toolComponent: name; reportingDescriptor: id; result: message; message:
text; physicalLocation: artifactLocation; region: startLine; codeFlow:
threadFlows (at least one); threadFlow: locations (at least one)), plus
what GitHub's code-scanning documentation marks required ($schema,
rules[].shortDescription/fullDescription/help .text, results[].locations
with artifactLocation.uri and region.startLine) and what crace promises
(ruleId/ruleIndex pointing at a rule, level "error", relative uris with a
uriBaseId defined in originalUriBaseIds). Every object also holds only
properties its schema definition allows (the schema forbids others).
"""
import json
import re
import sys
import xml.etree.ElementTree as ET

# Properties the SARIF 2.1.0 schema allows on each object crace emits
# (additionalProperties is false for all of them).
ALLOWED = {
    "sarifLog": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"addresses", "artifacts", "automationDetails", "baselineGuid", "columnKind",
            "conversion", "defaultEncoding", "defaultSourceLanguage",
            "externalPropertyFileReferences", "graphs", "invocations", "language",
            "logicalLocations", "newlineSequences", "originalUriBaseIds", "policies",
            "properties", "redactionTokens", "results", "runAggregates", "specialLocations",
            "taxonomies", "threadFlowLocations", "tool", "translations",
            "versionControlProvenance", "webRequests", "webResponses"},
    "tool": {"driver", "extensions", "properties"},
    "toolComponent": {"associatedComponent", "contents", "dottedQuadFileVersion", "downloadUri",
                      "fullDescription", "fullName", "globalMessageStrings", "guid",
                      "informationUri", "isComprehensive", "language",
                      "localizedDataSemanticVersion", "locations",
                      "minimumRequiredLocalizedDataSemanticVersion", "name", "notifications",
                      "organization", "product", "productSuite", "properties",
                      "releaseDateUtc", "rules", "semanticVersion", "shortDescription",
                      "supportedTaxonomies", "taxa", "translationMetadata", "version"},
    "reportingDescriptor": {"defaultConfiguration", "deprecatedGuids", "deprecatedIds",
                            "deprecatedNames", "fullDescription", "guid", "help", "helpUri",
                            "id", "messageStrings", "name", "properties", "relationships",
                            "shortDescription"},
    "reportingConfiguration": {"enabled", "level", "parameters", "properties", "rank"},
    "multiformatMessageString": {"markdown", "properties", "text"},
    "result": {"analysisTarget", "attachments", "baselineState", "codeFlows",
               "correlationGuid", "fingerprints", "fixes", "graphTraversals", "graphs", "guid",
               "hostedViewerUri", "kind", "level", "locations", "message", "occurrenceCount",
               "partialFingerprints", "properties", "provenance", "rank", "relatedLocations",
               "rule", "ruleId", "ruleIndex", "stacks", "suppressions", "taxa", "webRequest",
               "webResponse", "workItemUris"},
    "message": {"arguments", "id", "markdown", "properties", "text"},
    "location": {"annotations", "id", "logicalLocations", "message", "physicalLocation",
                 "properties", "relationships"},
    "physicalLocation": {"address", "artifactLocation", "contextRegion", "properties", "region"},
    "artifactLocation": {"description", "index", "properties", "uri", "uriBaseId"},
    "region": {"byteLength", "byteOffset", "charLength", "charOffset", "endColumn", "endLine",
               "message", "properties", "snippet", "sourceLanguage", "startColumn",
               "startLine"},
    "codeFlow": {"message", "properties", "threadFlows"},
    "threadFlow": {"id", "immutableState", "initialState", "locations", "message",
                   "properties"},
    "threadFlowLocation": {"executionOrder", "executionTimeUtc", "importance", "index",
                           "kinds", "location", "module", "nestingLevel", "properties",
                           "stack", "state", "taxa", "webRequest", "webResponse"},
}
LEVELS = ("none", "note", "warning", "error")


class Checker:
    def __init__(self):
        self.problems = []

    def fail(self, where, msg):
        self.problems.append("%s: %s" % (where, msg))

    def obj(self, value, kind, where, required=()):
        """value is an object of SARIF type kind with the required keys."""
        if not isinstance(value, dict):
            self.fail(where, "not an object (%s expected)" % kind)
            return False
        extra = set(value) - ALLOWED[kind]
        if extra:
            self.fail(where, "properties a %s may not have: %s" % (kind, sorted(extra)))
        for key in required:
            if key not in value:
                self.fail(where, "missing required property '%s'" % key)
        return True

    def text(self, value, where):
        """A message or multiformatMessageString with non-empty text."""
        if not isinstance(value, dict) or not isinstance(value.get("text"), str) \
                or not value["text"].strip():
            self.fail(where, "needs a non-empty text")

    def array(self, value, where, min_items=0):
        if not isinstance(value, list):
            self.fail(where, "not an array")
            return []
        if len(value) < min_items:
            self.fail(where, "needs at least %d item(s)" % min_items)
        return value


def check_physical(c, loc, where, base_ids, require_region=True):
    if not c.obj(loc, "location", where):
        return
    phys = loc.get("physicalLocation")
    if not c.obj(phys, "physicalLocation", where + ".physicalLocation", ("artifactLocation",)):
        return
    art = phys.get("artifactLocation")
    if c.obj(art, "artifactLocation", where + ".artifactLocation", ("uri",)):
        uri = art.get("uri")
        if not isinstance(uri, str) or not uri:
            c.fail(where, "artifactLocation.uri must be a non-empty string")
        elif "uriBaseId" in art:
            if uri.startswith("/") or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", uri):
                c.fail(where, "a uri with a uriBaseId must be relative: %r" % uri)
            if art["uriBaseId"] not in base_ids:
                c.fail(where, "uriBaseId %r is not in run.originalUriBaseIds" % art["uriBaseId"])
        elif not uri.startswith("file:///"):
            c.fail(where, "a uri without uriBaseId must be an absolute file: URI: %r" % uri)
    region = phys.get("region")
    if require_region or region is not None:
        if c.obj(region, "region", where + ".region", ("startLine",)):
            if not isinstance(region.get("startLine"), int) or region["startLine"] < 1:
                c.fail(where, "region.startLine must be an integer >= 1")
    if "message" in loc:
        c.text(loc["message"], where + ".message")


def check_sarif(path, races):
    c = Checker()
    try:
        with open(path, encoding="utf-8") as f:
            log = json.load(f)
    except (OSError, ValueError) as e:
        return ["%s: not a JSON file: %s" % (path, e)]
    if not c.obj(log, "sarifLog", "sarifLog", ("$schema", "version", "runs")):
        return c.problems
    if log.get("version") != "2.1.0":
        c.fail("sarifLog", "version must be 2.1.0")
    if not (isinstance(log.get("$schema"), str) and log["$schema"].startswith("https://")
            and "sarif" in log["$schema"] and "2.1.0" in log["$schema"]):
        c.fail("sarifLog", "$schema must be the SARIF 2.1.0 schema's URI")
    runs = c.array(log.get("runs"), "runs", 1)
    if len(runs) != 1:
        c.fail("runs", "one run expected, got %d" % len(runs))
    for ri, run in enumerate(runs):
        w = "runs[%d]" % ri
        if not c.obj(run, "run", w, ("tool", "results")):
            continue
        base_ids = {}
        for name, base in (run.get("originalUriBaseIds") or {}).items():
            if c.obj(base, "artifactLocation", w + ".originalUriBaseIds." + name, ("uri",)):
                if not (base["uri"].startswith("file:///") and base["uri"].endswith("/")):
                    c.fail(w, "originalUriBaseIds.%s.uri must be an absolute file: URI "
                              "ending in '/'" % name)
                base_ids[name] = base
        rules = []
        if c.obj(run.get("tool"), "tool", w + ".tool", ("driver",)):
            driver = run["tool"].get("driver")
            if c.obj(driver, "toolComponent", w + ".tool.driver", ("name", "rules")):
                if not driver.get("name"):
                    c.fail(w, "tool.driver.name is empty")
                rules = c.array(driver.get("rules"), w + ".tool.driver.rules", 1)
                for i, rule in enumerate(rules):
                    rw = "%s.rules[%d]" % (w, i)
                    if c.obj(rule, "reportingDescriptor", rw,
                             ("id", "shortDescription", "fullDescription", "help")):
                        for k in ("shortDescription", "fullDescription", "help"):
                            if c.obj(rule.get(k), "multiformatMessageString", rw + "." + k,
                                     ("text",)):
                                c.text(rule[k], rw + "." + k)
                        if "defaultConfiguration" in rule and c.obj(
                                rule["defaultConfiguration"], "reportingConfiguration",
                                rw + ".defaultConfiguration") and \
                                rule["defaultConfiguration"].get("level") not in LEVELS:
                            c.fail(rw, "defaultConfiguration.level is not a SARIF level")
        results = c.array(run.get("results"), w + ".results")
        if len(results) != races:
            c.fail(w, "%d result(s), expected %d" % (len(results), races))
        for i, res in enumerate(results):
            check_result(c, res, "%s.results[%d]" % (w, i), rules, base_ids)
    return c.problems


def check_result(c, res, w, rules, base_ids):
    if not c.obj(res, "result", w, ("ruleId", "ruleIndex", "level", "message", "locations",
                                    "codeFlows")):
        return
    idx = res.get("ruleIndex")
    if not isinstance(idx, int) or not 0 <= idx < len(rules):
        c.fail(w, "ruleIndex %r does not index tool.driver.rules" % idx)
    elif rules[idx].get("id") != res.get("ruleId"):
        c.fail(w, "ruleId %r is not the id of rules[%d]" % (res.get("ruleId"), idx))
    if res.get("level") not in LEVELS or res.get("level") != "error":
        c.fail(w, "level must be \"error\"")
    if c.obj(res.get("message"), "message", w + ".message", ("text",)):
        c.text(res["message"], w + ".message")
    for i, loc in enumerate(c.array(res.get("locations"), w + ".locations", 1)):
        check_physical(c, loc, "%s.locations[%d]" % (w, i), base_ids)
    for i, loc in enumerate(c.array(res.get("relatedLocations", []), w + ".relatedLocations")):
        check_physical(c, loc, "%s.relatedLocations[%d]" % (w, i), base_ids)
    fp = res.get("partialFingerprints", {})
    if not isinstance(fp, dict) or not all(isinstance(v, str) for v in fp.values()):
        c.fail(w, "partialFingerprints must map names to strings")
    for fi, flow in enumerate(c.array(res.get("codeFlows"), w + ".codeFlows", 1)):
        fw = "%s.codeFlows[%d]" % (w, fi)
        if not c.obj(flow, "codeFlow", fw, ("threadFlows",)):
            continue
        for ti, tflow in enumerate(c.array(flow.get("threadFlows"), fw + ".threadFlows", 1)):
            tw = "%s.threadFlows[%d]" % (fw, ti)
            if not c.obj(tflow, "threadFlow", tw, ("locations",)):
                continue
            for li, tfl in enumerate(c.array(tflow.get("locations"), tw + ".locations", 1)):
                lw = "%s.locations[%d]" % (tw, li)
                if c.obj(tfl, "threadFlowLocation", lw, ("location",)):
                    check_physical(c, tfl.get("location"), lw + ".location", base_ids)
                    n = tfl.get("nestingLevel", 0)
                    if not isinstance(n, int) or n < 0:
                        c.fail(lw, "nestingLevel must be an integer >= 0")


def check_junit(path, races):
    problems = []
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        return ["%s: not parseable XML: %s" % (path, e)]
    suites = [root] if root.tag == "testsuite" else root.findall("testsuite")
    if root.tag not in ("testsuites", "testsuite") or not suites:
        return ["%s: no <testsuite>" % path]
    cases = [tc for s in suites for tc in s.findall("testcase")]
    failing = [tc for tc in cases if tc.find("failure") is not None]
    if len(failing) != races:
        problems.append("%d failing test case(s), expected %d" % (len(failing), races))
    if races == 0 and len(cases) != 1:
        problems.append("a run without races must still hold one passing test case")
    for s in suites:
        for attr, want in (("tests", len(s.findall("testcase"))),
                           ("failures", sum(1 for tc in s.findall("testcase")
                                            if tc.find("failure") is not None))):
            if s.get(attr) != str(want):
                problems.append("testsuite %s=%r, but it holds %d" % (attr, s.get(attr), want))
    for tc in cases:
        if not tc.get("name") or not tc.get("classname"):
            problems.append("a testcase without name or classname")
    for tc in failing:
        f = tc.find("failure")
        if not f.get("message") or "WARNING: DATA RACE" not in (f.text or ""):
            problems.append("testcase %r: the failure must hold the message and the report"
                            % tc.get("name"))
    return problems


ANNOTATION = re.compile(r"^::error (?P<props>[^:]*)::(?P<msg>.*)$")
PROP = re.compile(r"^(file|line|endLine|col|endColumn|title)=(.*)$")


def unescape(s, prop):
    pairs = [("%0D", "\r"), ("%0A", "\n")] + ([("%3A", ":"), ("%2C", ",")] if prop else [])
    for k, v in pairs + [("%25", "%")]:
        s = s.replace(k, v)
    return s


def check_github(path, races):
    problems = []
    with open(path, encoding="utf-8", errors="replace") as f:
        lines = [ln.rstrip("\n") for ln in f if ln.startswith("::")]
    if len(lines) != races:
        problems.append("%d annotation line(s), expected %d" % (len(lines), races))
    for ln in lines:
        m = ANNOTATION.match(ln)
        if not m:
            problems.append("not an ::error annotation: %r" % ln)
            continue
        props = {}
        for p in m.group("props").split(","):
            pm = PROP.match(p)
            if not pm:
                problems.append("bad property %r in %r" % (p, ln))
                continue
            if re.search(r"[\r\n]|%(?!25|0D|0A|3A|2C)", pm.group(2)):
                problems.append("property %r is not escaped" % p)
            props[pm.group(1)] = unescape(pm.group(2), True)
        if props.get("title") != "DATA RACE":
            problems.append("title must be DATA RACE: %r" % ln)
        if "line" in props and not props["line"].isdigit():
            problems.append("line is not a number: %r" % ln)
        if ("file" in props) != ("line" in props):
            problems.append("file and line go together: %r" % ln)
        msg = m.group("msg")
        if re.search(r"%(?!25|0D|0A)", msg) or "\r" in msg:
            problems.append("message not escaped: %r" % ln)
        if not unescape(msg, False).startswith("Data race"):
            problems.append("message does not describe a data race: %r" % ln)
    return problems


def main():
    if len(sys.argv) != 4 or sys.argv[1] not in ("sarif", "junit", "github"):
        sys.exit("usage: check_formats.py sarif|junit|github FILE RACES")
    check = {"sarif": check_sarif, "junit": check_junit, "github": check_github}[sys.argv[1]]
    problems = check(sys.argv[2], int(sys.argv[3]))
    for p in problems:
        print("check_formats %s: %s" % (sys.argv[1], p))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
