//! Secrets kept in files of the data folder (the audit and authorization signing keys, the
//! one-time codes' HMAC key): 32 random bytes as 64 hex characters, created owner-only (0600,
//! in a folder created 0700) if missing.

use std::path::Path;

use anyhow::Context;

/// The 32 bytes in `path`, created owner-only if the file is missing.
pub fn load_or_create(path: &Path) -> anyhow::Result<[u8; 32]> {
    if path.exists() {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
        return hex::decode(text.trim())
            .ok()
            .and_then(|b| b.try_into().ok())
            .with_context(|| format!("{} must hold 64 hex characters", path.display()));
    }
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        create_private_dir(dir)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    use std::io::Write;
    match options.open(path) {
        Ok(mut file) => file.write_all(hex::encode(bytes).as_bytes())?,
        // Another process made it first: theirs is the key.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return load_or_create(path),
        Err(e) => return Err(e).with_context(|| format!("creating {}", path.display())),
    }
    Ok(bytes)
}

/// Creates `dir` and its missing parents; the folders it creates are owner-only (0700).
pub fn create_private_dir(dir: &Path) -> anyhow::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
        .create(dir)
        .with_context(|| format!("creating the folder {}", dir.display()))
}

/// Whether anybody but the owner may read or write `path` (always false off Unix).
pub fn open_to_others(path: &Path) -> anyhow::Result<bool> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)
            .with_context(|| format!("reading the permissions of {}", path.display()))?
            .permissions()
            .mode();
        Ok(mode & 0o077 != 0)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_secret_is_owner_only_and_read_back() {
        let dir = std::env::temp_dir().join(format!("onedoor-secret-{}", uuid::Uuid::now_v7()));
        let path = dir.join("inner").join("k.hex");
        let made = load_or_create(&path).unwrap();
        assert_eq!(load_or_create(&path).unwrap(), made);
        assert!(!open_to_others(&path).unwrap());
        assert!(!open_to_others(&dir.join("inner")).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
            assert!(open_to_others(&path).unwrap());
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
