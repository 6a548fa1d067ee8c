//! The module tree's imports point one way: `src/lib.rs` declares the top-level modules
//! in the order data flows through them, and each may use only the ones declared before
//! it (see docs/DECISIONS.md, "The module tree").

use std::fs;
use std::path::{Path, PathBuf};

fn source(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The top-level modules, in the order `src/lib.rs` declares them (`mod m;` or
/// `pub mod m;`).
fn declared_order(src: &Path) -> Vec<String> {
    source(&src.join("lib.rs"))
        .lines()
        .filter_map(|line| line.strip_prefix("pub ").unwrap_or(line).strip_prefix("mod ")?.strip_suffix(';'))
        .map(str::to_owned)
        .collect()
}

/// Every `.rs` file of a top-level module: `name.rs`, or the files under `name/`.
fn files_of(src: &Path, module: &str) -> Vec<PathBuf> {
    let single = src.join(format!("{module}.rs"));
    if single.exists() {
        return vec![single];
    }
    let mut files = Vec::new();
    let mut folders = vec![src.join(module)];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if path.extension().is_some_and(|extension| extension == "rs") {
                files.push(path);
            }
        }
    }
    files
}

/// The top-level modules a line of code names as `crate::<module>`, comments aside.
fn named_modules(line: &str) -> impl Iterator<Item = &str> {
    let code = if line.trim_start().starts_with("//") { "" } else { line };
    code.match_indices("crate::").map(move |(at, _)| {
        let rest = &code[at + "crate::".len()..];
        let end = rest.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(rest.len());
        &rest[..end]
    })
}

#[test]
fn each_module_uses_only_the_modules_declared_before_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let order = declared_order(&src);
    assert!(order.len() >= 9, "lib.rs declares {order:?}");
    let mut backwards = Vec::new();
    for (position, module) in order.iter().enumerate() {
        for file in files_of(&src, module) {
            for (number, line) in source(&file).lines().enumerate() {
                for named in named_modules(line) {
                    let later = order.iter().position(|other| other == named).is_some_and(|at| at > position);
                    if later {
                        backwards.push(format!("{}:{}: {module} uses {named}", file.display(), number + 1));
                    }
                }
            }
        }
    }
    assert!(backwards.is_empty(), "imports against the flow:\n{}", backwards.join("\n"));
}

#[test]
fn the_check_finds_a_module_named_in_code() {
    assert_eq!(named_modules("use crate::convert::report::Note;").collect::<Vec<_>>(), ["convert"]);
    assert_eq!(
        named_modules("    #[serde(with = \"crate::encoding::amount\")]").collect::<Vec<_>>(),
        ["encoding"]
    );
    assert_eq!(named_modules("/// see [`crate::json`]").count(), 0);
}

/// The submodules of a folder module that a line of one of its files names
/// (`super::terms`, `crate::plans::terms`), comments aside.
fn sibling_modules<'a>(line: &'a str, folder: &str) -> impl Iterator<Item = &'a str> {
    let mut named = named_after(line, "super::");
    named.extend(named_after(line, &format!("crate::{folder}::")));
    named.into_iter()
}

/// A cycle among `edges` (module → the modules it uses), if there is one.
fn cycle(
    edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut std::collections::BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| seen == node) {
            let mut found = path[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = std::collections::BTreeSet::new();
    edges.keys().find_map(|node| visit(node, edges, &mut Vec::new(), &mut done))
}

/// The modules a line of code names right after `prefix` (`super::`,
/// `crate::convert::template::`), comments aside.
fn named_after<'a>(line: &'a str, prefix: &str) -> Vec<&'a str> {
    let code = if line.trim_start().starts_with("//") { "" } else { line };
    code.match_indices(prefix)
        .map(|(at, found)| {
            let rest = &code[at + found.len()..];
            let end = rest.find(|c: char| !(c.is_ascii_lowercase() || c == '_')).unwrap_or(rest.len());
            &rest[..end]
        })
        .collect()
}

/// Every `.rs` file under `folder`, at any depth.
fn files_under(folder: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            files.push(path);
        }
    }
    files
}

/// Checks that the files and subfolders of `folder` (the module `module`, as
/// `convert::template`) use one another without a cycle, then each subfolder alike. A
/// file names its siblings by `super::` or `crate::<module>::`; a subfolder by `super::`
/// in its `mod.rs`, or `crate::<module>::` in any of its files.
fn check_folder(folder: &Path, module: &str) {
    let mut edges = std::collections::BTreeMap::new();
    let absolute = format!("crate::{module}::");
    let is_sibling = |used: &str| {
        !used.is_empty() && (folder.join(format!("{used}.rs")).exists() || folder.join(used).is_dir())
    };
    for entry in fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let Some(name) = path.file_stem().and_then(|stem| stem.to_str()).filter(|name| *name != "mod") else {
            continue;
        };
        let mut uses = std::collections::BTreeSet::new();
        if path.is_dir() {
            for file in files_under(&path) {
                let text = source(&file);
                for line in text.lines() {
                    if file == path.join("mod.rs") {
                        uses.extend(sibling_modules(line, module).map(str::to_owned));
                    } else {
                        uses.extend(named_after(line, &absolute).into_iter().map(str::to_owned));
                    }
                }
            }
            check_folder(&path, &format!("{module}::{name}"));
        } else {
            for line in source(&path).lines() {
                uses.extend(sibling_modules(line, module).map(str::to_owned));
            }
        }
        uses.retain(|used: &String| used != name && is_sibling(used));
        edges.insert(name.to_owned(), uses);
    }
    assert_eq!(cycle(&edges), None, "src/{}/ uses its files in a cycle", module.replace("::", "/"));
}

#[test]
fn no_folder_module_has_a_cycle_among_its_files() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for module in declared_order(&src) {
        let folder = src.join(&module);
        if folder.is_dir() {
            check_folder(&folder, &module);
        }
    }
}

#[test]
fn the_cycle_check_finds_a_cycle() {
    let edges = [("a", vec!["b"]), ("b", vec!["c"]), ("c", vec!["a"]), ("d", vec![])]
        .into_iter()
        .map(|(node, uses)| (node.to_owned(), uses.into_iter().map(str::to_owned).collect()))
        .collect();
    assert_eq!(cycle(&edges), Some(vec!["a".into(), "b".into(), "c".into(), "a".into()]));
    assert_eq!(sibling_modules("use super::terms::Offset;", "plans").collect::<Vec<_>>(), ["terms"]);
    assert_eq!(sibling_modules("x(crate::plans::dates::due)", "plans").collect::<Vec<_>>(), ["dates"]);
}
