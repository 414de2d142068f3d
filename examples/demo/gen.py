#!/usr/bin/env python3
"""Writes the demo county's fact tables (deterministic; standard library only).

Run from this directory: python3 gen.py. The CSVs are committed; guize never runs this script.
"""
import csv, datetime as dt, random

rng = random.Random(20221122)
D = dt.date.fromisoformat

units = [
    ("S01", "江淮市委", "党委", "", ""), ("S02", "江淮市纪委", "纪委", "", "S01"),
    ("U01", "青溪县委", "党委", "S01", ""), ("U02", "青溪县纪委", "纪委", "S02", "U01"),
    ("U03", "青溪县委组织部", "组织部", "U01", "U01"),
    ("U11", "甲镇党委", "党委", "U01", ""), ("U12", "乙镇党委", "党委", "U01", ""),
    ("U13", "丙乡党委", "党委", "U01", ""), ("U14", "县教育局党组", "党委", "U01", ""),
    ("U21", "甲镇纪委", "纪委", "U02", "U11"), ("U22", "乙镇纪委", "纪委", "U02", "U12"),
]
surn = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
given = ["建国", "志强", "秀英", "海燕", "立新", "晓明", "红梅", "卫东", "春华", "国庆", "玉兰", "永刚", "丽娟", "文斌", "桂芳", "德明"]
people = [(f"P{i:03d}", surn[i % len(surn)] + given[(i * 7) % len(given)]) for i in range(1, 43)]

T = []  # (person, unit, role, start, end)
def ten(p, u, r, s, e=""): T.append((p, u, r, s, e))
ten("P001", "S01", "一把手", "2020-01-01")
ten("P002", "S02", "纪委书记", "2020-01-01")
ten("P003", "U01", "一把手", "2021-01-01", "2023-06-15")   # county head changes mid-year
ten("P004", "U01", "一把手", "2023-06-15")                  # same-day handover
ten("P005", "U02", "纪委书记", "2021-01-01")
ten("P006", "U03", "组织部长", "2021-01-01")
ten("P006", "U01", "班子成员", "2021-01-01")                # two posts
heads = {"U11": ["P011"], "U12": ["P012", "P013"], "U13": ["P014"], "U14": ["P015"]}
ten("P011", "U11", "一把手", "2021-01-01")
ten("P012", "U12", "一把手", "2021-01-01", "2023-06-15")
ten("P013", "U12", "一把手", "2023-06-15")
ten("P010", "U13", "一把手", "2021-01-01", "2022-03-01")
ten("P014", "U13", "一把手", "2022-03-01")
ten("P015", "U14", "一把手", "2022-06-01")
ten("P016", "U21", "纪委书记", "2021-01-01")
ten("P017", "U22", "纪委书记", "2021-01-01")
members = {"U01": ["P020", "P021", "P022"], "U11": ["P023", "P024", "P025"], "U12": ["P026", "P027", "P028"],
           "U13": ["P029", "P030", "P031"], "U14": ["P032", "P033", "P034"]}
for u, ms in members.items():
    for m in ms:
        ten(m, u, "班子成员", "2021-01-01", "2024-08-31" if m == "P031" else "")

E = []
def ev(date, kind, unit, actor, target, flag="", **fields):
    E.append([date, kind, unit, actor, target, flag, fields])

head_of = lambda u, d: next(p for (p, uu, r, s, e) in T if uu == u and r == "一把手" and D(s) <= D(d) and (not e or D(e) >= D(d)))
parent = {u[0]: u[3] for u in units}

# (三) 监督谈话: each year; some gaps.
for y in (2022, 2023, 2024):
    for u in ("U11", "U12", "U13", "U14", "U01"):
        if (y, u) in {(2023, "U13"), (2024, "U14"), (2024, "U13")}:
            continue  # 2023 丙乡 violated; 2024 pending for 教育局 and 丙乡
        d = f"{y}-{rng.randint(3, 11):02d}-{rng.randint(1, 28):02d}"
        if (y, u) == (2022, "U11"): d = "2022-12-31"                   # last day of the window
        if u == "U14" and y == 2022: d = "2022-09-09"
        ev(d, "监督谈话", parent[u], head_of(parent[u], d), head_of(u, d))
