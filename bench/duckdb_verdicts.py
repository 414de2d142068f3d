#!/usr/bin/env python3
"""DuckDB formulation of the two rules of bench/两条规则 (安徽省措施 (三) 监督谈话 and 任职谈话).

Usage: duckdb_verdicts.py FACTS_DIR --as-of DATE [--kinds] [--out FILE] [--compare GUIZE_JSON]

Loads the CSV fact tables (whole 事件 table, or with --kinds only the rows of the two kinds the
rules read), applies guize's duplicate rule (same date, kind, 主体 set, 对象 set: the first row in
file order is kept) and computes every instance of the two rules as guize defines them
(semantics.md §3, §3.1), with SQL only. Prints the time spent in DuckDB (after `import duckdb`)
on stderr as `duckdb_seconds S` and a summary per rule and status on stdout.
--out writes the instances as JSON lines; --compare checks them against guize's JSON report,
instance by instance, and lists every difference (exit 1 if any).

Simplifications (the generated facts satisfy them; guize does not need them):
- dates are ISO `YYYY-MM-DD` (guize also reads 2023/3/5, 2023.3.5, 2023年3月5日);
- ids carry no surrounding spaces; 生效 is 2022-05-02 and 及时 = 30日, as in 安徽省措施.
"""
import argparse
import json
import sys
import time

KINDS = ("监督谈话", "任职谈话")
EFFECTIVE = "2022-05-02"
WITHIN_DAYS = 30
SEP = "[、;；|,，]"


def ids(col):
    """A cell of ids → sorted distinct list (the fact contract's separators)."""
    return (f"list_sort(list_distinct(list_filter(list_transform("
            f"string_split_regex(coalesce({col}, ''), '{SEP}'), lambda x: trim(x)), lambda x: x <> '')))")


def load(con, d, only_kinds):
    csv = lambda name: f"read_csv('{d}/{name}', all_varchar = true, header = true)"
    con.execute(f"CREATE TABLE units AS SELECT 编号 AS id, 上级 AS parent FROM {csv('单位.csv')}")
    con.execute(f"""CREATE TABLE tenures AS SELECT 人员 AS person, 单位 AS unit, 职务 AS role,
        CAST(起始 AS DATE) AS s, coalesce(CAST(终止 AS DATE), DATE '9999-12-31') AS e
        FROM {csv('任职.csv')}""")
    kinds = ", ".join(f"'{k}'" for k in KINDS)
    if only_kinds:
        con.execute(f"""CREATE TABLE ev_raw AS SELECT row_number() OVER () AS seq,
            编号, 日期, 类型, 主体, 对象 FROM {csv('事件.csv')} WHERE 类型 IN ({kinds})""")
    else:
        con.execute(f"CREATE TABLE ev_raw AS SELECT row_number() OVER () AS seq, * FROM {csv('事件.csv')}")
    # guize's duplicate rule, then only what the rules read.
    con.execute(f"""CREATE TABLE ev AS
        WITH p AS (SELECT seq, 编号 AS id, CAST(日期 AS DATE) AS d, 类型 AS kind,
                          {ids('主体')} AS actors, {ids('对象')} AS targets
                   FROM ev_raw WHERE 类型 IN ({kinds}))
        SELECT * FROM p
        QUALIFY row_number() OVER (PARTITION BY d, kind, actors, targets ORDER BY seq) = 1""")


