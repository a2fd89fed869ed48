"""How the SVG payload corpora under tests/data were made (run by hand, not by the suite).

Public payloads are HTML fragments. Each one that mentions `<svg` is parsed as a browser would
(html5lib, the WHATWG HTML parser) and every `<svg>` element it yields is written as a
standalone SVG document, namespaces explicit, so the sanitizer sees what a browser's DOM would
hold. The payload itself is kept too.

    # DOMPurify: test/fixtures/expect.mjs
    node -e 'import("./expect.mjs").then(m => console.log(JSON.stringify(m.default)))' > all.json
    PYTHONPATH=<html5lib> python extract_svg_cases.py dompurify all.json SOURCE > svg-cases.json
    # PayloadsAllTheThings: every line that mentions <svg in the given text files
    PYTHONPATH=<html5lib> python extract_svg_cases.py lines SOURCE FILE... > svg-cases.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import html5lib

SVG = "http://www.w3.org/2000/svg"
XMLNS = "http://www.w3.org/2000/xmlns/"
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")
ET.register_namespace("html", "http://www.w3.org/1999/xhtml")


def documents(payload: str) -> list[str]:
    tree = html5lib.parse(payload, treebuilder="etree", namespaceHTMLElements=True)
    found = []
    for element in tree.iter(f"{{{SVG}}}svg"):
        element.tail = None
        for node in element.iter():  # declarations, which the XML writer makes itself
            for name in [a for a in node.attrib if a.startswith(f"{{{XMLNS}}}")]:
                del node.attrib[name]
        element.set("viewBox", element.get("viewBox") or "0 0 64 64")
        found.append(ET.tostring(element, encoding="unicode"))
    return found


def dompurify(all_cases: str) -> list[tuple[str, str]]:
    with open(all_cases, encoding="utf-8") as stream:
        cases = json.load(stream)
    return [
        (case.get("title", ""), case["payload"])
        for case in cases
        if isinstance(case.get("payload"), str) and "<svg" in case["payload"].lower()
    ]


def lines(files: list[str]) -> list[tuple[str, str]]:
    seen: dict[str, str] = {}
    for name in files:
        for number, line in enumerate(Path(name).read_text("utf-8").splitlines(), 1):
            payload = line.strip().strip("`")
            if "<svg" in payload.lower() and payload not in seen:
                seen[payload] = f"{Path(name).name}:{number}"
    return [(where, payload) for payload, where in seen.items()]


def main() -> None:
    mode, *arguments = sys.argv[1:]
    if mode == "dompurify":
        source, cases = arguments[1], dompurify(arguments[0])
    else:
        source, cases = arguments[0], lines(arguments[1:])
    out = [{"title": t, "payload": p, "svg": documents(p)} for t, p in cases]
    json.dump({"source": source, "cases": out}, sys.stdout, indent=1, ensure_ascii=False)


if __name__ == "__main__":
    main()
