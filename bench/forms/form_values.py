"""The values a viewer shows in a PDF's filled form, read independently of curate (PyMuPDF's object access).

Prints one JSON object a line: {"pdf", "text": [typed text and choice values], "checked": number of checked boxes}.
Text and choice fields count when they have a non-empty value, are not password fields and have a visible widget
listed on a page; check boxes and radio buttons when a visible widget's appearance state is not /Off.
Usage: form_values.py PDF...
"""
import json
import re
import sys

import fitz

REF = re.compile(r"(\d+) 0 R")


def key(doc, xref, name):
    kind, value = doc.xref_get_key(xref, name)
    return kind, value


def pdf_string(doc, xref, name):
    kind, value = key(doc, xref, name)
    if kind == "xref":
        target = int(value.split()[0])
        return pdf_string_obj(doc.xref_object(target))
    return value if kind == "string" else None


def pdf_string_obj(text):
    text = text.strip()
    return text[1:-1] if text.startswith("(") and text.endswith(")") else None


def visible(doc, xref):
    kind, flags = key(doc, xref, "F")
    return not (kind == "int" and int(flags) & (2 | 32))


def values(path):
    doc = fitz.open(path)
    on_page = set()
    for page in doc:
        kind, annots = key(doc, page.xref, "Annots")
        if kind == "xref":
            annots = doc.xref_object(int(annots.split()[0]))
        on_page.update(int(x) for x in REF.findall(annots or ""))
    kind, form = key(doc, doc.pdf_catalog(), "AcroForm")
    if kind == "xref":
        form_xref = int(form.split()[0])
        kind, fields = key(doc, form_xref, "Fields")
    elif kind == "dict":
        m = re.search(r"/Fields\s*(\[[^\]]*\]|\d+ 0 R)", form)
        fields, kind = (m.group(1), "array") if m else ("", "null")
    else:
        fields = ""
    if kind == "xref":
        fields = doc.xref_object(int(fields.split()[0]))
    texts, checked, seen = [], 0, set()
    stack = [(int(x), None, 0, None) for x in reversed(REF.findall(fields or ""))]
    while stack and len(seen) < 50000:
        xref, ftype, flags, value = stack.pop()
        if xref in seen:
            continue
        seen.add(xref)
        kind, ft = key(doc, xref, "FT")
        ftype = ft.lstrip("/") if kind == "name" else ftype
        kind, ff = key(doc, xref, "Ff")
        flags = int(ff) if kind == "int" else flags
        kind, v = key(doc, xref, "V")
        value = (kind, v) if kind != "null" else value
        kind, kids = key(doc, xref, "Kids")
        if kind == "xref":
            kids = doc.xref_object(int(kids.split()[0]))
        kid_refs = [int(x) for x in REF.findall(kids or "")] if kind != "null" else []
        widgets = [k for k in kid_refs if key(doc, k, "T")[0] == "null" and key(doc, k, "Kids")[0] == "null"]
        for k in reversed([k for k in kid_refs if k not in widgets]):
            stack.append((k, ftype, flags, value))
        if not kid_refs:
            widgets = [xref]
        shown = [w for w in widgets if w in on_page and visible(doc, w)]
        if not shown:
            continue
        if ftype == "Tx" and not flags & (1 << 13) or ftype == "Ch":
            if value and value[0] == "string" and value[1].strip():
                texts.append(value[1])
            elif value and value[0] == "xref":
                s = pdf_string_obj(doc.xref_object(int(value[1].split()[0])))
                if s and s.strip():
                    texts.append(s)
        elif ftype == "Btn" and not flags & (1 << 16):
            for w in shown:
                kind, state = key(doc, w, "AS")
                if kind == "name" and state != "/Off":
                    checked += 1
    return {"pdf": path, "text": texts, "checked": checked}


for p in sys.argv[1:]:
    try:
        print(json.dumps(values(p), ensure_ascii=False))
    except Exception as e:  # a file PyMuPDF cannot open is reported, not fatal
        print(json.dumps({"pdf": p, "error": str(e)}))
