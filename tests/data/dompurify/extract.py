"""How svg-cases.json was made (run by hand, not by the suite): DOMPurify's SVG fixtures as SVG files.

DOMPurify's `test/fixtures/expect.mjs` holds HTML fragments. Each case whose payload mentions
`<svg` is parsed as a browser would (html5lib, the WHATWG HTML parser) and every `<svg>`
element it yields is written as a standalone SVG document, namespaces explicit, so the
sanitizer sees what a browser's DOM would hold. The payload itself is kept too.

    node -e 'import("./expect.mjs").then(m => console.log(JSON.stringify(m.default)))' > all.json
    PYTHONPATH=<html5lib> python extract.py all.json COMMIT > svg-cases.json
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET

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


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as stream:
        cases = json.load(stream)
    out = []
    for case in cases:
        payload = case.get("payload")
        if isinstance(payload, str) and "<svg" in payload.lower():
            out.append(
                {"title": case.get("title", ""), "payload": payload, "svg": documents(payload)}
            )
    json.dump(
        {"source": f"cure53/DOMPurify@{sys.argv[2]} test/fixtures/expect.mjs", "cases": out},
        sys.stdout,
        indent=1,
        ensure_ascii=False,
    )


if __name__ == "__main__":
    main()