ev("2023-06-15", "监督谈话", "U01", "P004", "P012、P013")            # handover day in 乙镇: counts for both
ev("2023-05-20", "监督谈话", "U01", "P003", "P013")                    # P013 not yet 一把手: does not count

# (三) 任职谈话 (及时 = 30日): P014 start 2022-03-01 (before 生效 2022-05-02: no instance),
# P015 2022-06-01 → talk on 07-01 (d+30, satisfied); P004 2023-06-15 by P001 on 07-16 (d+31, late);
# P013 2023-06-15 by P004 → none (violated).
ev("2022-07-01", "任职谈话", "U01", "P003", "P015")
ev("2023-07-16", "任职谈话", "S01", "P001", "P004")

# (三) 专题约谈 / 诫勉.
ev("2023-03-10", "失职失责", "U11", "", "P011"); ev("2023-03-30", "专题约谈", "U01", "P003", "P011")  # satisfied
ev("2023-09-01", "失职失责", "U12", "", "P013"); ev("2023-10-20", "专题约谈", "U01", "P004", "P013")  # late
ev("2024-04-02", "失职失责", "U13", "", "P014")                                                         # violated
ev("2024-12-10", "失职失责", "U14", "", "P015")                                                         # pending
ev("2024-05-06", "轻微违纪", "U11", "", "P011"); ev("2024-05-20", "诫勉", "U01", "P004", "P011")        # satisfied

# (四) 离岗事先报告.
ev("2023-04-01", "请示报告", "U11", "P011", "U01"); ev("2023-04-02", "离开岗位", "U11", "P011", "")  # satisfied
ev("2024-02-10", "请示报告", "U12", "P013", "U01"); ev("2024-02-10", "离开岗位", "U12", "P013", "")  # same day: violated
ev("2024-07-15", "离开岗位", "U14", "P015", "")                                                      # never reported: violated

# (十一) 谈心谈话, (十四) 听取汇报: each member yearly, a few gaps.
for y in (2022, 2023, 2024):
    for u, ms in members.items():
        for m in ms:
            if (y, m) in {(2023, "P024"), (2024, "P033")}:
                continue
            d = f"{y}-{rng.randint(6, 11):02d}-{rng.randint(1, 28):02d}"
            ev(d, "谈心谈话", u, head_of(u, d), m)
        if (y, u) == (2023, "U12"):
            continue  # 乙镇 2023 听取汇报 missing for all members
        d = f"{y}-{rng.randint(6, 11):02d}-{rng.randint(1, 28):02d}"
        ev(d, "听取汇报", u, head_of(u, d), "、".join(ms if not (y == 2024 and u == "U13") else ms[:2]))

# (十四) 年度计划 by 3-31.
for y in (2022, 2023, 2024):
    for u in ("S01", "U01", "U11", "U12", "U13", "U14"):
        if y == 2022 and u != "U01":
            d = f"2022-{rng.randint(1, 3):02d}-15"
        elif (y, u) == (2023, "U12"): d = "2023-04-12"      # late
        elif (y, u) == (2024, "U14"): continue               # violated
        elif (y, u) == (2024, "U11"): d = "2024-03-31"       # deadline day
        else: d = f"{y}-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}"
        ev(d, "年度计划", u, u, "", 分解工作任务="是", 明确班子成员责任分工="否" if (y, u) == (2023, "U13") else "是")

# (十七) 纪委工作报告 half-yearly to the 上级纪委; (十八) 专题报告 to the 同级党委 一把手.
upper = {"U02": "S02", "U21": "U02", "U22": "U02"}
peer = {"S02": "S01", "U02": "U01", "U21": "U11", "U22": "U12"}
for y in (2022, 2023, 2024):
    for h, (lo, hi) in enumerate(((1, 6), (7, 12))):
        for k in ("S02", "U02", "U21", "U22"):
            d = f"{y}-{rng.randint(lo, hi):02d}-{rng.randint(1, 28):02d}"
            if k in upper and (y, h, k) not in {(2023, 1, "U22"), (2024, 1, "U21")}:
                flag = "否" if (y + h) % 3 else "是"
                if (y, h, k) == (2024, 0, "U21"): flag = ""   # (十七) report without the answer: violated
                ev(d, "工作报告", k, k, upper[k], flag)
            if (y, h, k) not in {(2022, 1, "S02"), (2024, 1, "U22")}:
                ev(d, "专题报告", k, k, head_of(peer[k], d))