def verdicts(con, as_of):
    a = f"DATE '{as_of}'"
    con.execute(f"""CREATE TABLE heads AS SELECT t.person, t.unit, u.parent, t.s, t.e
        FROM tenures t JOIN units u ON u.id = t.unit
        WHERE t.role = '一把手' AND t.s <= {a}""")
    # Events of the two kinds up to as-of, per (subject 一把手 in 对象, unit), with the acting
    # party: the smallest id among the 主体 holding 一把手 of the unit's 上级 on the event's date.
    con.execute(f"""CREATE TABLE matched AS
        WITH t AS (SELECT seq, id, d, kind, unnest(targets) AS person FROM ev WHERE d <= {a}),
             ac AS (SELECT seq, unnest(actors) AS actor FROM ev WHERE d <= {a}),
             sub AS (SELECT DISTINCT person, unit, parent FROM heads WHERE parent IS NOT NULL)
        SELECT t.seq, t.id, t.d, t.kind, t.person, sub.unit, min(h.person) AS actor
        FROM t JOIN sub ON sub.person = t.person
        JOIN heads h ON h.unit = sub.parent AND t.d BETWEEN h.s AND h.e
        JOIN ac ON ac.seq = t.seq AND ac.actor = h.person
        GROUP BY ALL""")
    supervision(con, a)
    appointment(con, a)
    return con.execute("""SELECT rule, x.person, x.unit, ws, we, status, n, due, evidence, resp,
            CASE WHEN resp IS NOT NULL THEN u.parent END
        FROM (SELECT * FROM sup UNION ALL SELECT * FROM app) x JOIN units u ON u.id = x.unit
        ORDER BY rule, ws, x.person, x.unit, we""").fetchall()


def responsible(table, day):
    """`table` with the 一把手 of the subject's 上级 on `day` (smallest id; null while vacant) as `holder`."""
    return f"""(SELECT x.*, min(h.person) AS holder FROM {table} x
        LEFT JOIN heads h ON h.unit = x.parent AND {day} BETWEEN h.s AND h.e GROUP BY ALL)"""


def supervision(con, a):
    # Parties (person, unit) holding 一把手 in a unit with a 上级; a window per year from the
    # year of max(first day held, 生效) to as-of's year, where a tenure overlaps it.
    con.execute(f"""CREATE TABLE sup AS
        WITH subj AS (SELECT person, unit, parent, min(s) AS first FROM heads
                      WHERE parent IS NOT NULL GROUP BY ALL),
        win AS (SELECT person, unit, parent, make_date(y::INT, 1, 1) AS ws, make_date(y::INT, 12, 31) AS we
                FROM subj, range(year(greatest(first, DATE '{EFFECTIVE}')), year({a}) + 1) r(y)),
        inst AS (SELECT w.person, w.unit, w.parent, ws, we, max(least(h.e, we)) AS last_held
                 FROM win w JOIN heads h USING (person, unit) WHERE h.s <= we AND h.e >= ws GROUP BY ALL),
        counted AS (SELECT DISTINCT i.person, i.unit, i.ws, m.seq, m.id, m.d, m.actor
                    FROM inst i JOIN matched m ON m.kind = '监督谈话' AND m.person = i.person
                         AND m.unit = i.unit AND m.d BETWEEN i.ws AND i.we
                    JOIN heads h ON h.person = i.person AND h.unit = i.unit AND m.d BETWEEN h.s AND h.e),
        agg AS (SELECT person, unit, ws, count(*) AS n, list(id ORDER BY d, seq) AS evidence,
                       arg_min(actor, (d, seq)) AS actor FROM counted GROUP BY ALL),
        joined AS (SELECT i.*, coalesce(g.n, 0) AS n, g.evidence, g.actor,
                          greatest(least(i.we, {a}, i.last_held), i.ws) AS day
                   FROM inst i LEFT JOIN agg g USING (person, unit, ws))
        SELECT '(三).监督谈话' AS rule, person, unit, ws, we,
               CASE WHEN n > 0 THEN 'satisfied' WHEN {a} > we THEN 'violated' ELSE 'pending' END AS status,
               n, we AS due, coalesce(evidence, []) AS evidence,
               CASE WHEN n > 0 THEN actor ELSE holder END AS resp
        FROM {responsible('joined', 'x.day')}""")


