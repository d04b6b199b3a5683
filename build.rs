//! Records the versions of the solver crates locked in Cargo.lock, so a schedule can echo the
//! exact solver stack that produced it (HiGHS's own version comes from its C API at run time).

fn locked_version(lock: &str, name: &str) -> String {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{name}\"") {
            if let Some(version) = lines.next().and_then(|l| l.trim().strip_prefix("version = ")) {
                return version.trim_matches('"').to_owned();
            }
        }
    }
    "unknown".to_owned()
}

fn main() {
    println!("cargo:rerun-if-changed=Cargo.lock");
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    for (name, var) in [
        ("good_lp", "MTPLAN_GOOD_LP_VERSION"),
        ("highs-sys", "MTPLAN_HIGHS_SYS_VERSION"),
    ] {
        println!("cargo:rustc-env={var}={}", locked_version(&lock, name));
    }
}
