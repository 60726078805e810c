#!/usr/bin/env python3
"""Joins annotators' label files (id, label, note) with the pages file into the committed form:
id, url, split, label, annotator, note. No page text. Usage:
  make_labels.py pages.json OUT.tsv NAME=labels.tsv [NAME=labels.tsv ...]"""
import json, sys

pages = {p["id"]: p for p in json.load(open(sys.argv[1], encoding="utf-8"))}
with open(sys.argv[2], "w", encoding="utf-8") as out:
    out.write("id\turl\tsplit\tlabel\tannotator\tnote\n")
    for arg in sys.argv[3:]:
        name, path = arg.split("=", 1)
        for line in open(path, encoding="utf-8"):
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 2 or not cols[0]:
                continue
            p = pages[cols[0]]
            note = cols[2] if len(cols) > 2 else ""
            out.write(f"{cols[0]}\t{p['url']}\t{p['split']}\t{cols[1].strip()}\t{name}\t{note}\n")
