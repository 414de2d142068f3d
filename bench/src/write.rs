//! Writing the five tables. Rows go through one `BufWriter` each, ids are formatted by hand
//! into a stack buffer: no allocation per row.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use crate::cal::Cal;
use crate::events::{Batch, Ev, SEPARATORS, UNIT};
use crate::rng::Rng;
use crate::shapes::Vocab;
use crate::world::{Seg, UKind, World};

/// A buffered table file.
pub struct Table(BufWriter<File>);

impl Table {
    /// Creates `dir/name` and writes its header line.
    pub fn create(dir: &Path, name: &str, header: &str) -> io::Result<Table> {
        let f = File::create(dir.join(name))?;
        let mut t = Table(BufWriter::with_capacity(1 << 20, f));
        t.0.write_all(header.as_bytes())?;
        t.0.write_all(b"\n")?;
        Ok(t)
    }

    /// Writes raw bytes.
    pub fn raw(&mut self, b: &[u8]) -> io::Result<()> {
        self.0.write_all(b)
    }

    /// Writes `prefix` and `n` zero-padded to `width` digits.
    pub fn id(&mut self, prefix: u8, n: u32, width: usize) -> io::Result<()> {
        let mut buf = [b'0'; 10];
        let (mut n, mut i) = (n, buf.len());
        loop {
            i -= 1;
            buf[i] = b'0' + (n % 10) as u8;
            n /= 10;
            if n == 0 {
                break;
            }
        }
        self.0.write_all(&[prefix])?;
        self.0.write_all(&buf[i.min(buf.len() - width)..])
    }

    /// The id of a party (`P` person or `U` unit, both numbered from 1).
    pub fn party(&mut self, p: u32) -> io::Result<()> {
        if p & UNIT != 0 {
            self.id(b'U', (p & !UNIT) + 1, 5)
        } else {
            self.id(b'P', p + 1, 6)
        }
    }

    /// Flushes the file.
    pub fn finish(mut self) -> io::Result<()> {
        self.0.flush()
    }
}

const KIND: [&str; 3] = ["党委", "纪委", "组织部"];

/// 单位.csv.
pub fn units(dir: &Path, w: &World) -> io::Result<()> {
    let mut t = Table::create(dir, "单位.csv", "编号,名称,类别,上级,同级")?;
    for (i, u) in w.units.iter().enumerate() {
        t.party(UNIT | i as u32)?;
        t.raw(b",")?;
        t.raw(u.name.as_bytes())?;
        t.raw(b",")?;
        t.raw(KIND[u.kind as usize].as_bytes())?;
        t.raw(b",")?;
        if let Some(p) = u.parent {
            t.party(UNIT | p)?;
        }
        t.raw(b",")?;
        if let Some(p) = u.peer {
            t.party(UNIT | p)?;
        }
        t.raw(b"\n")?;
    }
    t.finish()
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀英", "华", "建国", "卫东", "桂芳", "晓明", "丽娟", "志强", "海燕", "文", "斌", "平", "红",
];

/// 人员.csv.
pub fn people(dir: &Path, w: &World, rng: &mut Rng) -> io::Result<()> {
    let mut t = Table::create(dir, "人员.csv", "编号,姓名")?;
    for p in 0..w.people {
        t.party(p)?;
        t.raw(b",")?;
        t.raw(rng.pick(SURNAMES).as_bytes())?;
        t.raw(rng.pick(GIVEN).as_bytes())?;
        t.raw(b"\n")?;
    }
    t.finish()
}

/// 任职.csv: each unit's sole post, its 班子成员 slots, and the 纪委书记 and 组织部长 again as
/// 班子成员 of their 同级 党委 (two posts at once).
pub fn tenures(dir: &Path, w: &World, cal: &Cal) -> io::Result<()> {
    let mut t = Table::create(dir, "任职.csv", "人员,单位,职务,起始,终止")?;
    let role = ["一把手", "纪委书记", "组织部长"];
    for (i, u) in w.units.iter().enumerate() {
        let i = i as u32;
        for s in &w.heads[i as usize] {
            tenure(&mut t, cal, s, i, role[u.kind as usize])?;
            if u.kind != UKind::Party {
                tenure(&mut t, cal, s, u.peer.expect("同级"), "班子成员")?;
            }
        }
        for slot in &w.members[i as usize] {
            for s in slot {
                tenure(&mut t, cal, s, i, "班子成员")?;
            }
        }
    }
    t.finish()
}

fn tenure(t: &mut Table, cal: &Cal, s: &Seg, unit: u32, role: &str) -> io::Result<()> {
    t.party(s.person)?;
    t.raw(b",")?;
    t.party(UNIT | unit)?;
    t.raw(b",")?;
    t.raw(role.as_bytes())?;
    t.raw(b",")?;
    t.raw(cal.text(s.start))?;
    t.raw(b",")?;
    if let Some(e) = s.end {
        t.raw(cal.text(e))?;
    }
    t.raw(b"\n")
}

/// 届次.csv: each 党委's term before and during the period (five years each; the current one
/// began in 2021 and ends after the period).
pub fn terms(dir: &Path, w: &World, cal: &Cal, rng: &mut Rng) -> io::Result<()> {
    let mut t = Table::create(dir, "届次.csv", "单位,届次,起始,终止")?;
    for &u in &w.parties {
        let start = w.start + rng.range(0, 300);
        let n = rng.range(10, 16);
        for (k, (a, b)) in [(start - 1826, start - 1), (start, start + 1825)].into_iter().enumerate() {
            t.party(UNIT | u)?;
            t.raw(format!(",第{}届,", n + k as i32).as_bytes())?;
            t.raw(cal.text(a))?;
            t.raw(b",")?;
            t.raw(cal.text(b))?;
            t.raw(b"\n")?;
        }
    }
    t.finish()
}

/// The header of 事件.csv.
pub fn event_header(v: &Vocab) -> String {
    let mut h = String::from("编号,日期,类型,单位,主体,对象");
    for c in &v.columns {
        h.push(',');
        h.push_str(c);
    }
    h
}

/// Writes events in order, numbering them from `*next`.
pub fn events(t: &mut Table, evs: &[Ev], b: &Batch, v: &Vocab, cal: &Cal, next: &mut u32) -> io::Result<()> {
    let blank = ",".repeat(v.columns.len());
    for e in evs {
        *next += 1;
        t.id(b'E', *next, 8)?;
        t.raw(b",")?;
        t.raw(cal.text(e.date))?;
        t.raw(b",")?;
        t.raw(v.kinds[e.kind as usize].name.as_bytes())?;
        t.raw(b",")?;
        if e.unit != u32::MAX {
            t.party(UNIT | e.unit)?;
        }
        for r in [e.actors, e.targets] {
            t.raw(b",")?;
            for (i, &p) in b.parties[r.0 as usize..r.1 as usize].iter().enumerate() {
                if i > 0 {
                    t.raw(SEPARATORS[e.sep as usize].as_bytes())?;
                }
                t.party(p)?;
            }
        }
        if e.fields.1 > e.fields.0 {
            t.raw(&b.text[e.fields.0 as usize..e.fields.1 as usize])?;
        } else {
            t.raw(blank.as_bytes())?;
        }
        t.raw(b"\n")?;
    }
    Ok(())
}