def appointment(con, a):
    # A trigger per (party, first day of a 一把手 tenure) on or after 生效 and up to as-of; the
    # first matching 任职谈话 on or after it decides (within 30 days satisfied, later late).
    due = f"CAST(td + INTERVAL {WITHIN_DAYS} DAY AS DATE)"
    con.execute(f"""CREATE TABLE app AS
        WITH trig AS (SELECT DISTINCT person, unit, parent, s AS td, {due} AS due FROM heads
                      WHERE parent IS NOT NULL AND s >= DATE '{EFFECTIVE}'),
        first AS (SELECT t.person, t.unit, t.td, arg_min(m.id, (m.d, m.seq)) AS id,
                         min(m.d) AS d, arg_min(m.actor, (m.d, m.seq)) AS actor
                  FROM trig t JOIN matched m ON m.kind = '任职谈话' AND m.person = t.person
                       AND m.unit = t.unit AND m.d >= t.td GROUP BY ALL),
        joined AS (SELECT t.*, f.id, f.d, f.actor, least(t.due, {a}) AS day
                   FROM trig t LEFT JOIN first f USING (person, unit, td))
        SELECT '(三).任职谈话' AS rule, person, unit, td AS ws, due AS we,
               CASE WHEN id IS NOT NULL AND d <= due THEN 'satisfied' WHEN id IS NOT NULL THEN 'late'
                    WHEN {a} > due THEN 'violated' ELSE 'pending' END AS status,
               CASE WHEN id IS NULL THEN 0 ELSE 1 END AS n, due,
               CASE WHEN id IS NULL THEN [] ELSE [id] END AS evidence,
               CASE WHEN id IS NOT NULL THEN actor ELSE holder END AS resp
        FROM {responsible('joined', 'x.day')}""")


def as_json(row):
    rule, person, unit, ws, we, status, n, due, evidence, resp, resp_unit = row
    return {"rule": rule, "subject": {"person": person, "unit": unit},
            "period": {"start": str(ws), "end": str(we)}, "status": status, "count": n,
            "due": str(due), "evidence": list(evidence),
            "responsible": {"person": resp, "unit": resp_unit} if resp else None}


def key(i):
    return (i["rule"], i["subject"]["person"], i["subject"]["unit"], i["period"]["start"], i["period"]["end"])


def compare(mine, report_path):
    with open(report_path, encoding="utf-8") as f:
        report = json.load(f)
    theirs = {}
    for i in report["instances"]:
        if i["rule"] in ("(三).监督谈话", "(三).任职谈话"):
            resp = i.get("responsible")
            resp = {"person": resp.get("person"), "unit": resp.get("unit")} if resp else None
            theirs[key(i)] = {"rule": i["rule"], "subject": i["subject"], "period": i["period"],
                              "status": i["status"], "count": i["count"], "due": i.get("due"),
                              "evidence": i["evidence"], "responsible": resp}
    ours = {key(i): i for i in mine}
    same, diffs = 0, []
    for k in sorted(set(ours) | set(theirs)):
        a, b = ours.get(k), theirs.get(k)
        if a == b:
            same += 1
        else:
            diffs.append((k, a, b))
    by_rule = {}
    for k in ours:
        by_rule.setdefault(k[0], [0, 0])[0] += 1
    for k in theirs:
        by_rule.setdefault(k[0], [0, 0])[1] += 1
    for r, (n_sql, n_guize) in sorted(by_rule.items()):
        print(f"{r}: SQL {n_sql} 个实例 / instances, guize {n_guize}")
    print(f"一致 / agree: {same}; 不同 / differ: {len(diffs)}")
    for k, a, b in diffs:
        print(f"- {k}\n    SQL:   {json.dumps(a, ensure_ascii=False)}\n    guize: {json.dumps(b, ensure_ascii=False)}")
    return not diffs


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("facts")
    ap.add_argument("--as-of", required=True)
    ap.add_argument("--kinds", action="store_true", help="load only the event kinds the rules read")
    ap.add_argument("--out")
    ap.add_argument("--compare")
    args = ap.parse_args()
    import duckdb
    t0 = time.perf_counter()
    con = duckdb.connect()
    load(con, args.facts, args.kinds)
    rows = verdicts(con, args.as_of)
    secs = time.perf_counter() - t0
    print(f"duckdb_seconds {secs:.3f}", file=sys.stderr)
    mine = [as_json(r) for r in rows]
    summary = {}
    for i in mine:
        summary[(i["rule"], i["status"])] = summary.get((i["rule"], i["status"]), 0) + 1
    for (r, s), n in sorted(summary.items()):
        print(f"{r}\t{s}\t{n}")
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            for i in mine:
                f.write(json.dumps(i, ensure_ascii=False) + "\n")
    if args.compare and not compare(mine, args.compare):
        sys.exit(1)


if __name__ == "__main__":
    main()
