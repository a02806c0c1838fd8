//! How an attachment request fails (a leaf module: the uploads, the quota and the routes
//! share it).

use super::MAX_SIZE;

/// Why an attachment request failed.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    /// No such record, upload or attachment, or none the caller may see.
    #[error("未找到")]
    NotFound,
    /// A malformed request.
    #[error("{0}")]
    BadRequest(String),
    /// Over the size limit.
    #[error("文件过大：附件最大 {} MB", MAX_SIZE / 1024 / 1024)]
    TooLarge,
    /// Too many unfinished uploads, or too many bytes of them, for one account.
    #[error("未完成的上传过多（最多 {count} 个、共 {megabytes} MB），请等已有上传完成后再试")]
    QuotaExceeded {
        /// Uploads at once.
        count: i64,
        /// Megabytes at once.
        megabytes: i64,
    },
    /// The chunk does not start where the server's count is.
    #[error("续传位置不对：服务器已收到 {received} 字节")]
    WrongOffset {
        /// Where the next chunk must start.
        received: i64,
    },
    /// The whole file does not have the announced hash; the upload starts over.
    #[error("文件内容与校验值不符，请重新上传")]
    HashMismatch,
    /// Not an image or PDF by content.
    #[error("只接受图片（JPEG、PNG、WebP）和 PDF 文件")]
    NotAllowedType,
    /// The database failed.
    #[error("database: {0}")]
    Db(#[from] sqlx::Error),
    /// The disk failed.
    #[error("storage: {0}")]
    Io(#[from] std::io::Error),
}

pub(super) type Result<T> = std::result::Result<T, AttachmentError>;
