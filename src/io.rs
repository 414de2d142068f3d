//! Reading input files from strangers: only regular files, only up to a stated size.
//!
//! A FIFO would block the read forever, `/dev/zero` would be read until memory runs out, and a
//! directory or a socket cannot be read at all: each is refused with E0002 before it is opened.
//! A file larger than its limit is E0003; at most `limit + 1` bytes are ever read (a file that
//! grows while it is read is caught too). Every loader of an input file uses
//! [`read_regular_file`]: the rule-file loader (`cli/load.rs`) with [`RULE_FILE_LIMIT`].

use std::io::Read;
use std::path::Path;

use crate::diagnostics::Diag;

/// The largest rule file read: 16 MiB (the shipped rule files are under 20 kB; 40,000 rules
/// are about 4 MB).
pub const RULE_FILE_LIMIT: u64 = 16 << 20;

/// The bytes of the regular file at `path`, if it is one and holds at most `limit` bytes.
#[allow(clippy::result_large_err)]
pub fn read_regular_file(path: &Path, limit: u64) -> Result<Vec<u8>, Diag> {
    let meta = std::fs::metadata(path).map_err(|e| cannot_read(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta.file_type()));
    }
    if meta.len() > limit {
        return Err(too_large(path, meta.len(), limit));
    }
    let file = std::fs::File::open(path).map_err(|e| cannot_read(path, &e))?;
    // The path may have been replaced between the two looks: ask the open file again.
    let meta = file.metadata().map_err(|e| cannot_read(path, &e))?;
    if !meta.is_file() {
        return Err(not_regular(path, &meta.file_type()));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(limit) as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| cannot_read(path, &e))?;
    if bytes.len() as u64 > limit {
        return Err(too_large(path, bytes.len() as u64, limit));
    }
    Ok(bytes)
}

/// E0001: the file cannot be read.
pub fn cannot_read(path: &Path, e: &std::io::Error) -> Diag {
    Diag::error(
        "E0001",
        format!("无法读取 `{}`：{e}", path.display()),
        format!("cannot read `{}`: {e}", path.display()),
    )
}

/// What kind of file this is, in both languages.
fn kind_words(t: &std::fs::FileType) -> (&'static str, &'static str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return ("命名管道（FIFO）", "a named pipe (FIFO)");
        }
        if t.is_char_device() {
            return ("字符设备", "a character device");
        }
        if t.is_block_device() {
            return ("块设备", "a block device");
        }
        if t.is_socket() {
            return ("套接字", "a socket");
        }
    }
    if t.is_dir() {
        return ("目录", "a directory");
    }
    ("特殊文件", "a special file")
}

fn not_regular(path: &Path, t: &std::fs::FileType) -> Diag {
    let (zh, en) = kind_words(t);
    Diag::error(
        "E0002",
        format!("`{}` 是{zh}，不是普通文件，未读取", path.display()),
        format!("`{}` is {en}, not a regular file; not read", path.display()),
    )
    .help(
        "只读取普通文件：把内容保存为文件后再给出它的路径",
        "only regular files are read: save the content to a file and give its path",
    )
}

fn too_large(path: &Path, size: u64, limit: u64) -> Diag {
    Diag::error(
        "E0003",
        format!(
            "`{}` 有 {size} 字节，超过上限 {limit} 字节，未读取",
            path.display()
        ),
        format!(
            "`{}` has {size} bytes, more than the limit of {limit}; not read",
            path.display()
        ),
    )
    .help(
        "README 的“输入的限制”一节列出每种文件的上限；规则可拆分到同一目录下的多个文件中",
        "README, \"Input limits\", lists the limit of every kind of file; rules may be split over several files of one directory",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_large_one_refused() {
        let dir = std::env::temp_dir().join(format!("guize-io-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("a.guize");
        std::fs::write(&p, "规则集 甲\n").unwrap();
        assert_eq!(
            read_regular_file(&p, 100).unwrap(),
            "规则集 甲\n".as_bytes()
        );
        let d = read_regular_file(&p, 5).unwrap_err();
        assert_eq!(d.code, "E0003");
        let d = read_regular_file(&dir, 100).unwrap_err();
        assert_eq!(d.code, "E0002");
        assert!(d.message.zh.contains("目录"), "{}", d.message.zh);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn dev_zero_is_refused_without_reading() {
        let d = read_regular_file(Path::new("/dev/zero"), 100).unwrap_err();
        assert_eq!(d.code, "E0002");
        assert!(d.message.zh.contains("字符设备"), "{}", d.message.zh);
    }
}
