#!/usr/bin/env python3
"""Builds matching-service's compact ESCO resource from the ESCO v1.1 CSVs (English).

Usage: matching-service/esco/build-esco-resource.py [ESCO_FOLDER] [OUTPUT]
  ESCO_FOLDER  defaults to ../shared/data/esco (relative to the project root)
  OUTPUT       defaults to matching-service/src/main/resources/taxonomy/esco.tsv.gz

ESCO is (c) European Union, CC BY 4.0: "ESCO, European Commission" (see NOTICE). The output keeps only
what matching reads: skills (preferred and alternative labels, reuse level, green/digital/language
tags), occupations (ISCO-08 unit group, preferred and alternative titles), occupation-skill relations
(essential/optional), skill-skill relations and skill-to-skill broader links. Concepts are referred to
by their position in their section; URIs are kept without their common prefix. The format is read by
org.doorstep.matching.taxonomy.EscoResource (see its Javadoc); deterministic output (sorted by URI,
gzip without a timestamp), so rebuilding the same release gives the same bytes.
"""
import csv
import gzip
import io
import os
import sys

SKILL = "http://data.europa.eu/esco/skill/"
OCCUPATION = "http://data.europa.eu/esco/occupation/"
REUSE = {"transversal": "T", "cross-sector": "C", "sector-specific": "S", "occupation-specific": "O"}


def rows(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        yield from csv.DictReader(f)


def clean(text):
    return " ".join(text.replace("\t", " ").split())


def labels(cell):
    seen, out = set(), []
    for line in (cell or "").split("\n"):
        line = clean(line)
        if line and line.lower() not in seen and "|" not in line:
            seen.add(line.lower())
            out.append(line)
    return out


def main():
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "..", "shared", "data", "esco")
    out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(
        root, "matching-service", "src", "main", "resources", "taxonomy", "esco.tsv.gz")
    p = lambda name: os.path.join(folder, name)

    skills = {}
    for r in rows(p("skills_en.csv")):
        uri, label = r["conceptUri"], clean(r["preferredLabel"] or "")
        if not uri.startswith(SKILL) or not label:
            continue
        alts = [a for a in labels(r["altLabels"]) if a.lower() != label.lower()]
        skills[uri] = {"label": label, "alts": alts, "reuse": REUSE.get(r["reuseLevel"], "-"), "tags": set()}
    for name, tag in (("greenSkillsCollection_en.csv", "g"), ("digitalSkillsCollection_en.csv", "d"),
                      ("digCompSkillsCollection_en.csv", "d"), ("languageSkillsCollection_en.csv", "l"),
                      ("transversalSkillsCollection_en.csv", "t")):
        if os.path.exists(p(name)):
            for r in rows(p(name)):
                if r["conceptUri"] in skills:
                    skills[r["conceptUri"]]["tags"].add(tag)
    skill_order = sorted(skills)
    skill_index = {u: i for i, u in enumerate(skill_order)}

    occupations = {}
    for r in rows(p("occupations_en.csv")):
        uri, label, isco = r["conceptUri"], clean(r["preferredLabel"] or ""), (r["iscoGroup"] or "").strip()
        if not uri.startswith(OCCUPATION) or not label or not isco.isdigit():
            continue
        alts = [a for a in labels(r["altLabels"]) if a.lower() != label.lower()]
        occupations[uri] = {"label": label, "isco": isco, "alts": alts, "essential": [], "optional": []}
    occupation_order = sorted(occupations)
    occupation_index = {u: i for i, u in enumerate(occupation_order)}

    for r in rows(p("occupationSkillRelations.csv.gz")):
        o, s = occupations.get(r["occupationUri"]), skill_index.get(r["skillUri"])
        if o is not None and s is not None and r["relationType"] in ("essential", "optional"):
            o[r["relationType"]].append(s)

    related = {}
    for r in rows(p("skillSkillRelations.csv")):
        a, b = skill_index.get(r["originalSkillUri"]), skill_index.get(r["relatedSkillUri"])
        if a is not None and b is not None and a != b:
            related.setdefault(a, set()).add(b)
    broader = {}
    for r in rows(p("broaderRelationsSkillPillar.csv")):
        a, b = skill_index.get(r["conceptUri"]), skill_index.get(r["broaderUri"])
        if a is not None and b is not None and a != b:
            broader.setdefault(a, set()).add(b)

    text = io.StringIO()
    w = text.write
    w("# Doorstep compact ESCO resource, derived from ESCO v1.1.1 (English). ESCO, European Commission, CC BY 4.0.\n")
    w("# Built by matching-service/esco/build-esco-resource.py; format in EscoResource.java.\n")
    w("@skills\t%d\n" % len(skill_order))
    for u in skill_order:
        s = skills[u]
        w("\t".join([u[len(SKILL):], s["reuse"], "".join(sorted(s["tags"])), s["label"], "|".join(s["alts"])]) + "\n")
    w("@occupations\t%d\n" % len(occupation_order))
    for u in occupation_order:
        o = occupations[u]
        w("\t".join([u[len(OCCUPATION):], o["isco"], o["label"], "|".join(o["alts"]),
                     ",".join(map(str, sorted(set(o["essential"])))),
                     ",".join(map(str, sorted(set(o["optional"]) - set(o["essential"]))))]) + "\n")
    for name, links in (("@related", related), ("@broader", broader)):
        w("%s\t%d\n" % (name, len(links)))
        for a in sorted(links):
            w("%d\t%s\n" % (a, ",".join(map(str, sorted(links[a])))))
    data = text.getvalue().encode("utf-8")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, mtime=0, compresslevel=9) as g:
            g.write(data)
    print("%s: %d skills, %d occupations, %d related, %d broader; %.1f MB raw, %.2f MB compressed" % (
        out, len(skill_order), len(occupation_order), len(related), len(broader),
        len(data) / 1e6, os.path.getsize(out) / 1e6))


if __name__ == "__main__":
    main()
