//! Embeds the sample corpus (`examples/corpus/`) and the bundled gazetteers
//! (`gazetteers/*.csv`) in the binary, so `whosaid extract` works from any directory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if !path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            out.push(path);
        }
    }
}

fn table(name: &str, root: &Path, keep: impl Fn(&Path) -> bool) -> String {
    let mut paths = Vec::new();
    files(root, &mut paths);
    paths.retain(|p| keep(p));
    paths.sort();
    let mut code = format!("pub static {name}: &[(&str, &[u8])] = &[\n");
    for path in paths {
        let rel = path
            .strip_prefix(root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    code
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let corpus = manifest.join("examples/corpus");
    let gazetteers = manifest.join("gazetteers");
    println!("cargo:rerun-if-changed={}", corpus.display());
    println!("cargo:rerun-if-changed={}", gazetteers.display());
    let mut code = table("CORPUS", &corpus, |p| {
        p.extension().is_some_and(|e| {
            ["txt", "html", "htm", "jsonl"].contains(&e.to_string_lossy().as_ref())
        })
    });
    code += &table("GAZETTEERS", &gazetteers, |p| {
        p.extension().is_some_and(|e| e == "csv")
    });
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("bundled.rs");
    std::fs::write(out, code).unwrap();
}