# Routine trips away from post, reported the day before (satisfied), and second talks of the year.
for y in (2022, 2023, 2024):
    for q in range(1, 13):
        for u in ("U01", "U11"):
            d = D(f"{y}-{q:02d}-{rng.randint(2, 27):02d}")
            if d < D("2022-06-01") and u == "U14": continue
            if d > D("2024-12-31"): continue
            h = head_of(u, d.isoformat())
            ev((d - dt.timedelta(days=1 + rng.randint(0, 3))).isoformat(), "请示报告", u, h, parent[u])
            ev(d.isoformat(), "离开岗位", u, h, "")
    for u, ms in members.items():
        for m in ms[:2]:
            d = f"{y}-{rng.randint(1, 5):02d}-{rng.randint(1, 28):02d}"
            if u == "U14" and D(d) < D("2022-06-01"): continue
            ev(d, "谈心谈话", u, head_of(u, d), m)

# Duplicates as real records have them.
ev("2024-05-20", "诫勉", "U01", "P004", "P011")
ev("2021-11-11", "监督谈话", "S01", "P001", "P003")   # before the effective date, in a window that is not produced

# ---- Patterns of 规则_续.guize (no random numbers below: earlier rows stay as they were) ----
# (六) 末位表态 in 甲镇: topic 甲 last (fine), topic 乙 first (violated), topic 丙 tied (fine);
# 乙镇 一把手 sets the tone beforehand (事先定调, violated). One topic per day (same-day records by the
# same person would be duplicates, semantics §3.1).
for who, n in (("P023", 1), ("P024", 2), ("P011", 3)):
    ev("2023-03-15", "表态", "U11", who, "", 议题="甲", 次序=n)
for who, n in (("P011", 1), ("P023", 2)):
    ev("2024-04-10", "表态", "U11", who, "", 议题="乙", 次序=n)
for who, n in (("P011", 2), ("P024", 2)):
    ev("2024-04-17", "表态", "U11", who, "", 议题="丙", 次序=n)
ev("2024-06-05", "表态", "U12", "P013", "", 议题="丁", 次序=3, 事先定调="是")
# (十三) decisions: 甲镇 at the 常委会 (fine), 乙镇 at a 专题会议 (violated).
ev("2023-05-05", "决策", "U11", "U11", "", 会议类型="常委会")
ev("2023-08-08", "决策", "U12", "U12", "", 会议类型="专题会议")
# (九) 述责述廉 at the enlarged meeting of the 上级党委 (扩大会议述责述廉), 抽查核实 by the 党委; terms: 市委 第五届 ended (P004 uncovered: violated),
# 县委 第十五届 still open (pending, P010 and P013 uncovered).
for d, who, up in (("2022-12-20", "P011", "U01"), ("2022-12-21", "P012", "U01"), ("2023-12-20", "P014", "U01"),
                   ("2024-11-20", "P015", "U01"), ("2022-12-25", "P003", "S01")):
    ev(d, "扩大会议述责述廉", up, who, up)
ev("2022-06-10", "抽查核实", "U01", "U01", "P011"); ev("2023-07-10", "抽查核实", "U01", "U01", "P014")
ev("2023-09-10", "抽查核实", "S01", "S01", "P004")
# (十九) first 常委会 after taking office: P004 discloses (satisfied), P013 does not (violated),
# P015 has had none (pending); yearly disclosure at the 民主生活会 (民主生活会公开个人事项), two years missed.
ev("2023-06-20", "常委会会议", "U01", "P004", "", 公开个人事项="是")
ev("2023-07-01", "常委会会议", "U12", "P013", "", 公开个人事项="否")
for y in (2022, 2023, 2024):
    for u in ("S01", "U01", "U11", "U12", "U13", "U14"):
        if (y, u) in {(2023, "U13"), (2024, "U14")}: continue
        d = f"{y}-12-{10 + len(u):02d}"
        if u == "U14" and y == 2022: d = "2022-12-12"
        ev(d, "民主生活会公开个人事项", u, head_of(u, d), "")
