//! Where the bytes live: `<dir>/<first two hex digits>/<sha256>` for kept files, and
//! `<dir>/partial/<upload id>` for uploads under way. Files are renamed into place, so a kept
//! file is always whole.

use std::io::SeekFrom;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncSeekExt, AsyncWriteExt};

/// The attachment folder.
#[derive(Debug, Clone)]
pub struct AttachmentFiles {
    dir: PathBuf,
}

impl AttachmentFiles {
    /// Files under `dir` (created when needed).
    pub fn new(dir: impl Into<PathBuf>) -> AttachmentFiles {
        AttachmentFiles { dir: dir.into() }
    }

    /// The kept file of `sha256` (64 lowercase hex digits, checked by the caller).
    pub fn kept(&self, sha256: &str) -> PathBuf {
        self.dir.join(&sha256[..2]).join(sha256)
    }

    fn partial(&self, upload: &str) -> PathBuf {
        self.dir.join("partial").join(upload)
    }

    /// Writes `bytes` at `offset` of the upload's partial file.
    pub async fn write_at(&self, upload: &str, offset: u64, bytes: &[u8]) -> std::io::Result<()> {
        let path = self.partial(upload);
        create_parent(&path).await?;
        let mut options = tokio::fs::OpenOptions::new();
        options.create(true).truncate(false).write(true);
        // Residents' documents: owner-only, like every data file.
        #[cfg(unix)]
        options.mode(0o600);
        let mut file = options.open(&path).await?;
        file.seek(SeekFrom::Start(offset)).await?;
        file.write_all(bytes).await?;
        file.sync_data().await
    }

    /// The partial file cut to `size` (bytes of an interrupted later chunk go), its SHA-256
    /// and its first bytes.
    pub async fn finish_partial(
        &self,
        upload: &str,
        size: u64,
    ) -> std::io::Result<(String, Vec<u8>)> {
        let path = self.partial(upload);
        let file = tokio::fs::OpenOptions::new()
            .write(true)
            .open(&path)
            .await?;
        file.set_len(size).await?;
        drop(file);
        let mut file = tokio::fs::File::open(&path).await?;
        let mut hasher = Sha256::new();
        let mut head = Vec::new();
        let mut buf = vec![0u8; 64 * 1024];
        loop {
            let n = file.read(&mut buf).await?;
            if n == 0 {
                break;
            }
            if head.len() < 512 {
                head.extend_from_slice(&buf[..n.min(512 - head.len())]);
            }
            hasher.update(&buf[..n]);
        }
        Ok((hex::encode(hasher.finalize()), head))
    }

    /// Moves a finished upload into place as `sha256`.
    pub async fn keep(&self, upload: &str, sha256: &str) -> std::io::Result<()> {
        let to = self.kept(sha256);
        create_parent(&to).await?;
        tokio::fs::rename(self.partial(upload), to).await
    }

    /// Forgets an upload's bytes.
    pub async fn discard(&self, upload: &str) {
        let _ = tokio::fs::remove_file(self.partial(upload)).await;
    }
}

async fn create_parent(path: &Path) -> std::io::Result<()> {
    match path.parent() {
        Some(dir) => {
            let mut builder = tokio::fs::DirBuilder::new();
            builder.recursive(true);
            #[cfg(unix)]
            builder.mode(0o700);
            builder.create(dir).await
        }
        None => Ok(()),
    }
}