# (二十五) a 纪检监察建议 from the 县纪委 must be answered 按时 (assumed 30日); a late answer calls for
# 责令改正 and 通报批评 by the 上级党委 (未写期限, assumed 30日).
ev("2023-05-10", "收到纪检监察建议", "U11", "U02", "U11", 反馈期限="2023-06-09"); ev("2023-05-30", "反馈整改落实情况", "U11", "U11", "U02")  # satisfied
ev("2024-03-01", "收到纪检监察建议", "U12", "U02", "U12", 反馈期限="2024-03-31"); ev("2024-04-15", "责令改正", "U01", "U01", "U12")  # violated → 责令改正 done, no 通报批评
ev("2024-06-01", "收到纪检监察建议", "U13", "U02", "U13", 反馈期限="2024-07-01")                                                       # violated → neither

# 安徽 (二) 纪检机关、组织部门负责人 talk with each 下级一把手 once a year: the 县纪委书记 P005 and the
# 组织部长 P006 with the 乡镇/部门 heads, the 市纪委书记 P002 with the 县委 head. Gaps: 丙乡 2023 no 纪委 talk
# (violated); 教育局 2024 no 组织部 talk (pending on the as-of day).
for y in (2022, 2023, 2024):
    for k, u in enumerate(("U11", "U12", "U13", "U14"), 1):
        d = f"{y}-09-1{k}"
        if (y, u) != (2023, "U13"):
            ev(d, "谈心谈话", "U02", "P005", head_of(u, d))
        if (y, u) != (2024, "U14"):
            ev(f"{y}-10-1{k}", "谈心谈话", "U03", "P006", head_of(u, d))
    ev(f"{y}-09-20", "谈心谈话", "S02", "P002", head_of("U01", f"{y}-09-20"))
# 安徽 (十七) 下级纪委 yearly 述职 to the 上级纪委, saying whether it found problems of its 同级党委:
# 乙镇纪委 2023 none (violated); 甲镇纪委 2024 without the answer (violated, P8).
for y in (2022, 2023, 2024):
    for k in ("U02", "U21", "U22"):
        if (y, k) == (2023, "U22"): continue
        ev(f"{y}-12-05", "纪委述职", k, k, upper[k], "" if (y, k) == (2024, "U21") else "否")

FIELDS = ["是否报告同级党委问题", "议题", "次序", "事先定调", "会议类型", "公开个人事项", "分解工作任务", "明确班子成员责任分工", "反馈期限"]
E.sort(key=lambda e: (e[0], e[1]))
rows = [[f"E{i:04d}"] + e[:5] + [e[5]] + [e[6].get(f, "") for f in FIELDS[1:]] for i, e in enumerate(E, 1)]
# Real records are not sorted: move a few rows.
for a, b in ((3, 40), (100, 7), (150, 260)):
    if b < len(rows): rows[a], rows[b] = rows[b], rows[a]

# 分工 (安徽省措施 (八).双反馈一通报, (二十四).分管领导约谈): the 县委's members and the towns each is the
# 分管联系领导 for. Appended after numbering (F ids), so the other events keep their numbers.
A = [("P003", "U01", "全面工作", "", "2021-01-01", "2023-06-15"), ("P004", "U01", "全面工作", "", "2023-06-15", ""),
     ("P020", "U01", "组织、干部人事", "U11、U12", "2021-01-01", ""),
     ("P021", "U01", "纪检、巡察", "U13、U14", "2021-01-01", ""), ("P022", "U01", "宣传、统战", "", "2021-01-01", "")]
blank = [""] * len(FIELDS)
rows += [["F0001", "2024-05-08", "巡视巡察反馈", "U01", "U01", "U11"] + blank,          # 甲镇: 通报 P020 the same day
         ["F0002", "2024-05-08", "通报巡视巡察意见", "U01", "U01", "U11、P020"] + blank,
         ["F0003", "2024-09-12", "巡视巡察反馈", "U01", "U01", "U13"] + blank,          # 丙乡: 通报 P020, not P021: violated
         ["F0004", "2024-09-12", "通报巡视巡察意见", "U01", "U01", "U13、P020"] + blank,
         ["F0005", "2024-10-15", "整改不到位", "U01", "U01", "U13"] + blank,            # 丙乡: P021 约谈 P014 in time
         ["F0006", "2024-10-28", "约谈", "U01", "P021", "U13、P014"] + blank]

def write(name, header, data):
    with open(name, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n"); w.writerow(header); w.writerows(data)

write("单位.csv", ["编号", "名称", "类别", "上级", "同级"], units)
write("人员.csv", ["编号", "姓名"], people)
write("任职.csv", ["人员", "单位", "职务", "起始", "终止"], T)
write("事件.csv", ["编号", "日期", "类型", "单位", "主体", "对象"] + FIELDS, rows)
write("届次.csv", ["单位", "届次", "起始", "终止"],
      [("S01", "第五届", "2021-06-01", "2024-05-31"), ("U01", "第十五届", "2021-09-01", "2026-08-31")])
write("分工.csv", ["人员", "单位", "分管", "联系单位", "起始", "终止"], A)
print(len(units), "units,", len(people), "people,", len(T), "tenures,", len(rows), "events")

# ---- 吉安县 and 十个必严: the same county, with the events those rulesets declare ----
import os
def subset(d, prefix, tenures, events, fields):
    os.makedirs(d, exist_ok=True)
    write(f"{d}/单位.csv", ["编号", "名称", "类别", "上级", "同级"], units)
    write(f"{d}/人员.csv", ["编号", "姓名"], people)
    write(f"{d}/任职.csv", ["人员", "单位", "职务", "起始", "终止"], tenures)
    events.sort(key=lambda e: (e[0], e[1]))
    write(f"{d}/事件.csv", ["编号", "日期", "类型", "单位", "主体", "对象"] + fields,
          [[f"{prefix}{i:03d}"] + e for i, e in enumerate(events, 1)])

# 吉安县: P011 has headed 甲镇 since 2017 (满3年 2020-03-01, audit by the 县委 never done: violated).
# 诫勉 and 经济责任审计 are acts of the 县委 (unit U01) or 市委 (S01), recorded with the unit as 主体.
TJ = [t if t[:3] != ("P011", "U11", "一把手") else ("P011", "U11", "一把手", "2017-03-01", "") for t in T]
J = []
bad = {("P012", "2022-06-30"), ("P012", "2022-12-20"), ("P011", "2023-06-30"), ("P011", "2023-12-20"),
       ("P014", "2022-12-20"), ("P014", "2023-12-20"), ("P015", "2024-06-30"), ("P015", "2024-12-20")}
for y in (2022, 2023, 2024):
    for d in (f"{y}-06-30", f"{y}-12-20"):
        for u in ("U11", "U12", "U13", "U14"):
            if u == "U14" and d < "2022-06-01": continue
            h = head_of(u, d)
            J.append([d, "形象测评", "U01", "U01", h, "是" if (h, d) in bad else "否", "", ""])
J.append(["2023-01-05", "诫勉", "U01", "U01", "P012", "", "", ""])          # P012: two in a row → 诫勉 in time
J.append(["2024-02-20", "经济责任审计", "S01", "S01", "P003", "", "", ""])  # P003 left 2023-06-15: late
J.append(["2022-04-10", "经济责任审计", "U01", "U01", "P010", "", "", ""])  # P010 left 2022-03-01: satisfied
J.append(["2023-11-01", "经济责任审计", "U01", "U01", "P012", "", "", ""])  # P012 left 2023-06-15: late
subset("吉安县", "J", TJ, J, ["位列后三名", "规则", "理由"])

# 十个必严: 廉政意见回复 by the 纪委, one not studied collectively (violated).
X = [["2022-08-01", "廉政意见回复", "U02", "U02", "P015", "是"], ["2023-06-10", "廉政意见回复", "U02", "U02", "P004", "是"],
     ["2023-06-14", "廉政意见回复", "U02", "U02", "P013", "否"], ["2024-03-05", "廉政意见回复", "U02", "U02", "P014", "是"],
     ["2024-07-01", "廉政意见回复", "S02", "S02", "P004", "是"]]
subset("十个必严", "X", T, X, ["集体研究"])
